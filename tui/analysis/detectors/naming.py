"""Naming divergences: one place or thing that the sides call by different names.

Names come from the lexicon's name groups; a name counts for the side it is listed under. A
divergence needs two outlets of different sides using names of different sides: one outlet
that writes "Stepanakert (Khankendi)", or two outlets of one side that differ, show no
divergence between the sides, and a single source can never diverge from itself. There is one
divergence per name group for the whole event: its summary lists every name with the outlets
that use it, and its spans mark every use. It sits in the first cluster where such names meet
(the side-by-side view shows both there), else where the group is first named: usually each
outlet writes its own paragraph about Stepanakert or Khankendi, and one line per cluster only
repeated itself. Groups whose names only appear where another group's do (a list of towns
renamed in one statement) are told as one finding.

Names are the corpus's `name_uses`, found once by the one matcher (`tui.analysis.names`): whole
tokens, case- and accent-insensitive, possessives included, the longest name winning where
names overlap ("Nagorno-Karabakh" over "Karabakh").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from tui.analysis.corpus import Corpus, Finding
from tui.analysis.importance import importance, position
from tui.model import Member, NameGroup, Position, Span
from tui.text.spans import join_names, make_span

Use = tuple[Member, str, Span]  # paragraph, the name as the lexicon spells it, where


def naming_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    uses = _uses(corpus)
    rank = {c.id: i for i, c in enumerate(corpus.clusters)}
    findings: list[Finding] = []
    for group in corpus.lexicon.names:
        group_uses = [u for u in uses.get(group.id, []) if u[0] in corpus.cluster_of]
        if not _diverges(corpus, group, group_uses):
            continue
        # Anchored where the names meet in one cluster, if they ever do: that is where the
        # side-by-side view shows both; its uses come first, then every other use in order.
        # The uses are grouped by cluster once: checking every cluster against every use
        # rescanned all uses once per cluster.
        by_cluster: dict[str, list[Use]] = defaultdict(list)
        for use in group_uses:
            by_cluster[corpus.cluster_of[use[0]]].append(use)
        cluster = min(
            (c for c, found in by_cluster.items() if _diverges(corpus, group, found)),
            key=rank.__getitem__,
            default=min(by_cluster, key=rank.__getitem__),
        )
        spans = tuple(
            u[2] for u in sorted(group_uses, key=lambda u: corpus.cluster_of[u[0]] != cluster)
        )
        names: dict[str, list[str]] = {name: [] for name in group.names}  # lexicon order
        for member, name, _ in group_uses:
            names[name].append(member.source)
        names = {name: sources for name, sources in names.items() if sources}
        positions = _camps(corpus, names)
        findings.append(
            Finding(
                "naming",
                cluster,
                _summary(corpus, group, group_uses),
                spans,
                " / ".join(names),
                positions,
                importance(corpus, "naming", positions, spans),
            )
        )
    return _together(corpus, findings)


def _camps(corpus: Corpus, names: dict[str, list[str]]) -> tuple[Position, ...]:
    """One camp per name, of the outlets that use only it; an outlet that writes both
    ("Stepanakert (Khankendi)") is a camp of its own, "Stepanakert and Khankendi": one outlet
    is never set against itself."""
    used: dict[str, list[str]] = {}
    for name, sources in names.items():
        for source in sources:
            used.setdefault(source, [])
            if name not in used[source]:
                used[source].append(name)
    camps: dict[tuple[str, ...], list[str]] = {}
    for source, found in used.items():
        camps.setdefault(tuple(found), []).append(source)
    order = {name: i for i, name in enumerate(names)}
    return tuple(
        position(corpus, sources, " and ".join(found))
        for found, sources in sorted(camps.items(), key=lambda c: (len(c[0]), order[c[0][0]]))
    )


def _together(corpus: Corpus, findings: list[Finding]) -> list[Finding]:
    """Names that only ever appear in paragraphs where another group's names do ("Basarkechar,
    Istisu and Gorus" for Vardenis, Jermuk and Goris) are one renaming of one passage: one
    finding, the wider group's, listing both. Its camps are the sides whose names they are,
    each place's names in the same order ("Goris, Jermuk" vs "Gorus, Istisu"), never one camp
    per name: "Goris vs Gorus vs Jermuk vs Istisu" read as if Goris and Jermuk were rivals."""
    side_of = {
        name: group.side_of(name) or "" for group in corpus.lexicon.names for name in group.names
    }
    paragraphs = [frozenset((s.source, s.paragraph) for s in f.spans) for f in findings]
    merged: dict[int, list[int]] = {}
    for i in range(len(findings)):
        into = next(
            (j for j in merged if paragraphs[i] <= paragraphs[j]),
            None,
        )
        if into is None:
            merged[i] = [i]
        else:
            merged[into].append(i)
    result = []
    for first, members in merged.items():
        if len(members) == 1:
            result.append(findings[first])
            continue
        parts = [findings[i] for i in members]
        spans = tuple(dict.fromkeys(s for f in parts for s in f.spans))
        held = [p for f in parts for p in f.positions]
        sides_of: dict[str, set[str]] = defaultdict(set)  # source -> the sides of its names
        for found in held:
            for source in found.sources:
                sides_of[source].add(side_of.get(found.value, ""))
        # an outlet writing names of two sides is a camp of its own (""), never in two
        camp_of = {s: next(iter(sides)) if len(sides) == 1 else "" for s, sides in sides_of.items()}
        camps: dict[str, tuple[list[str], list[str]]] = {}
        for found in held:
            for source in found.sources:
                sources, values = camps.setdefault(camp_of[source], ([], []))
                sources.append(source)
                if found.value not in values:
                    values.append(found.value)
        positions = tuple(
            position(corpus, sources, ", ".join(values)) for sources, values in camps.values()
        )
        result.append(
            replace(
                findings[first],
                summary="; ".join(f.summary for f in parts),
                spans=spans,
                topic="; ".join(f.topic for f in parts),
                positions=positions,
                importance=max(f.importance for f in parts),
            )
        )
    return result


def _uses(corpus: Corpus) -> dict[str, list[Use]]:
    """Every occurrence of every name, by group id, in source and reading order."""
    uses: dict[str, list[Use]] = defaultdict(list)
    for member, found in corpus.name_uses.items():
        text = corpus.parsed[member].text
        for use in found:
            span = make_span(member.source, member.paragraph, text, use.start, use.end)
            uses[use.group].append((member, use.spelling, span))
    return uses


def _diverges(corpus: Corpus, group: NameGroup, uses: list[Use]) -> bool:
    """Whether outlets of two different sides use names of two different sides.

    Each use is reduced to (the outlet's side, the name's side); a name no side is listed for
    counts for none. Two such pairs differing in both make a divergence, so one outlet, or
    one side's outlets among themselves, never do.
    """
    pairs = {
        (corpus.side(member.source), name_side)
        for member, name, _ in uses
        if (name_side := group.side_of(name))
    }
    return any(a[0] != b[0] and a[1] != b[1] for a in pairs for b in pairs)


def _summary(corpus: Corpus, group: NameGroup, uses: list[Use]) -> str:
    """Every name in use with its outlets, grouped by side, in reading order."""
    by_side: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for member, name, _ in uses:
        by_side[group.side_of(name) or ""][name].append(corpus.name(member.source))
    return " / ".join(
        f"{name} ({join_names(outlets)})"
        for side in by_side
        for name, outlets in by_side[side].items()
    )
