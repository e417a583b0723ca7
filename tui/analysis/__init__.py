"""From Sources to clusters and divergences: pure functions, no I/O."""
