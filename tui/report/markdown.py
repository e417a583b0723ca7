"""A Comparison written out: the JSON contract for scripts, a Markdown report for editors.

The JSON follows DESIGN.md field for field (`tui.report.contract` checks it); fields are only
ever added. The Markdown is meant to be pasted into a GitHub or GitLab issue or wiki on
deadline: what conflicts comes first, each side's text sits in its own column with the
differing words marked, and no article text can inject markup (see `tui.report.escape`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from urllib.parse import unquote, urlsplit

from tui.analysis.brief import build_brief, timeline
from tui.analysis.figures import format_figure
from tui.model import (
    DIVERGENCE_KINDS,
    HEADLINE,
    Cluster,
    Comparison,
    Divergence,
    DivergenceKind,
    Figure,
    Position,
    Side,
    Source,
    Span,
)
from tui.report.escape import code, inline, location, marked
from tui.report.format import iso_date, iso_utc, one_line, word_count
from tui.report.review import Notes
from tui.text.spans import sentences

SHA_PREFIX = 12

# Editors triage by what would force a correction: conflicting numbers, who is blamed and what
# is denied come first, the vocabulary each side uses next; within that, by importance. Wording
# and omissions are collapsed below the rest (shown on request, never dropped).
KIND_ORDER: tuple[DivergenceKind, ...] = (
    "figure", "blame", "denial", "naming", "framing",
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


# --- Markdown --------------------------------------------------------------------------------


def render_markdown(comparison: Comparison, reviews: Notes | None = None) -> str:
    """The report; `reviews` are an editor's verdicts (`tui.report.review.review_notes`),
    written beside the findings they judge."""
    view = replace(_view(comparison), reviews=reviews or {})
    sections = [
        _header(view),
        _brief(view),
        _sources_table(view),
        _figures_table(view),
        _divergences(view),
        _collapsed(view, "wording", "Wording (same fact, other words)", _wordings(view)),
        _collapsed(view, "omission", "Omissions (what one side alone reports)", _omissions(view)),
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
    sides: tuple[Side, ...]  # the comparison's sides, then any a source names but it lacks
    read_sides: tuple[Side, ...]  # the sides with at least one source that could be read
    source_order: dict[str, tuple[int, int]]  # by side, then as in the comparison
    names: dict[str, str]  # outlet name, with the source id when an outlet has several
    reviews: Notes = field(default_factory=dict)

    def paragraph(self, source_id: str, index: int) -> str | None:
        """The paragraph `index` of a source, or its headline for `HEADLINE`."""
        source = self.sources.get(source_id)
        if source is None or not source.ok:
            return None
        if index != HEADLINE and not 0 <= index < len(source.paragraphs):
            return None
        return source.text(index)

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
    # Every kind is counted, so that the counts add up to the total the line starts with.
    kinds = Counter(d.kind for d in comparison.divergences)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in DIVERGENCE_KINDS if kinds[k])
    total = len(comparison.divergences)
    return "\n\n".join(
        [
            f"# {inline(event.title) or code(event.id)}",
            f"Parallax report · event {code(event.id)} of {iso_date(event.date)}"
            f" · generated {iso_utc(comparison.generated_at)}",
            _table(("Side", "Sources read", "Failed"), counts, "lrr"),
            f"**{len(comparison.clusters)}** clusters of aligned paragraphs · "
            f"**{total}** divergence{'' if total == 1 else 's'}"
            + (f": {by_kind}" if by_kind else ""),
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
            status += _provenance_note(source)
        rows.append(
            (
                f"<b>{inline(view.names[source.id])}</b>",
                inline(view.side_label(source.side)),
                location(_shown_location(source.location)),
                iso_utc(source.fetched_at) if source.fetched_at else "—",
                f"{word_count(source):,}" if source.ok else "—",
                code(source.sha256[:SHA_PREFIX]) if source.sha256 else "—",
                status,
            )
        )
    header = ("Outlet", "Side", "Location", "Fetched (UTC)", "Words", "SHA-256", "Status")
    return "## Sources\n\n" + _table(header, rows, "lllrrll")


def _provenance_note(source: Source) -> str:
    """Where the text really came from when it is not the location: a snapshot, a redirect.

    A snapshot is named so that no one cites it as the live page; a redirect, so that a reader
    checking the finding opens the page that was read.
    """
    provenance = source.provenance
    if provenance is None:
        return ""
    if provenance.origin == "archive" and provenance.archive_url:
        when = provenance.archived_at
        label = f"snapshot of {when:%Y-%m-%d %H:%M} UTC" if when else "snapshot"
        return f", from the web archive: {location(provenance.archive_url, label=label)}"
    if provenance.origin in ("live", "cache") and provenance.final_url != source.location:
        return f", redirected to {location(provenance.final_url)}"
    return ""


def _shown_location(value: str) -> str:
    """A local file by its name only: an absolute path says where the report was made, not
    where the article came from, and shows the user's folders. Anything else as it is."""
    parts = urlsplit(value)
    if parts.scheme == "file":
        return Path(unquote(parts.path)).name or value
    if parts.scheme and len(parts.scheme) > 1:  # a URL ("C:" is a Windows drive)
        return value
    return PurePath(value).name or value


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
    contested = set(view.comparison.contested)
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


