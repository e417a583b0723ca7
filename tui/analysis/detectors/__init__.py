"""Every divergence detector behind one signature, listed once in run order.

A detector is `detect(corpus, found) -> list[Finding]`: it reads the `Corpus` (every paragraph
parsed once, with its names, denials and figures) and `found`, what the detectors before it
found, for the one that needs it (framing leaves out the spans naming reports: a name that is
also a loaded term, "Artsakh", is one concept, reported once). `tui.analysis.diverge` is a loop
over `DETECTORS`; the speed benchmark and the detector contract test use the same list, so a
new kind is added here and nowhere else. Detectors import no other detector.

A row's headlines are among its members, as paragraph `HEADLINE` (`tui.analysis.corpus`): a
detector reads them like paragraphs, and a span it makes on one points at the headline. The
contract test checks every detector's headline spans. Omission never marks one (what a
headline names only counts as its side's coverage), and wording compares none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.analysis.corpus import Corpus, Finding
from tui.analysis.detectors.blame import blame_findings
from tui.analysis.detectors.denial import denial_findings
from tui.analysis.detectors.figure import figure_findings
from tui.analysis.detectors.framing import framing_findings
from tui.analysis.detectors.naming import naming_findings
from tui.analysis.detectors.omission import omission_findings
from tui.analysis.detectors.wording import wording_findings
from tui.model import DivergenceKind

Detector = Callable[[Corpus, Sequence[Finding]], list[Finding]]

# (kind, detector) in run order: naming runs before framing, which reads naming's spans.
DETECTORS: tuple[tuple[DivergenceKind, Detector], ...] = (
    ("figure", figure_findings),
    ("blame", blame_findings),
    ("denial", denial_findings),
    ("naming", naming_findings),
    ("framing", framing_findings),
    ("omission", omission_findings),
    ("wording", wording_findings),
)


def run_detectors(corpus: Corpus) -> list[Finding]:
    """Every finding of every detector, in run order."""
    found: list[Finding] = []
    for _, detect in DETECTORS:
        found.extend(detect(corpus, tuple(found)))
    return found
