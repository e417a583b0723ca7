"""Naming divergences: one place or thing that the sides call by different names.

Names come from the lexicon's name groups; a name counts for the side it is listed under. A
divergence needs names of two different sides in use. It is reported per cluster where both
appear, and once for the whole event when the names never meet in one cluster (the usual case:
each outlet writes its own paragraph about Stepanakert or Khankendi). Names match as whole
words, case-insensitively, possessives included; the longest name wins where names overlap
("Nagorno-Karabakh" over "Karabakh").
"""

from __future__ import annotations

from collections import defaultdict

from tui.corpus import Corpus, Finding
from tui.model import Member, NameGroup, Span
from tui.spans import find_phrases, join_names, make_span, phrase_pattern


def naming_findings(corpus: Corpus) -> list[Finding]:
    findings: list[Finding] = []
    for group in corpus.lexicon.names:
        uses = _uses(corpus, group)
        found_in_cluster = False
        for cluster in corpus.clusters:
            in_cluster = [u for u in uses if corpus.cluster_of.get(u[0]) == cluster.id]
            finding = _finding(corpus, group, cluster.id, in_cluster)
            if finding is not None:
                findings.append(finding)
                found_in_cluster = True
        if not found_in_cluster and uses:
            first_cluster = corpus.cluster_of.get(uses[0][0])
            finding = _finding(corpus, group, first_cluster, uses) if first_cluster else None
            if finding is not None:
                findings.append(finding)
    return findings


def _uses(corpus: Corpus, group: NameGroup) -> list[tuple[Member, str, Span]]:
    """(paragraph, name as the lexicon spells it, span) for every occurrence of the group."""
    names = group.names
    patterns = [phrase_pattern(name) for name in names]
    uses: list[tuple[Member, str, Span]] = []
    for member in corpus.paragraphs():
        text = corpus.text(member)
        for start, end, index in find_phrases(text, patterns):
            span = make_span(member.source, member.paragraph, text, start, end)
            uses.append((member, names[index], span))
    return uses


def _finding(
    corpus: Corpus, group: NameGroup, cluster: str, uses: list[tuple[Member, str, Span]]
) -> Finding | None:
    by_side: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for member, name, _ in uses:
        by_side[group.side_of(name) or ""][name].append(corpus.name(member.source))
    if len([side for side in by_side if side]) < 2:
        return None
    parts = [
        f"{name} ({join_names(outlets)})"
        for side in by_side
        for name, outlets in by_side[side].items()
    ]
    return Finding("naming", cluster, " / ".join(parts), tuple(u[2] for u in uses))
