"""Command line entry point (being written)."""


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("parallax: the command line is not written yet")
