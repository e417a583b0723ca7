"""Framing divergences: an outlet using the loaded vocabulary of one side.

Terms come from the lexicon (term → the side whose vocabulary it is). A term matches as a whole
word or phrase, case-insensitively, with a plural or possessive on its last word ("occupant",
"occupants", "occupant's"); other derived forms ("liberated" / "liberation") are separate
terms and must be listed separately, because stemming them would also match neutral words.

One divergence per outlet and vocabulary, across the event: "Baku Herald uses Azerbaijani
vocabulary: 'Armenian armed forces' (×6), 'occupant'". An editor scanning the list learns in
one line per outlet whose words it adopts (one divergence per term and paragraph buried that
under a score of near-identical lines); the spans still mark every occurrence, and the
divergence sits in the cluster of the first one.

A name that is both a framing term and a lexicon name ("Artsakh") is one concept: where the
naming detector already reports the span, framing leaves it out, so no span is reported twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from tui.analysis.corpus import Corpus, Finding
from tui.model import Span
from tui.text.spans import find_phrases, make_span, phrases_pattern


def framing_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    """Framing divergences; spans that earlier naming findings report are skipped."""
    reported = {span for f in found if f.kind == "naming" for span in f.spans}
    terms = corpus.lexicon.framing
    if not terms:
        return []
    pattern = phrases_pattern(tuple(term.term for term in terms), inflect=True)
    # (source, side of the vocabulary) → its uses in reading order: (cluster, term index, span)
    uses: dict[tuple[str, str], list[tuple[str, int, Span]]] = defaultdict(list)
    for member, parsed in corpus.parsed.items():
        cluster = corpus.cluster_of.get(member)
        if cluster is None:
            continue
        for start, end, index in find_phrases(parsed.text, pattern):
            span = make_span(member.source, member.paragraph, parsed.text, start, end)
            if span not in reported:
                uses[(member.source, terms[index].side)].append((cluster, index, span))
    findings = []
    for (source, side), used in uses.items():
        counts = Counter(terms[index].term for _, index, _ in used)
        listed = ", ".join(
            f"'{term}' (×{count})" if count > 1 else f"'{term}'" for term, count in counts.items()
        )
        summary = f"{corpus.name(source)} uses {corpus.side_label(side)} vocabulary: {listed}"
        spans = tuple(span for _, _, span in used)
        findings.append(Finding("framing", used[0][0], summary, spans))
    return findings
