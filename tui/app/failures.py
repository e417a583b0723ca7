"""What the app says when sources fail to load."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tui.model import Source


def failure_notice(sources: Sequence[Source]) -> tuple[str, str] | None:
    """(title, message) for one notification per load, however many sources failed: a dozen
    dead outlets must not bury the screen under a dozen toasts. Each column keeps its own
    reason. None when every source loaded."""
    failed = [s for s in sources if not s.ok]
    if not failed:
        return None
    reasons = Counter(s.error or "failed" for s in failed)
    if len(reasons) == 1:
        detail = next(iter(reasons))
    else:
        detail = "\n".join(f"{s.outlet.name}: {s.error or 'failed'}" for s in failed[:4])
        if len(failed) > 4:
            detail += f"\n… and {len(failed) - 4} more (see the column headers)"
    return (
        f"{len(failed)} of {len(sources)} sources failed",
        f"{detail}\nFocus a column and press r to retry it, or R to retry all.",
    )
