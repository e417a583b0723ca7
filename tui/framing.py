"""Framing divergences: loaded terms that belong to one side's vocabulary.

Terms come from the lexicon (term → the side whose vocabulary it is). A term matches as a whole
word or phrase, case-insensitively, with a plural or possessive on its last word ("occupant",
"occupants", "occupant's"); other derived forms ("liberated" / "liberation") are separate
terms and must be listed separately, because stemming them would also match neutral words.
One divergence per term per cluster, naming every outlet that uses it.
"""

from __future__ import annotations

from collections import defaultdict

from tui.corpus import Corpus, Finding
from tui.model import Span
from tui.spans import find_phrases, join_names, make_span, phrase_pattern


def framing_findings(corpus: Corpus) -> list[Finding]:
    terms = corpus.lexicon.framing
    if not terms:
        return []
    patterns = [phrase_pattern(term.term, inflect=True) for term in terms]
    hits: dict[tuple[str, int], list[Span]] = defaultdict(list)
    for member in corpus.paragraphs():
        cluster = corpus.cluster_of.get(member)
        if cluster is None:
            continue
        text = corpus.text(member)
        for start, end, index in find_phrases(text, patterns):
            span = make_span(member.source, member.paragraph, text, start, end)
            hits[(cluster, index)].append(span)
    findings = []
    for (cluster, index), spans in hits.items():
        term = terms[index]
        outlets = join_names(corpus.name(s.source) for s in spans)
        summary = f"'{term.term}' ({corpus.side_label(term.side)} vocabulary) used by {outlets}"
        findings.append(Finding("framing", cluster, summary, tuple(spans)))
    return findings
