"""Parallax: compare how several outlets covered the same event, side by side."""

__version__ = "0.1.0"