def _divergences(view: _View) -> str:
    """The details, one block per row (cluster): its divergences listed most important first,
    then its paragraphs quoted once, side by side, with every divergence's words marked."""
    shown = [d for d in view.comparison.divergences if d.kind in KIND_ORDER]
    rows: dict[str, list[Divergence]] = defaultdict(list)
    for divergence in sorted(shown, key=lambda d: -d.importance):
        rows[divergence.cluster].append(divergence)
    parts = ["## Details"]
    for found in rows.values():
        found.sort(key=lambda d: (KIND_ORDER.index(d.kind), -d.importance))
        top = max(found, key=lambda d: d.importance)
        title = KIND_TITLES[top.kind] + (f": {inline(top.topic)}" if top.topic else "")
        items = [
            f"- **{KIND_TITLES[d.kind]}** · {inline(d.summary)}{_review(view, d.id)}" for d in found
        ]
        marked_heads = {s.source for d in found for s in d.spans if s.headline}
        heads = _headlines(view, found[0].cluster, marked_heads)
        parts += [f"### {title}", "\n".join(items), *heads, _row_table(view, found)]
    if len(parts) == 1:
        parts.append("No divergences in what the sources that could be read report in common.")
    return "\n\n".join(parts)


def _headlines(view: _View, cluster_id: str, quoted: Collection[str] = ()) -> list[str]:
    """The line naming the sources whose headline reports the row, quoted, if any: a
    headline says what its outlet chose to lead with. A headline a finding marks is left to
    the row's table, which quotes it with its marks."""
    cluster = view.clusters.get(cluster_id)
    named = [
        f"Headline of {inline(view.names[s])}: “{inline(view.sources[s].title)}”"
        for s in (cluster.headlines if cluster is not None else ())
        if s in view.sources
        and s not in quoted
        and view.sources[s].ok
        and view.sources[s].title.strip()
    ]
    return ["<i>" + " · ".join(named) + "</i>"] if named else []


def _review(view: _View, divergence_id: str) -> str:
    """An editor's verdict on a finding, when the export carries one."""
    if divergence_id not in view.reviews:
        return ""
    status, note = view.reviews[divergence_id]
    return f" · **Review: {inline(status)}**" + (f" — {inline(note)}" if note else "")


def _row_table(view: _View, divergences: list[Divergence]) -> str:
    """A row's sides side by side: each sentence holding a marked span quoted once, with every
    divergence's words marked in it; the row's other paragraphs named, not quoted (quoting every
    member made the report longer than its sources)."""
    spans = list(
        dict.fromkeys(span for d in divergences for span in d.spans if span.source in view.sources)
    )
    marked_places = {(span.source, span.paragraph) for span in spans}
    cluster_members = [
        (m.source, m.paragraph)
        for d in divergences[:1]
        for m in (view.clusters[d.cluster].members if d.cluster in view.clusters else ())
    ]
    cells = []
    for side in view.read_sides:
        ordered = sorted(
            (s for s in spans if view.sources[s.source].side == side.id),
            key=lambda s: (view.source_order[s.source], s.paragraph, s.start),
        )
        quoted = _claims(view, ordered)
        named = [
            f"{inline(view.names[s])} ¶{i + 1}"
            for s, i in cluster_members
            if (s, i) not in marked_places and view.sources[s].side == side.id
        ]
        if named:
            quoted.append(f"<i>also in this row: {', '.join(named)}</i>")
        cells.append("<br><br>".join(quoted) or "<i>not reported</i>")
    return _table([inline(side.label) for side in view.read_sides], [cells])


