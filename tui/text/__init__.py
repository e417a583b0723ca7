"""Primitives every stage shares: tokens and the one fold, numbers, sentences and spans,
clean text, word lists. Imports nothing of the package but the model."""
