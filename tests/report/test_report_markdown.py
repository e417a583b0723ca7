"""The Markdown report: what an editor needs is there, in the right order, and article text
cannot break a table or inject markup, links or HTML.

The report is rendered with markdown-it-py (GFM tables, raw HTML passed through, autolinks on as
on GitHub) and the resulting HTML is read back: a cell whose text equals the article text is
proof that nothing in the text was taken as syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.report.comparisons import PARAGRAPHS, analysed_comparison, ganja_comparison
from tui.analysis.figures import format_count as format_value
from tui.model import Comparison, Span
from tui.report import render_markdown
from tui.report.escape import clean, inline
from tui.text.spans import sentences

# What the report itself emits; anything else in the HTML came from article text.
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "a", "b", "i", "sub", "code", "mark", "br", "wbr", "strong", "span", "details", "summary",
}  # fmt: skip


def _markdown_it() -> MarkdownIt:
    md = MarkdownIt("gfm-like")  # tables, strikethrough, raw HTML, autolinks
    md.linkify.set({"fuzzy_link": False})  # GitHub links scheme://, www. and e-mail, not "e.com"
    return md


@dataclass
class Block:
    tag: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """The rendered HTML as headings, tables (rows of cell texts), list items and paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self._block: Block | None = None
        self._cell: list[str] | None = None
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if tag in ("h1", "h2", "h3", "h4", "li", "p") and self._block is None:
            self._block = Block(tag)
        elif tag == "table":
            self._block = Block("table")
        elif tag == "tr" and self._block:
            self._block.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "br" and self._block:
            self._block.text += "\n"
        elif tag == "mark":
            self._mark = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._block and self._cell is not None:
            self._block.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "mark" and self._mark is not None and self._block:
            self._block.marks.append("".join(self._mark))
            self._mark = None
        elif self._block and tag == self._block.tag:
            self._block.text = self._block.text.strip()
            self.blocks.append(self._block)
            self._block = None

    def handle_data(self, data: str) -> None:
        for sink in (self._cell, self._mark):
            if sink is not None:
                sink.append(data)
        if self._block and self._cell is None:
            self._block.text += data


def read(markdown: str) -> _Reader:
    reader = _Reader()
    reader.feed(_markdown_it().render(markdown))
    return reader


def after(blocks: list[Block], heading: str, tag: str) -> Block:
    """The first `tag` block after the heading whose text is `heading`."""
    start = next(
        i for i, b in enumerate(blocks) if b.tag.startswith("h") and squeeze(b.text) == heading
    )
    return next(b for b in blocks[start + 1 :] if b.tag == tag)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def table_for(blocks: list[Block], summary: str) -> Block:
    """The table of the row, among the details, whose list of divergences holds `summary`."""
    details = next(i for i, b in enumerate(blocks) if b.tag == "h2" and b.text == "Details")
    start = next(
        i
        for i, b in enumerate(blocks)
        if i > details and b.tag == "li" and squeeze(b.text).endswith(summary)
    )
    return next(b for b in blocks[start + 1 :] if b.tag == "table")


def sentence_of(paragraph: str, needle: str) -> str:
    """The sentence of `paragraph` holding `needle`, as the report quotes it."""
    at = paragraph.index(needle)
    start, end = next((a, b) for a, b in sentences(paragraph) if a <= at < b)
    return paragraph[min(start, at) : max(end, at + len(needle))]


@pytest.fixture(scope="module")
def ganja() -> tuple[Comparison, _Reader, str]:
    comparison = ganja_comparison()
    markdown = render_markdown(comparison)
    return comparison, read(markdown), markdown


def test_header_counts(ganja: tuple[Comparison, _Reader, str]) -> None:
    _, reader, markdown = ganja
    assert reader.blocks[0].tag == "h1"
    assert reader.blocks[0].text == "Shelling of Ganja and Stepanakert"
    assert "ganja-2020-10-11" in markdown and "2026-11-24T15:00:00Z" in markdown
    counts = next(b for b in reader.blocks if b.tag == "table")
    assert counts.rows == [
        ["Side", "Sources read", "Failed"],
        ["Armenian", "1", "1"],
        ["Azerbaijani", "2", "0"],
        ["International", "1", "0"],
    ]
    assert any(
        b.text == "5 clusters of aligned paragraphs · 6 divergences: "
        "1 figure, 1 blame, 1 denial, 1 naming, 2 omission"
        for b in reader.blocks
    )