def _collapsed(view: _View, kind: str, title: str, body: str) -> str:
    """A section folded away by default (GitHub renders <details>): shown on request."""
    count = sum(1 for d in view.comparison.divergences if d.kind == kind)
    if not count:
        return ""
    return f"<details><summary><b>{title}: {count}</b></summary>\n\n{body}\n\n</details>"


def _wordings(view: _View) -> str:
    items = []
    for divergence in view.comparison.divergences:
        if divergence.kind != "wording":
            continue
        quotes = _claims(view, divergence.spans)
        line = f"- {inline(divergence.summary)}{_review(view, divergence.id)}"
        items.append("\n".join([line, *(f"  - {q}" for q in quotes)]))
    return "\n".join(items)


def _brief(view: _View) -> str:
    """What an editor reads first: the event in one line, then the `Brief` the app opens with
    (`tui.analysis.brief`), so that the report and the app say the same thing: the top
    contradictions (claim against counter-claim, with outlets and sides), the contested figures
    with each outlet's timeline, and what each side alone reports."""
    comparison = view.comparison
    brief = build_brief(comparison)
    per_side = ", ".join(
        f"{sum(1 for s in view.ok if s.side == side.id)} {inline(side.label)}"
        for side in view.read_sides
    )
    lines = [
        "## Brief",
        f"**{inline(comparison.event.title) or code(comparison.event.id)}**, "
        f"{iso_date(comparison.event.date)}: {len(view.ok)} outlets read ({per_side}).",
    ]
    if brief.contradictions:
        more = f" ({brief.hidden} more in the details)" if brief.hidden else ""
        lines.append(f"**Top contradictions**{more}")
        lines.append(
            "\n".join(
                f"{n}. {KIND_TITLES[c.kind]}"
                # a naming's camps are its names, so its topic only adds which name is whose
                # when one finding renames several places ("Goris / Gorus; Jermuk / Istisu")
                + (
                    f" · {inline(c.topic)}"
                    if c.topic and (c.kind != "naming" or "; " in c.topic)
                    else ""
                )
                + f": {_positions(view, c.positions, c.summary)}"
                + _review(view, c.divergence)
                for n, c in enumerate(brief.contradictions, start=1)
            )
        )
    if brief.figures:
        lines.append("**Figures per side** (each outlet's timeline, in the order fetched)")
        lines.append(
            "\n".join(
                f"- {inline(row.quantity)}: "
                + "; ".join(
                    f"{inline(view.side_label(side))} {inline(timeline(statements)) or '—'}"
                    for side, statements in row.by_side
                )
                for row in brief.figures
            )
        )
    alone = [side for side in brief.alone if side.items]
    if alone:
        lines.append("**What each side alone reports**")
        lines.append(
            "\n".join(
                f"- Only {inline(view.side_label(side.side))}"
                + (
                    f" (first {len(side.items)} of {side.total})"
                    if side.total > len(side.items)
                    else ""
                )
                + ": "
                + "; ".join(f"'{inline(item.text)}'" for item in side.items)
                for side in alone
            )
        )
    return "\n\n".join(lines)


def _positions(view: _View, positions: Sequence[Position], summary: str) -> str:
    """The camps of a divergence: value (outlets · sides), set against each other."""
    camps = []
    for found in positions:
        if not found.sources:
            continue
        outlets = ", ".join(view.names.get(s, s) for s in found.sources)
        sides = ", ".join(view.side_label(s) for s in found.sides)
        said = f"{inline(found.speaker)}: " if found.speaker else ""
        value = inline(found.value) if found.value else "—"
        camps.append(f"{said}{value} ({inline(outlets)} · {inline(sides)})")
    return " **vs** ".join(camps) or inline(summary)


