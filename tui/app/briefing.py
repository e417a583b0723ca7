"""The brief screen: the first thing the app shows, built from `tui.analysis.brief`.

Every line points at a row of the grid: choosing it (enter or a click) closes the brief and puts
the cursor there; escape or `b` goes to the grid as it was. While sources still arrive, the
brief is rebuilt with each comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.highlight import KIND_STYLES, clean, plain
from tui.app.layout import GridModel
from tui.app.navigation import listed
from tui.model import Comparison, DivergenceKind
from tui.report.review import MARKS, Status

if TYPE_CHECKING:  # the analysis is imported with the first comparison, not before the first frame
    from tui.analysis.brief import Brief, FigureRow

# What a chosen line asks for: ("divergence", id) or ("cluster", id).
Target = tuple[str, str]


def _heading(text: str) -> Option:
    return Option(Text(text, style="bold underline"), disabled=True)


def _figure_line(row: FigureRow, labels: dict[str, str]) -> Text:
    from tui.analysis.brief import timeline

    line = Text(end="", no_wrap=True, overflow="ellipsis")
    glyph = KIND_STYLES["figure"]
    if row.contested:
        line.append(f"{glyph.glyph} ", style=glyph.style)
    else:
        line.append("  ")
    line.append_text(plain(row.quantity))
    line.stylize("bold")
    for side, statements in row.by_side:
        line.append(f"   {labels.get(side, side)}: ", style="dim")
        if not statements:
            line.append("—", style="dim")
            continue
        line.append(timeline(statements))
    return line


def brief_options(
    brief: Brief,
    model: GridModel,
    comparison: Comparison,
    hidden: Collection[DivergenceKind] = (),
    reviews: Mapping[str, Status] | None = None,
) -> list[Option]:
    """The brief as option lines; an enabled option's id is "n:kind:target-id" (two lines
    may lead to one row, and option ids must be unique). The heading counts what the panel
    lists with the `hidden` kinds filtered out, as its title does; a reviewed contradiction
    says how it was judged (`reviews`: divergence id -> status)."""
    labels = {side.id: side.label for side in comparison.sides}
    where = {(m.source, m.paragraph): c.id for c in comparison.clusters for m in c.members}
    reviews = reviews or {}
    options: list[Option] = []
    shown = len(listed(model, hidden))
    concealed = len(model.divergences) - shown
    counts = [f"{len(brief.contradictions)} of {len(brief.contradictions) + brief.hidden}"]
    if not brief.hidden:
        counts = []
    panel = f"the panel lists {shown}" + (f", +{concealed} hidden" if concealed else "")
    options.append(_heading(f"Top contradictions ({' · '.join([*counts, panel])})"))
    if not brief.contradictions:
        options.append(Option(Text("none found", style="dim"), disabled=True))
    for item in brief.contradictions:
        style = KIND_STYLES[item.kind]
        line = Text(end="", no_wrap=True, overflow="ellipsis")
        line.append(f"{style.glyph} {item.kind:<8}", style=style.style)
        line.append(" ")
        status = reviews.get(item.divergence)
        if status is not None:
            line.append(f"{MARKS[status]} {status}: ", style="bold")
        line.append(clean(model.details.get(item.divergence, item.summary)))
        options.append(Option(line, id=f"{len(options)}:divergence:{item.divergence}"))
    if brief.figures:
        options.append(_heading("Figures per side (in the order the articles were fetched)"))
        for row in brief.figures:
            first = next((s for _, found in row.by_side for s in found), None)
            cluster = where.get((first.source, first.paragraph)) if first else None
            option_id = f"{len(options)}:cluster:{cluster}" if cluster else None
            options.append(Option(_figure_line(row, labels), id=option_id, disabled=not cluster))
    for side in brief.alone:
        label = labels.get(side.side, side.side)
        more = f" (first {len(side.items)} of {side.total})" if side.total > len(side.items) else ""
        options.append(_heading(f"Only {label} sources report{more}"))
        if not side.items:
            options.append(Option(Text("nothing of their own", style="dim"), disabled=True))
        for item in side.items:
            line = Text("∅ ", end="", no_wrap=True, overflow="ellipsis")
            line.append_text(plain(item.text))
            options.append(Option(line, id=f"{len(options)}:cluster:{item.cluster}"))
    return options


class BriefScreen(Screen[Target | None]):
    """The brief over the whole screen; dismisses with the chosen line's target."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,b", "dismiss(None)", "Grid", id="brief.close"),
        Binding("q", "app.quit", "Quit", id="brief.quit"),
    ]

    DEFAULT_CSS = """
    BriefScreen { background: $surface; }
    BriefScreen #brief-title { height: 2; padding: 0 1; background: $panel; text-style: bold; }
    BriefScreen OptionList { height: 1fr; border: none; }
    BriefScreen #brief-wait { height: 1fr; padding: 0 1; }
    BriefScreen #brief-keys { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(
        self,
        title: str,
        hidden: Callable[[], Collection[DivergenceKind]] = frozenset,
        reviews: Callable[[], Mapping[str, Status]] = dict,
    ) -> None:
        """`hidden` and `reviews` are asked at each rebuild: the filters and reviews of the
        moment, so the brief's counts and marks agree with the panel's."""
        super().__init__()
        self._title = title
        self._hidden = hidden
        self._reviews = reviews

    def compose(self) -> ComposeResult:
        # Straight on the screen, which stacks them as a container would: the brief is the
        # app's first screen, and every widget mounted, styled and laid out is paid before it.
        yield Static(plain(f"Brief · {self._title}"), id="brief-title")
        # A line, not the list: mounting, styling and drawing an OptionList was a fifth of
        # `parallax demo`'s first frame.
        yield Static(Text("Waiting for the first sources…", style="dim"), id="brief-wait")
        yield Static(
            Text("enter  go to the row   esc/b  the grid   ?  help   q  quit"),
            id="brief-keys",
        )

    def show(self, model: GridModel, comparison: Comparison) -> None:
        """Rebuild from a new comparison, keeping the highlighted line where it was; the first
        one puts the list where the waiting line was."""
        from tui.analysis.brief import build_brief

        brief = build_brief(comparison)
        lines = brief_options(brief, model, comparison, self._hidden(), self._reviews())
        found = self.query(OptionList)
        if found:
            options = found.first()
            highlighted = options.highlighted
            options.clear_options()
            options.add_options(lines)
        else:
            options, highlighted = OptionList(*lines), None
            self.query_one("#brief-wait").remove()
            self.mount(options, before=self.query_one("#brief-keys"))
            options.focus()
        enabled = [
            i for i in range(options.option_count) if not options.get_option_at_index(i).disabled
        ]
        # Where it was, else the first line that leads somewhere (not a heading).
        options.highlighted = highlighted if highlighted in enabled else next(iter(enabled), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            _, kind, target = event.option.id.split(":", 2)
            self.dismiss((kind, target))
