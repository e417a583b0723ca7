"""Omissions: what one party's outlets report and the other party's outlets leave out.

A cluster is an omission when the party sides among its members are exactly one, while another
party side has ok sources in the event (a side is a party unless it is neutral). A cluster of
neutral sources only is not an omission of either party: both left it out, so it says nothing
about how the two accounts differ, and it is skipped. So are clusters whose paragraphs are all
shorter than `MIN_WORDS` words, or shorter than `HEADING_WORDS` without closing punctuation:
headings and captions ("'An absolute lie'", "A truce for prisoners and the dead") are not facts.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.analysis.corpus import Corpus, Finding, Parsed
from tui.text.spans import make_span, quote

MIN_WORDS = 6
HEADING_WORDS = 12
SUMMARY_WORDS = 12


def _is_heading(parsed: Parsed) -> bool:
    """Too short to state a fact, or a title: a few words with no closing punctuation."""
    words = len(parsed.tokens)
    return words < MIN_WORDS or (
        words < HEADING_WORDS
        and not parsed.text.rstrip().endswith((".", "!", "?", ".”", '."', "]"))
    )


def omission_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    parties = corpus.party_sides
    findings: list[Finding] = []
    for cluster in corpus.clusters:
        members = cluster.members
        if not members or all(_is_heading(corpus.parsed[m]) for m in members):
            continue
        sides = list(dict.fromkeys(corpus.side(m.source) for m in members))
        reporting = [s for s in sides if s in parties]
        missing = [s for s in parties if s not in reporting]
        if len(reporting) != 1 or not missing:
            continue
        who = " and ".join(corpus.side_label(s) for s in sides)
        first = corpus.text(members[0])
        words = corpus.parsed[members[0]].tokens
        excerpt = (
            first[: words[SUMMARY_WORDS - 1].end] + " …" if len(words) > SUMMARY_WORDS else first
        )
        absent = " or ".join(corpus.side_label(s) for s in missing)
        summary = f"Only {who} sources report (no {absent} source does): {quote(excerpt, 120)}"
        spans = tuple(
            make_span(m.source, m.paragraph, corpus.text(m), 0, len(corpus.text(m)))
            for m in members
        )
        findings.append(Finding("omission", cluster.id, summary, spans))
    return findings