def test_header_counts_add_up_and_one_is_singular(
    ganja: tuple[Comparison, _Reader, str],
) -> None:
    comparison, _, _ = ganja
    one = replace(comparison, divergences=comparison.divergences[:1])
    assert "**1** divergence: 1 " in render_markdown(one)
    wording = replace(
        comparison,
        divergences=(replace(comparison.divergences[0], kind="wording"),),
    )
    assert "**1** divergence: 1 wording" in render_markdown(wording)


def test_sources_table(ganja: tuple[Comparison, _Reader, str]) -> None:
    comparison, reader, _ = ganja
    table = after(reader.blocks, "Sources", "table")
    assert table.rows[0] == [
        "Outlet", "Side", "Location", "Fetched (UTC)", "Words", "SHA-256", "Status",
    ]  # fmt: skip
    rows = {row[0]: row for row in table.rows[1:]}
    assert list(rows) == ["Armenpress", "News.am", "Trend", "AzerNews", "Wire Service"]
    assert rows["Trend"] == [
        "Trend", "Azerbaijani", "trend.example/2020/10/11/ganja", "2020-10-11T14:03:05Z", "52",
        "0" * 12, "ok",
    ]  # fmt: skip
    assert rows["News.am"][4:] == [
        "—", "—", "⚠ error: HTTP 404 Not Found while fetching https://news.am/eng/news/0000.html",
    ]  # fmt: skip
    assert {s.location for s in comparison.sources} <= set(reader.links)


def test_local_path_is_a_code_span_not_a_link() -> None:
    comparison = ganja_comparison()
    local = replace(comparison.sources[0], location="/home/ed/data/ganja | [x](e) `t`.html")
    markdown = render_markdown(replace(comparison, sources=(local, *comparison.sources[1:])))
    reader = read(markdown)
    row = after(reader.blocks, "Sources", "table").rows[1]
    assert row[2] == "ganja | [x](e) `t`.html"  # by its name: no local folders in a report
    assert "/home/ed" not in markdown
    assert "<code>ganja" in markdown


def test_figures_table_flags_disagreement(ganja: tuple[Comparison, _Reader, str]) -> None:
    _, reader, _ = ganja
    table = after(reader.blocks, "Figures", "table")
    assert table.rows[0] == [
        "What",
        "Armenpress\nArmenian",
        "Trend\nAzerbaijani",
        "AzerNews\nAzerbaijani",
        "Wire Service\nInternational",
    ]
    assert table.rows[1] == ["⚠ killed", "—", "7 (¶1)", "9 (¶1)", "7 (¶1)"]
    assert table.rows[2] == ["wounded", "—", "33 (¶1)", "33 (¶1)", "—"]


def test_figures_table_flags_only_what_a_divergence_contests(
    ganja: tuple[Comparison, _Reader, str],
) -> None:
    comparison, _, _ = ganja
    calm = replace(
        comparison,
        divergences=tuple(d for d in comparison.divergences if d.kind != "figure"),
        contested=(),
    )
    table = after(read(render_markdown(calm)).blocks, "Figures", "table")
    assert table.rows[1] == ["killed", "—", "7 (¶1)", "9 (¶1)", "7 (¶1)"]


def test_each_row_quotes_every_side_symmetrically(
    ganja: tuple[Comparison, _Reader, str],
) -> None:
    comparison, reader, _ = ganja
    for divergence in comparison.divergences:
        if divergence.kind == "omission":
            continue
        table = table_for(reader.blocks, divergence.summary)
        assert table.rows[0] == ["Armenian", "Azerbaijani", "International"]
        assert len(table.rows) == 2 and len(table.rows[1]) == 3
        assert set(span.text for span in divergence.spans) <= set(table.marks)
    # The figure, the blame and the denial sit on one row: its sentences are quoted once.
    row = table_for(reader.blocks, comparison.divergences[0].summary)
    armenian, azerbaijani, international = row.rows[1]
    assert armenian == f"Armenpress ¶1: {PARAGRAPHS['armenpress'][0]}"
    assert azerbaijani.split("\n\n") == [
        f"Trend ¶1: {PARAGRAPHS['trend'][0]}",
        f"AzerNews ¶1: {PARAGRAPHS['azernews'][0]}",
    ]
    assert international == f"Wire Service ¶1: {PARAGRAPHS['wire'][0]}"
    assert sum(b.tag == "table" and b is row for b in reader.blocks) == 1
    assert sorted(row.marks) == sorted(
        ["7 civilians", "Nine civilians", "7 people", "an absolute lie", "denied",
         "Armenian forces shelled Ganja", "Armenian missiles hit Ganja"]
    )  # fmt: skip


