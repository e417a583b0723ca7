"""A Comparison written out: the JSON contract for scripts, a Markdown report for editors.

The JSON follows DESIGN.md field for field (`tui.report.contract` checks it); fields are only
ever added. The Markdown is meant to be pasted into a GitHub or GitLab issue or wiki on
deadline: what conflicts comes first, each side's text sits in its own column with the
differing words marked, and no article text can inject markup (see `tui.report.escape`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui.analysis.figures import format_figure, plain_number
from tui.model import Cluster, Comparison, Divergence, DivergenceKind, Figure, Member, Side, Source
from tui.report.contract import SCHEMA
from tui.report.escape import code, inline, location, marked
from tui.text.clean import clean_line
from tui.text.tokens import tokenize

SCORE_DECIMALS = 3
SHA_PREFIX = 12
NO_REASON = "failed without a recorded reason"

# Editors triage by what would force a correction: conflicting numbers, who is blamed and what
# is denied come first; the vocabulary each side uses next; plain wording last. Omissions have
# no text on one side to put in a column, so they get their own section after these.
KIND_ORDER: tuple[DivergenceKind, ...] = (
    "figure", "blame", "denial", "naming", "framing", "wording",
)  # fmt: skip
KIND_TITLES: dict[str, str] = {
    "figure": "Figures",
    "blame": "Blame",
    "denial": "Denials",
    "naming": "Naming",
    "framing": "Framing",
    "wording": "Wording",
    "omission": "Omissions",
}


# --- shared ----------------------------------------------------------------------------------


def iso_utc(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with a Z; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(day: dt.date) -> str:
    return dt.date(day.year, day.month, day.day).isoformat()


def word_count(source: Source) -> int:
    return sum(len(tokenize(paragraph)) for paragraph in source.paragraphs)


def one_line(error: str | None) -> str:
    """A source's failure reason as the single line the contract promises."""
    return clean_line(error or "") or NO_REASON


# --- JSON ------------------------------------------------------------------------------------


def report_dict(comparison: Comparison) -> dict[str, object]:
    """The report as plain JSON-ready data: the contract's keys in its order, then additions."""
    event = comparison.event
    return {
        "schema": SCHEMA,
        "event": {"id": event.id, "title": event.title, "date": iso_date(event.date)},
        "generated_at": iso_utc(comparison.generated_at),
        "sources": [_source_dict(source) for source in comparison.sources],
        "clusters": [
            {
                "id": cluster.id,
                "score": _score(cluster.score),
                "members": [_member_dict(m) for m in cluster.members],
            }
            for cluster in comparison.clusters
        ],
        "divergences": [
            {
                "id": d.id,
                "kind": d.kind,
                "cluster": d.cluster,
                "summary": d.summary,
                "spans": [
                    {
                        "source": s.source,
                        "paragraph": s.paragraph,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                    }
                    for s in d.spans
                ],
            }
            for d in comparison.divergences
        ],
        "sides": [{"id": s.id, "label": s.label, "colour": s.colour} for s in comparison.sides],
        "figures": [
            {
                "source": f.source,
                "paragraph": f.paragraph,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "quantity": f.quantity,
                "value": plain_number(f.value),
            }
            for f in comparison.figures
            if math.isfinite(f.value)
        ],
    }


def render_json(comparison: Comparison) -> str:
    return json.dumps(report_dict(comparison), ensure_ascii=False, indent=2) + "\n"


def _source_dict(source: Source) -> dict[str, object]:
    ok = source.ok
    return {
        "id": source.id,
        "outlet": source.outlet.name,
        "side": source.side,
        "location": source.location,
        "status": "ok" if ok else "error",
        "error": None if ok else one_line(source.error),
        "title": source.title,
        "fetched_at": iso_utc(source.fetched_at) if source.fetched_at else None,
        "sha256": source.sha256,
        "paragraphs": list(source.paragraphs) if ok else [],
        "outlet_id": source.outlet.id,
        "words": word_count(source) if ok else 0,
    }


def _member_dict(member: Member) -> dict[str, object]:
    return {"source": member.source, "paragraph": member.paragraph}


def _score(score: float) -> float | None:
    """Rounded so diffs of two reports show real changes, not float noise; NaN is not JSON."""
    return round(score, SCORE_DECIMALS) if math.isfinite(score) else None


