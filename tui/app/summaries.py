"""How divergence summaries read in the panel and the status line.

The core writes one summary per divergence for the report, where room is no object: it names
every outlet behind every figure ("killed: 7 (Yerevan Courier (demo), Baku Herald (demo), …)
vs 9 (…)"), and on a 30-source event that is twenty names per side. An editor scanning the
panel needs the claim, not the roll call, so the app derives two shorter forms from the same
text: a *brief* for the one-line panel entry (outlet lists dropped, known lead-ins shortened)
and a *detail* for the status line and the selected entry (long outlet lists cut to a few
names and a count). Nothing is worked out here that the summary does not already say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A parenthesised group with nothing nested inside it: where summaries list outlets.
_GROUP = re.compile(r" ?\(([^()]*)\)")
# A parenthesised suffix such as " (demo)"; stripped only when every outlet carries it.
_SUFFIX = re.compile(r"\s*\([^()]*\)$")
# Lead-ins the core writes that the panel's kind glyph already says, and their short forms.
# Should the core change its wording, a pattern simply stops matching and the brief is longer.
_LEAD_INS = (
    (re.compile(r"^wording differs: "), ""),
    # The omitted fact first: "only Azerbaijani and International" would fill the line.
    (re.compile(r"^Only (.+?) sources? reports? \(no .+? sources? does\): (.*)$"), r"\2 — only \1"),
)
NAMES_KEPT = 3


@dataclass(frozen=True)
class Summaries:
    """Shortens the summaries of one comparison, given the names of its outlets."""

    short: dict[str, str]  # outlet name -> the name shown (a shared suffix dropped)

    @classmethod
    def for_outlets(cls, names: Iterable[str]) -> Summaries:
        """Drop a parenthesised suffix that every outlet shares: on the demo event each name
        ends in "(demo)", which says nothing when it is said twenty times a line."""
        unique = sorted(set(names), key=len, reverse=True)  # longest first: no partial swaps
        suffixes = {m.group() if (m := _SUFFIX.search(n)) else "" for n in unique}
        suffix = next(iter(suffixes)) if len(suffixes) == 1 and len(unique) > 1 else ""
        return cls({n: n.removesuffix(suffix) if suffix else n for n in unique})

    def _shortened(self, summary: str) -> str:
        for name, short in self.short.items():
            if short != name:
                summary = summary.replace(name, short)
        return summary

    def _is_outlet_list(self, group: str) -> bool:
        names = set(self.short.values())
        return all(part in names for part in group.split(", "))

    def brief(self, summary: str) -> str:
        """One scannable line: no outlet lists, no lead-in the kind glyph already says."""
        text = _GROUP.sub(
            lambda m: "" if self._is_outlet_list(m.group(1)) else m.group(),
            self._shortened(summary),
        )
        for pattern, replacement in _LEAD_INS:
            text = pattern.sub(replacement, text)
        return text

    def detail(self, summary: str) -> str:
        """The whole claim, with any outlet list longer than a few names cut to a count."""

        def cut(match: re.Match[str]) -> str:
            group = match.group(1)
            parts = group.split(", ")
            if not self._is_outlet_list(group) or len(parts) <= NAMES_KEPT:
                return match.group()
            lead = match.group()[: match.start(1) - match.start()]
            return (
                f"{lead}{', '.join(parts[: NAMES_KEPT - 1])} +{len(parts) - NAMES_KEPT + 1} more)"
            )

        return _GROUP.sub(cut, self._shortened(summary))
