"""One module per divergence kind, each a detector over the shared Corpus."""
