"""Allows ``python -m tui`` wherever the console script is not on PATH."""

from tui.cli import main

raise SystemExit(main())
