"""Naming divergences: one place or thing that the sides call by different names.

Names come from the lexicon's name groups; a name counts for the side it is listed under. A
divergence needs names of two different sides in use. It is reported per cluster where both
appear, and once for the whole event when the names never meet in one cluster (the usual case:
each outlet writes its own paragraph about Stepanakert or Khankendi).

Names are found with the aligner's compiled matcher (`tui.normalise.name_matcher`), so the
two stages agree on what a name is: whole tokens, case- and accent-insensitive, possessives
included, the longest name winning where names overlap ("Nagorno-Karabakh" over "Karabakh").
Each paragraph is scanned once for every group.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from tui.corpus import Corpus, Finding
from tui.model import Lexicon, Member, NameGroup, Span
from tui.normalise import fold, group_key, name_matcher
from tui.spans import join_names, make_span
from tui.tokens import tokenize

Use = tuple[Member, str, Span]  # paragraph, the name as the lexicon spells it, where


def naming_findings(corpus: Corpus) -> list[Finding]:
    uses = _uses(corpus)
    findings: list[Finding] = []
    for group in corpus.lexicon.names:
        group_uses = uses.get(group_key(group.id), [])
        by_cluster: dict[str, list[Use]] = defaultdict(list)
        for use in group_uses:
            cluster = corpus.cluster_of.get(use[0])
            if cluster is not None:
                by_cluster[cluster].append(use)
        found = [
            finding
            for cluster in corpus.clusters
            if cluster.id in by_cluster
            and (finding := _finding(corpus, group, cluster.id, by_cluster[cluster.id]))
        ]
        if not found and group_uses:
            first_cluster = corpus.cluster_of.get(group_uses[0][0])
            finding = _finding(corpus, group, first_cluster, group_uses) if first_cluster else None
            found = [finding] if finding else []
        findings.extend(found)
    return findings


def named_spans(findings: list[Finding]) -> frozenset[Span]:
    """Every span naming findings report, so that other detectors can leave them alone."""
    return frozenset(span for f in findings if f.kind == "naming" for span in f.spans)


@lru_cache(maxsize=16)
def _spellings(lexicon: Lexicon) -> dict[tuple[str, ...], str]:
    """Folded words of every lexicon name → the name as the lexicon spells it."""
    spellings: dict[tuple[str, ...], str] = {}
    for group in lexicon.names:
        for name in group.names:
            spellings.setdefault(tuple(fold(t.text) for t in tokenize(name)), name)
    return spellings


def _uses(corpus: Corpus) -> dict[str, list[Use]]:
    """Every occurrence of every name, by group key, in source and reading order."""
    matcher = name_matcher(corpus.lexicon)
    if not matcher.sequences:
        return {}
    spellings = _spellings(corpus.lexicon)
    uses: dict[str, list[Use]] = defaultdict(list)
    for member, parsed in corpus.parsed.items():
        tokens = parsed.tokens
        words = [fold(t.text) for t in tokens]
        i = 0
        while i < len(words):
            found = matcher.match(words, i)
            if found is None:
                i += 1
                continue
            key, length = found
            span = make_span(
                member.source,
                member.paragraph,
                parsed.text,
                tokens[i].start,
                tokens[i + length - 1].end,
            )
            uses[key].append((member, spellings[tuple(words[i : i + length])], span))
            i += length
    return uses


def _finding(corpus: Corpus, group: NameGroup, cluster: str, uses: list[Use]) -> Finding | None:
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