def test_a_paragraph_is_quoted_once_per_row(ganja: tuple[Comparison, _Reader, str]) -> None:
    _, reader, _ = ganja
    cells = [cell for b in reader.blocks if b.tag == "table" for row in b.rows for cell in row]
    assert sum(cell.count(f"Trend ¶1: {PARAGRAPHS['trend'][0]}") for cell in cells) == 1


def test_side_without_the_paragraph_says_so() -> None:
    comparison = ganja_comparison()
    c4 = replace(comparison.clusters[3], members=comparison.clusters[3].members[:2])
    c6 = replace(c4, id="c6", members=comparison.clusters[3].members[2:])
    clusters = (*comparison.clusters[:3], c4, comparison.clusters[4], c6)
    naming = replace(comparison.divergences[3], spans=comparison.divergences[3].spans[:2])
    divergences = (*comparison.divergences[:3], naming, *comparison.divergences[4:])
    reader = read(render_markdown(replace(comparison, clusters=clusters, divergences=divergences)))
    table = table_for(reader.blocks, naming.summary)
    assert table.rows[1][2] == "not reported"


def test_sections_in_editor_order(ganja: tuple[Comparison, _Reader, str]) -> None:
    _, reader, markdown = ganja
    headings = [b.text for b in reader.blocks if b.tag in ("h2", "h3")]
    assert headings == [
        "Brief",
        "Sources",
        "Figures",
        "Details",
        "Figures",  # the row of the figure, the blame and the denial: by its top divergence
        "Naming",
        "Sources that could not be read",
    ]
    assert markdown.index("<summary><b>Omissions") > markdown.index("## Details")
    assert not any("d1" in h or "c1" in h for h in headings)  # no internal ids in headings


def test_brief_sets_claim_against_counter_claim() -> None:
    comparison = analysed_comparison()
    reader = read(render_markdown(comparison))
    brief = [b for b in reader.blocks if b.tag == "li"]
    top = [d for d in comparison.divergences if d.kind in ("figure", "denial", "blame", "naming")]
    assert top and any(" vs " in squeeze(item.text) for item in brief)
    figure = next(d for d in comparison.divergences if d.kind == "figure")
    values = [p.value for p in figure.positions]
    assert any(all(v in item.text for v in values) for item in brief)


def test_omissions_are_collapsed_and_quote_their_claim(
    ganja: tuple[Comparison, _Reader, str],
) -> None:
    _, reader, markdown = ganja
    items = [b.text for b in reader.blocks if b.tag == "li"]
    assert any(
        "rescue search reported by Trend only" in item
        and f"Trend ¶2: {PARAGRAPHS['trend'][1]}" in item
        for item in items
    )
    assert any(f"Armenpress ¶3: {PARAGRAPHS['armenpress'][2]}" in item for item in items)
    details = markdown[markdown.index("<details>") : markdown.index("</details>")]
    assert "Omissions (what one side alone reports): 2" in details
    assert "night in basements reported by Armenpress only" in details


def test_error_source_listed_with_reason(ganja: tuple[Comparison, _Reader, str]) -> None:
    _, reader, _ = ganja
    item = after(reader.blocks, "Sources that could not be read", "li")
    assert item.text == (
        "News.am (Armenian), news.am/eng/news/0000.html: "
        "HTTP 404 Not Found while fetching https://news.am/eng/news/0000.html"
    )


def test_nothing_found_still_renders() -> None:
    comparison = replace(ganja_comparison(), divergences=(), figures=(), clusters=())
    reader = read(render_markdown(comparison))
    texts = [b.text for b in reader.blocks]
    assert "No figures (killed, wounded, …) were found in the sources." in texts
    assert "Omissions" not in texts


def test_bad_spans_cost_a_highlight_not_the_report() -> None:
    comparison = ganja_comparison()
    naming = comparison.divergences[3]
    wrong = replace(naming.spans[0], text="Khankendi")  # does not match the slice it claims
    outside = replace(naming.spans[1], paragraph=40)
    unknown = replace(naming.spans[2], source="bbc")
    bad = replace(naming, spans=(wrong, outside, unknown), cluster="c99")
    markdown = render_markdown(replace(comparison, divergences=(bad,)))
    table = table_for(read(markdown).blocks, naming.summary)
    assert table.marks == []
    assert table.rows[1] == ["not reported", "not reported", "not reported"]


# --- hostile article text ------------------------------------------------------------------------