# --- Markdown --------------------------------------------------------------------------------


# Divergence id -> (status, note): an editor's review ("confirmed" or "rejected"), if any.
Reviews = Mapping[str, tuple[str, str]]


def render_markdown(comparison: Comparison, reviews: Reviews | None = None) -> str:
    view = replace(_view(comparison), reviews=reviews or {})
    sections = [
        _header(view),
        _sources_table(view),
        _figures_table(view),
        _divergences(view),
        _omissions(view),
        _failures(view),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


@dataclass(frozen=True)
class _View:
    """Lookups the Markdown sections share, tolerant of ids that point nowhere."""

    comparison: Comparison
    sources: dict[str, Source]
    ok: tuple[Source, ...]
    clusters: dict[str, Cluster]
    cluster_order: dict[str, int]
    sides: tuple[Side, ...]  # the comparison's sides, then any a source names but it lacks
    read_sides: tuple[Side, ...]  # the sides with at least one source that could be read
    source_order: dict[str, tuple[int, int]]  # by side, then as in the comparison
    names: dict[str, str]  # outlet name, with the source id when an outlet has several
    reviews: Reviews = field(default_factory=dict)

    def paragraph(self, source_id: str, index: int) -> str | None:
        source = self.sources.get(source_id)
        if source is None or not source.ok or not 0 <= index < len(source.paragraphs):
            return None
        return source.paragraphs[index]

    def side_label(self, side_id: str) -> str:
        return next((side.label for side in self.sides if side.id == side_id), side_id)


def _view(comparison: Comparison) -> _View:
    known = {side.id: side for side in comparison.sides}
    for source in comparison.sources:
        known.setdefault(source.side, Side(source.side, source.side, ""))
    sides = tuple(known.values())
    ok = tuple(source for source in comparison.sources if source.ok)
    outlets = Counter(source.outlet.name for source in comparison.sources)
    return _View(
        comparison=comparison,
        sources={source.id: source for source in comparison.sources},
        ok=ok,
        clusters={cluster.id: cluster for cluster in comparison.clusters},
        cluster_order={cluster.id: i for i, cluster in enumerate(comparison.clusters)},
        sides=sides,
        read_sides=tuple(side for side in sides if side.id in {s.side for s in ok}),
        source_order={
            source.id: (index, position)
            for index, side in enumerate(sides)
            for position, source in enumerate(comparison.sources)
            if source.side == side.id
        },
        names={
            s.id: s.outlet.name if outlets[s.outlet.name] == 1 else f"{s.outlet.name} ({s.id})"
            for s in comparison.sources
        },
    )


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A GFM table from cells that are already escaped; `align` gives one letter per column."""
    rule = {"l": ":--", "r": "--:", "c": ":-:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rule.get(a, "---") for a in align.ljust(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _header(view: _View) -> str:
    comparison = view.comparison
    event = comparison.event
    counts = [
        (
            inline(side.label),
            str(sum(1 for s in comparison.sources if s.side == side.id and s.ok)),
            str(sum(1 for s in comparison.sources if s.side == side.id and not s.ok)),
        )
        for side in view.sides
    ]
    kinds = Counter(d.kind for d in comparison.divergences)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in (*KIND_ORDER, "omission") if kinds[k])
    total = len(comparison.divergences)
    return "\n\n".join(
        [
            f"# {inline(event.title) or code(event.id)}",
            f"Parallax report · event {code(event.id)} of {iso_date(event.date)}"
            f" · generated {iso_utc(comparison.generated_at)}",
            _table(("Side", "Sources read", "Failed"), counts, "lrr"),
            f"**{len(comparison.clusters)}** clusters of aligned paragraphs · "
            f"**{total}** divergences" + (f": {by_kind}" if by_kind else ""),
            "Paragraph numbers (¶) count from 1; <mark>highlighted</mark> text is what differs.",
        ]
    )


def _sources_table(view: _View) -> str:
    rows = []
    for source in sorted(view.comparison.sources, key=lambda s: view.source_order[s.id]):
        if not source.ok:
            status = f"⚠ error: {inline(one_line(source.error))}"
        else:
            status = f"ok ({inline(source.note)})" if source.note else "ok"
        rows.append(
            (
                f"<b>{inline(view.names[source.id])}</b>",
                inline(view.side_label(source.side)),
                location(source.location),
                iso_utc(source.fetched_at) if source.fetched_at else "—",
                f"{word_count(source):,}" if source.ok else "—",
                code(source.sha256[:SHA_PREFIX]) if source.sha256 else "—",
                status,
            )
        )
    header = ("Outlet", "Side", "Location", "Fetched (UTC)", "Words", "SHA-256", "Status")
    return "## Sources\n\n" + _table(header, rows, "lllrrll")


def _figures_table(view: _View) -> str:
    """What each outlet counts, one row per quantity, so a conflict shows at a glance.

    A row gets a ⚠ only when a figure divergence sets some of its values against each other,
    and those values are bold, so that "7 vs 10 killed" stands out; a row of different values
    with no divergence is counts of different things (the toll of another day, another war),
    which the divergence stage has already judged not to conflict.
    """
    figures = [f for f in view.comparison.figures if view.paragraph(f.source, f.paragraph)]
    if not figures:
        return "## Figures\n\nNo figures (killed, wounded, …) were found in the sources."
    columns = sorted(
        {f.source for f in figures} | {s.id for s in view.ok},
        key=lambda source_id: view.source_order[source_id],
    )
    contested = _contested(view, figures)
    stated: dict[str, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for figure in figures:
        stated[figure.quantity][figure.source].append(figure)
    rows = []
    for quantity, by_source in stated.items():
        label = inline(quantity)
        if any(f in contested for found in by_source.values() for f in found):
            label = f"⚠ <b>{label}</b>"
        cells = (_figure_cell(by_source.get(c, []), contested) for c in columns)
        rows.append([label, *cells])
    header = [
        f"{inline(view.names[c])}<br><i>{inline(view.side_label(view.sources[c].side))}</i>"
        for c in columns
    ]
    legend = (
        "⚠ marks a quantity the outlets state differently; **bold** values are the ones a"
        " figure divergence below sets against each other (the others count something else:"
        " another day, another place)."
    )
    table = _table(["What", *header], rows, "l" + "r" * len(columns))
    return f"## Figures\n\n{legend}\n\n{table}"


def _contested(view: _View, figures: list[Figure]) -> set[Figure]:
    """The figures that overlap a span of a figure divergence."""
    spans = [s for d in view.comparison.divergences if d.kind == "figure" for s in d.spans]
    return {
        f
        for f in figures
        for s in spans
        if (s.source, s.paragraph) == (f.source, f.paragraph)
        and s.start < f.end
        and f.start < s.end
    }


def _figure_cell(figures: list[Figure], contested: set[Figure]) -> str:
    """Each distinct value once, with the paragraphs that state it."""
    if not figures:
        return "—"
    where: dict[float, list[int]] = defaultdict(list)
    bold: set[float] = set()
    for figure in sorted(figures, key=lambda f: (f.paragraph, f.start)):
        if figure.paragraph + 1 not in where[figure.value]:
            where[figure.value].append(figure.paragraph + 1)
        if figure in contested:
            bold.add(figure.value)
    shown = []
    for value, paragraphs in where.items():
        number = format_figure(figures[0].quantity, value)
        number = f"<b>{number}</b>" if value in bold else number
        shown.append(f"{number} ({', '.join(f'¶{p}' for p in paragraphs)})")
    return ", ".join(shown)


def _ordered(view: _View, divergences: Iterable[Divergence]) -> list[Divergence]:
    """Reading order of the clusters they point at; unknown clusters last."""
    return sorted(divergences, key=lambda d: view.cluster_order.get(d.cluster, len(view.clusters)))


def _divergences(view: _View) -> str:
    by_kind: dict[str, list[Divergence]] = defaultdict(list)
    for divergence in view.comparison.divergences:
        by_kind[divergence.kind].append(divergence)
    parts = ["## Divergences"]
    for kind in KIND_ORDER:
        if by_kind[kind]:
            parts.append(f"### {KIND_TITLES[kind]} ({len(by_kind[kind])})")
            parts += [_divergence(view, d) for d in _ordered(view, by_kind[kind])]
    if len(parts) == 1:
        parts.append("No divergences in what the sources that could be read report in common.")
    return "\n\n".join(parts)


def _divergence(view: _View, divergence: Divergence) -> str:
    places = _places(view, divergence)
    cells = []
    for side in view.read_sides:
        quoted = [
            _quote(view, source_id, index, ranges)
            for (source_id, index), ranges in places.items()
            if view.sources[source_id].side == side.id
        ]
        cells.append("<br><br>".join(quoted) or "<i>not reported</i>")
    header = [inline(side.label) for side in view.read_sides]
    parts = [
        f"#### {inline(divergence.summary) or KIND_TITLES[divergence.kind]}",
        f"<sub>{code(divergence.id)} · {divergence.kind} · cluster {code(divergence.cluster)}"
        "</sub>",
        _table(header, [cells]),
    ]
    if divergence.id in view.reviews:
        status, note = view.reviews[divergence.id]
        parts.append(f"**Review: {inline(status)}**" + (f" — {inline(note)}" if note else ""))
    return "\n\n".join(parts)


def _places(view: _View, divergence: Divergence) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Every paragraph the divergence concerns (its cluster's and its spans') -> marked ranges.

    Ordered by side, then source order, then paragraph, so that each column reads like the
    articles do. A span whose text is not the slice it claims is left unmarked rather than
    marking the wrong words.
    """
    places: dict[tuple[str, int], list[tuple[int, int]]] = {}
    cluster = view.clusters.get(divergence.cluster)
    for member in cluster.members if cluster else ():
        if view.paragraph(member.source, member.paragraph) is not None:
            places.setdefault((member.source, member.paragraph), [])
    for span in divergence.spans:
        text = view.paragraph(span.source, span.paragraph)
        if text is None:
            continue
        ranges = places.setdefault((span.source, span.paragraph), [])
        if text[span.start : span.end] == span.text and span.start >= 0:
            ranges.append((span.start, span.end))
    return dict(sorted(places.items(), key=lambda item: (view.source_order[item[0][0]], item[0])))


def _quote(view: _View, source_id: str, index: int, ranges: list[tuple[int, int]]) -> str:
    text = view.paragraph(source_id, index) or ""
    return f"<b>{inline(view.names[source_id])}</b> ¶{index + 1}: {marked(text, ranges)}"


def _whole(view: _View, source_id: str, index: int, span: tuple[int, int]) -> bool:
    text = view.paragraph(source_id, index) or ""
    return span[0] <= 0 and span[1] >= len(text.rstrip())


def _omissions(view: _View) -> str:
    """What only some sides report, grouped by which sides those are.

    The quote is what the editor needs, so it leads and the summary follows in small print; a
    highlight over a whole paragraph says nothing here and is left out.
    """
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    omissions = (d for d in view.comparison.divergences if d.kind == "omission")
    for divergence in _ordered(view, omissions):
        places = _places(view, divergence)
        sides = tuple(dict.fromkeys(view.sources[s].side for s, _ in places))
        quotes = [
            _quote(view, s, i, [r for r in ranges if not _whole(view, s, i, r)])
            for (s, i), ranges in places.items()
        ]
        note = f"<sub>{code(divergence.id)} {inline(divergence.summary)}</sub>"
        if len(quotes) == 1:
            groups[sides].append(f"- {quotes[0]}<br>{note}")
        else:
            groups[sides].append("\n".join([f"- {note}", *(f"  - {q}" for q in quotes)]))
    if not groups:
        return ""
    parts = ["## Omissions"]
    for sides, items in groups.items():
        others = [side.label for side in view.read_sides if side.id not in sides]
        only = ", ".join(view.side_label(s) for s in sides) or "no readable source"
        title = f"### Only in {inline(only)} sources"
        if others:
            title += f" (not in {inline(', '.join(others))})"
        parts += [title, "\n".join(items)]
    return "\n\n".join(parts)


def _failures(view: _View) -> str:
    failed = [source for source in view.comparison.sources if not source.ok]
    if not failed:
        return ""
    lines = [
        f"- <b>{inline(view.names[s.id])}</b> ({inline(view.side_label(s.side))}),"
        f" {location(s.location)}: {inline(one_line(s.error))}"
        for s in failed
    ]
    return "## Sources that could not be read\n\n" + "\n".join(lines)