def _claims(view: _View, spans: Iterable[Span]) -> list[str]:
    """Each paragraph holding a span, quoted once: the sentences that hold its spans (joined by
    "…" where sentences between them are left out), the spans marked. An omission or a
    rewording needs its sentence, not the whole paragraph. A mark over a whole sentence says
    nothing and is left out; a span whose text is not its slice is skipped."""
    found: dict[tuple[str, int], list[tuple[int, int, Span]]] = {}
    for span in spans:
        text = view.paragraph(span.source, span.paragraph)
        if text is None or span.start < 0 or text[span.start : span.end] != span.text:
            continue
        start, end = next(
            ((a, b) for a, b in sentences(text) if a <= span.start < b), (0, len(text))
        )
        found.setdefault((span.source, span.paragraph), []).append(
            (min(start, span.start), max(end, span.end), span)
        )
    quoted = []
    for (source_id, index), parts in found.items():
        text = view.paragraph(source_id, index) or ""
        pieces: list[list[int]] = []  # merged sentence ranges, in reading order
        for start, end, _ in sorted(parts, key=lambda p: p[:2]):
            if pieces and not text[pieces[-1][1] : start].strip():
                pieces[-1][1] = max(pieces[-1][1], end)
            else:
                pieces.append([start, end])
        shown = []
        for start, end in pieces:
            ranges = {
                (s.start - start, s.end - start)
                for a, b, s in parts
                if start <= s.start < end and (a, b) != (s.start, s.end)
            }
            shown.append(marked(text[start:end], sorted(ranges)))
        quote = " … ".join(shown)
        where = "headline" if index == HEADLINE else f"¶{index + 1}"
        quoted.append(f"<b>{inline(view.names[source_id])}</b> {where}: {quote}")
    return quoted


def _sides_of(view: _View, divergence: Divergence) -> tuple[str, ...]:
    """The sides of a divergence's spans, else of its cluster's members."""
    cluster = view.clusters.get(divergence.cluster)
    places = [s.source for s in divergence.spans] or [
        m.source for m in (cluster.members if cluster else ())
    ]
    return tuple(dict.fromkeys(view.sources[s].side for s in places if s in view.sources))


def _members(view: _View, divergence: Divergence) -> list[str]:
    """A divergence without spans quotes the paragraphs of its cluster instead."""
    cluster = view.clusters.get(divergence.cluster)
    return [
        f"<b>{inline(view.names[m.source])}</b> ¶{m.paragraph + 1}: {marked(text, [])}"
        for m in (cluster.members if cluster else ())
        if (text := view.paragraph(m.source, m.paragraph)) is not None
    ]


def _omissions(view: _View) -> str:
    """What only some sides report, grouped by which sides those are.

    The quote is what the editor needs, so it leads and the summary follows in small print; a
    highlight over a whole paragraph says nothing here and is left out.
    """
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    silent: dict[tuple[str, ...], set[str]] = defaultdict(set)
    omissions = (d for d in view.comparison.divergences if d.kind == "omission")
    for divergence in sorted(omissions, key=lambda d: -d.importance):
        told = (
            divergence.positions[0].sides if divergence.positions else _sides_of(view, divergence)
        )
        rank = {side.id: i for i, side in enumerate(view.sides)}
        sides = sorted(told, key=lambda s: rank.get(s, len(rank)))  # one group per set of sides
        quotes = _claims(view, divergence.spans) or _members(view, divergence)
        note = f"<sub>{inline(divergence.summary)}</sub>{_review(view, divergence.id)}"
        groups[tuple(sides)].append("\n".join([f"- {note}", *(f"  - {q}" for q in quotes)]))
        # The sides said to be silent are the detector's (the positions after the first),
        # never every other side: a neutral outlet may report the fact without being asked.
        silent[tuple(sides)].update(
            {s for p in divergence.positions[1:] for s in p.sides}
            if divergence.positions
            else {side.id for side in view.read_sides if side.id not in sides}
        )
    if not groups:
        return ""
    parts = []
    for sides, items in groups.items():
        others = [side.label for side in view.read_sides if side.id in silent[sides]]
        only = ", ".join(view.side_label(s) for s in sides) or "no readable source"
        title = f"**Only in {inline(only)} sources**"
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