HOSTILE = [
    "| col | col |",
    "`code` and ``double`` ticks",
    "<script>alert(1)</script>",
    "[x](http://e) and ![img](http://e/i.png) and [ref][1]\n\n[1]: http://e",
    "**bold** __strong__ *em* _em_ ~~struck~~",
    "# heading",
    "\x1b[31mred\x1b[0m and \x1b]0;title\x07",
    "&amp; &lt;b&gt; &#124; &copy",
    "line one\nline two\r\n| a | b |\n|---|---|",
    "<http://e.com> http://e.com www.e.com me@e.com @someone #12 owner/repo#3",
    "$x^2$ and $$y$$ math",
    "note[^1] footnote",
    "\\| escaped pipe and trailing backslash \\",
    "nul \x00 bell \x07 del \x7f c1 \x9b",
    "<!-- comment --> <mark>fake</mark> </td></tr></table>",
    "> quote",
    "1. list",
    "- item",
    "---",
    "bidi \u202eevil\u202c",
]


def _check_hostile(text: str) -> None:
    paragraphs = (f"Artillery hit Stepanakert: {text}", f"Stepanakert basements. {text}")
    summary = f"naming {text}"
    comparison = ganja_comparison(paragraphs, naming_summary=summary)
    markdown = render_markdown(comparison)
    reader = read(markdown)

    assert set(reader.tags) <= ALLOWED_TAGS, set(reader.tags) - ALLOWED_TAGS
    assert set(reader.links) == {s.location for s in comparison.sources}
    table = table_for(reader.blocks, squeeze(clean(summary)))
    assert [len(row) for row in table.rows] == [3, 3]
    quoted = sentence_of(paragraphs[0], "Stepanakert")
    assert squeeze(table.rows[1][0]) == squeeze(f"Armenpress ¶2: {clean(quoted)}")
    assert table.marks == ["Stepanakert", "Khankendi", "Stepanakert"]
    quotes = [squeeze(b.text) for b in reader.blocks if b.tag == "li"]
    basements = sentence_of(paragraphs[1], "Stepanakert")
    assert any(squeeze(f"Armenpress ¶3: {clean(basements)}") in q for q in quotes)
    table_lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert all(line.endswith("|") for line in table_lines)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text(text: str) -> None:
    _check_hostile(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_inside_a_mark(text: str) -> None:
    paragraphs = (f"Stepanakert {text} end", f"Stepanakert {text} end")
    comparison = ganja_comparison(
        paragraphs, armenpress_marks=(f"{text} end", f"Stepanakert {text}")
    )
    reader = read(render_markdown(comparison))
    assert set(reader.tags) <= ALLOWED_TAGS
    table = table_for(reader.blocks, comparison.divergences[3].summary)
    assert squeeze(table.marks[0]) == squeeze(clean(f"{text} end"))
    quoted = sentence_of(paragraphs[0], f"{text} end")
    assert squeeze(table.rows[1][0]) == squeeze(f"Armenpress ¶2: {clean(quoted)}")


def test_ansi_escapes_are_removed_whole() -> None:
    assert clean("\x1b[31mred\x1b[0m \x1b]0;title\x07ok") == "red ok"
    assert clean("a\x00b\x07c\x7fd\u202ee") == "abcd⟨U+202E⟩e"  # shown, never obeyed
    assert clean("one\ntwo\r\nthree\tfour") == "one two three four"


SPECIALS = "|`*_[]()<>&#!~$\\:/@.-=+ \n\x1b\x00\u202e"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPECIALS) | st.characters(), max_size=40))
def test_any_text_stays_text(text: str) -> None:
    _check_hostile(text)


def test_contested_values_are_bold(ganja: tuple[Comparison, _Reader, str]) -> None:
    _, _, markdown = ganja
    killed = next(line for line in markdown.splitlines() if "killed</b> |" in line)
    wounded = next(line for line in markdown.splitlines() if line.startswith("| wounded"))
    assert killed.count("<b>7</b> (¶1)") == 2 and "<b>9</b> (¶1)" in killed
    assert "<b>" not in wounded


@pytest.mark.parametrize(
    ("value", "shown"),
    [(7, "7"), (7.0, "7"), (1200, "1,200"), (30000.0, "30,000"), (2.5, "2.5"), (35 / 3, "11.67")],
)
def test_figures_read_as_an_editor_writes_them(value: float, shown: str) -> None:
    assert format_value(value) == shown


@pytest.mark.parametrize(
    ("location", "href"),
    [
        ("https://e.com/a b)|[x]<y>`z`", "https://e.com/a%20b%29%7C%5Bx%5D%3Cy%3E%60z%60"),
        ("https://e.com/?a=1&copy=2", "https://e.com/?a=1&copy=2"),
        ("https://e.com/\x1b[31m\nx", "https://e.com/%20x"),
    ],
)
def test_url_locations_are_one_safe_link(location: str, href: str) -> None:
    comparison = ganja_comparison()
    odd = replace(comparison.sources[0], location=location)
    reader = read(render_markdown(replace(comparison, sources=(odd, *comparison.sources[1:]))))
    assert href in reader.links
    assert [len(row) for row in after(reader.blocks, "Sources", "table").rows] == [7] * 6


@pytest.mark.parametrize(
    ("location", "shown"),
    [("javascript:alert(1)", "javascript:alert(1)"), ("file:///etc/passwd", "passwd"),
     ("data:,x", "data:,x")],
)  # fmt: skip
def test_other_schemes_are_never_links(location: str, shown: str) -> None:
    comparison = ganja_comparison()
    odd = replace(comparison.sources[0], location=location)
    reader = read(render_markdown(replace(comparison, sources=(odd, *comparison.sources[1:]))))
    assert all(link.startswith("https://") for link in reader.links)
    assert after(reader.blocks, "Sources", "table").rows[1][2] == shown


def test_omission_marks_only_part_of_a_paragraph() -> None:
    comparison = ganja_comparison()
    rescue = PARAGRAPHS["trend"][1]
    whole = Span("trend", 1, 0, len(rescue), rescue)
    d5 = replace(comparison.divergences[4], spans=(whole,))
    divergences = (*comparison.divergences[:4], d5, comparison.divergences[5])
    markdown = render_markdown(replace(comparison, divergences=divergences))
    rescue_line = next(line for line in markdown.splitlines() if "Rescue teams" in line)
    basements_line = next(line for line in markdown.splitlines() if "Armenpress</b> ¶3" in line)
    assert "<mark>" not in rescue_line
    assert "<mark>Stepanakert</mark>" in basements_line


def test_mentions_and_issue_references_are_broken_up() -> None:
    escaped = inline("@someone #12 owner/repo#3 me@e.com")
    assert "@someone" not in escaped and "#12" not in escaped and "#3" not in escaped
    assert "@e.com" not in escaped
    assert escaped == "@<wbr>someone \\#<wbr>12 owner/repo\\#<wbr>3 me@<wbr>e.com"


def test_what_the_analysis_produces_renders_whole() -> None:
    comparison = analysed_comparison()
    reader = read(render_markdown(comparison))
    for divergence in comparison.divergences:
        if divergence.kind not in ("omission", "wording"):
            table = table_for(reader.blocks, squeeze(divergence.summary))
            assert [len(row) for row in table.rows] == [3, 3]
    rows = {d.cluster for d in comparison.divergences if d.kind not in ("omission", "wording")}
    assert len([b for b in reader.blocks if b.tag == "h3"]) == len(rows)


def test_a_row_names_the_sources_whose_headline_reports_it() -> None:
    comparison = ganja_comparison()
    trend = replace(comparison.source("trend"), title="Shells hit [Ganja] | *7 dead*\x1b[31m")
    sources = tuple(trend if s.id == "trend" else s for s in comparison.sources)
    c1 = replace(comparison.clusters[0], headlines=("trend", "wire"))
    clusters = (c1, *comparison.clusters[1:])
    markdown = render_markdown(replace(comparison, sources=sources, clusters=clusters))
    lines = [line for line in markdown.splitlines() if "Headline of" in line]
    assert len(lines) == 1  # one line, in c1's block only
    text = squeeze(next(b.text for b in read(markdown).blocks if "Headline of" in b.text))
    assert text == (
        "Headline of Trend: “Shells hit [Ganja] | *7 dead*” · "
        "Headline of Wire Service: “Wire Service on Ganja”"
    )
    block = markdown.split("### ")[1]  # the figure row's block holds it
    assert "Headline of Trend" in block and "\x1b" not in markdown


def test_an_omission_names_only_the_sides_that_are_silent() -> None:
    from tui.model import Divergence, Position

    comparison = ganja_comparison()
    sides = {s.id: s.label for s in comparison.sides}
    party, other, neutral = "azerbaijani", "armenian", "international"
    reporting = next(s for s in comparison.sources if s.side == party and s.ok)
    wire = next(s for s in comparison.sources if s.side == neutral and s.ok)
    silent = next(s for s in comparison.sources if s.side == other and s.ok)
    omission = Divergence(
        "d99",
        "omission",
        comparison.clusters[0].id,
        "a fact",
        (),
        positions=(
            Position((reporting.id, wire.id), (party, neutral), "a fact"),
            Position((silent.id,), (other,)),
        ),
        importance=0.5,
    )
    text = render_markdown(replace(comparison, divergences=(omission,)))
    heading = f"**Only in {sides[party]}, {sides[neutral]} sources** (not in {sides[other]})"
    assert heading in text
