"""Hand-built comparisons and a fake loader for the app's tests, screenshots and benchmark.

The articles are the team's own words about the shelling of Ganja and Stepanakert on
11 October 2020; the facts are the public ones (7 killed and 33 wounded per Azerbaijan's foreign
ministry, "an absolute lie" from the Karabakh defence ministry, Stepanakert / Khankendi). The
clusters and divergences are written out by hand so the app can be tested before, and
independently of, the real alignment and divergence stages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from tempfile import mkdtemp

from tui.app import ParallaxApp
from tui.app.loader import PlannedSource, Progress
from tui.model import (
    Cluster,
    Comparison,
    Divergence,
    DivergenceKind,
    Event,
    Figure,
    Member,
    Outlet,
    Position,
    Side,
    Source,
    Span,
)

GENERATED = dt.datetime(2020, 10, 12, 9, 0, tzinfo=dt.UTC)
FETCHED = dt.datetime(2020, 10, 12, 8, 30, tzinfo=dt.UTC)

SIDES = (
    Side("armenian", "Armenian", "#d90012"),
    Side("international", "International", "#8a8f98"),
    Side("azerbaijani", "Azerbaijani", "#00b5e2"),
)

EVENT = Event(
    id="ganja-2020-10-11",
    title="Shelling of Ganja and Stepanakert",
    date=dt.date(2020, 10, 11),
    articles=(),
)

OUTLETS = {
    "hayk": Outlet("hayk", "Hayk News", "armenian"),
    "monitor": Outlet("monitor", "Caucasus Monitor", "international"),
    "wire": Outlet("wire", "Global Wire", "international"),
    "baku": Outlet("baku", "Baku Herald", "azerbaijani"),
    "kavkaz": Outlet("kavkaz", "Kavkaz Post", "armenian"),
}

PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "hayk": (
        "Azerbaijani forces shelled Stepanakert overnight on 11 October, hitting residential "
        "districts, the Artsakh emergency service said.",
        "The Karabakh defence ministry called Baku's claim that Armenian forces struck Ganja "
        "an absolute lie.",
        "Rescue teams in Stepanakert were still clearing rubble from an apartment block on "
        "Sunday morning.",
    ),
    "monitor": (
        "A missile strike flattened homes in Ganja, Azerbaijan's second city, early on "
        "11 October; Azerbaijan's foreign ministry said 7 people were killed and 33 wounded.",
        "Armenia denied firing at Ganja, and the defence ministry of the breakaway "
        "Nagorno-Karabakh region called the accusation an absolute lie.",
        "Stepanakert, the region's main city, also came under fire, local officials said.",
        "The fighting over Nagorno-Karabakh, which began on 27 September, has killed hundreds.",
    ),
    "wire": (
        "At least nine people were killed in Ganja, according to a local hospital, hours after "
        "a humanitarian truce brokered in Moscow took effect.",
        "Both sides accused each other of breaching the ceasefire.",
        "Stepanakert, which Azerbaijan calls Khankendi, was shelled as well.",
        "Fighting in the region resumed on 27 September and has killed hundreds.",
    ),
    "baku": (
        "Armenian armed forces struck a residential area of Ganja overnight on 11 October, "
        "killing 7 civilians and wounding 33, the foreign ministry said.",
        "Shells also landed near Khankendi, where Armenian forces keep heavy weapons among "
        "homes, the ministry added.",
        "Baku called the attack on Ganja a war crime and a breach of the humanitarian "
        "ceasefire agreed in Moscow.",
    ),
    # Kavkaz Post fails in the demo; this is what a successful retry brings back.
    "kavkaz": ("Residents of Stepanakert spent a second night in basements.",),
}

LOCATIONS = {
    "hayk": "https://hayk.example/2020/10/11/stepanakert",
    "monitor": "https://monitor.example/ganja-strike",
    "wire": "https://wire.example/world/ganja",
    "baku": "https://baku.example/news/ganja-attack",
    "kavkaz": "https://kavkaz.example/missing",
}

KAVKAZ_ERROR = "HTTP 404 Not Found from https://kavkaz.example/missing"


def span(source: str, paragraph: int, text: str) -> Span:
    """The span of the first occurrence of `text` in that paragraph (fails loudly if absent)."""
    start = PARAGRAPHS[source][paragraph].index(text)
    return Span(source, paragraph, start, start + len(text), text)


def figure(source: str, paragraph: int, text: str, quantity: str, value: float) -> Figure:
    s = span(source, paragraph, text)
    return Figure(source, paragraph, s.start, s.end, text, quantity, value)


CLUSTERS = (
    Cluster("c1", 0.81, (Member("baku", 0), Member("monitor", 0), Member("wire", 0))),
    Cluster("c2", 0.77, (Member("hayk", 1), Member("monitor", 1))),
    Cluster(
        "c3",
        0.72,
        (Member("baku", 1), Member("hayk", 0), Member("monitor", 2), Member("wire", 2)),
    ),
    Cluster("c4", 1.0, (Member("hayk", 2),)),
    Cluster("c5", 0.64, (Member("baku", 2), Member("wire", 1))),
    Cluster("c6", 0.69, (Member("monitor", 3), Member("wire", 3))),
)


def _divergence(
    id: str, kind: DivergenceKind, cluster: str, summary: str, *spans: Span
) -> Divergence:
    return Divergence(id, kind, cluster, summary, spans)


# Three divergences carry the structured fields the core fills in (the app renders from them);
# the others have only their summary, which the app must show verbatim.
STRUCTURED = {
    "d1": (
        "killed",
        (
            Position(("baku", "monitor"), ("azerbaijani", "international"), "7"),
            Position(("wire",), ("international",), "9"),
        ),
    ),
    "d6": (
        "rescue work",
        (
            Position(
                ("hayk",),
                ("armenian",),
                "Rescue teams in Stepanakert were still clearing rubble from an apartment block",
            ),
            Position(("baku",), ("azerbaijani",), ""),
        ),
    ),
    "d4": (
        "Stepanakert",
        (
            Position(("hayk", "monitor", "wire"), ("armenian", "international"), "Stepanakert"),
            Position(("baku",), ("azerbaijani",), "Khankendi"),
        ),
    ),
}


DIVERGENCES = (
    _divergence(
        "d1",
        "figure",
        "c1",
        "killed: 7 (Baku Herald, Caucasus Monitor) vs 9 (Global Wire)",
        span("baku", 0, "7 civilians"),
        span("monitor", 0, "7 people"),
        span("wire", 0, "nine people"),
    ),
    _divergence(
        "d2",
        "omission",
        "c1",
        "Only Azerbaijani and international outlets report the dead in Ganja",
        span("baku", 0, "killing 7 civilians and wounding 33"),
    ),
    _divergence(
        "d3",
        "denial",
        "c2",
        "Karabakh defence ministry: 'an absolute lie'",
        span("hayk", 1, "an absolute lie"),
        span("monitor", 1, "Armenia denied"),
        span("monitor", 1, "an absolute lie"),
    ),
    _divergence(
        "d4",
        "naming",
        "c3",
        "Stepanakert (Hayk News, Caucasus Monitor, Global Wire) / Khankendi (Baku Herald)",
        span("hayk", 0, "Stepanakert"),
        span("monitor", 2, "Stepanakert"),
        span("wire", 2, "Stepanakert"),
        span("wire", 2, "Khankendi"),
        span("baku", 1, "Khankendi"),
    ),
    _divergence(
        "d5",
        "blame",
        "c3",
        "who fired: Azerbaijani forces (Hayk News) vs Armenian forces (Baku Herald)",
        span("hayk", 0, "Azerbaijani forces shelled"),
        span("baku", 1, "Armenian forces keep heavy weapons among homes"),
    ),
    _divergence(
        "d6",
        "omission",
        "c4",
        "Only Armenian outlets report rescue work in Stepanakert",
        span("hayk", 2, "clearing rubble from an apartment block"),
    ),
    _divergence(
        "d7",
        "framing",
        "c5",
        "'war crime' (Azerbaijani vocabulary)",
        span("baku", 2, "a war crime"),
    ),
    _divergence(
        "d8",
        "wording",
        "c5",
        "ceasefire breach: by Armenia (Baku Herald) vs by both sides (Global Wire)",
        span("baku", 2, "a breach of the humanitarian ceasefire"),
        span("wire", 1, "Both sides accused each other"),
    ),
)

DIVERGENCES = tuple(
    replace(d, topic=STRUCTURED[d.id][0], positions=STRUCTURED[d.id][1])
    if d.id in STRUCTURED
    else d
    for d in DIVERGENCES
)

FIGURES = (
    figure("baku", 0, "7 civilians", "killed", 7),
    figure("baku", 0, "33", "wounded", 33),
    figure("monitor", 0, "7 people", "killed", 7),
    figure("monitor", 0, "33 wounded", "wounded", 33),
    figure("wire", 0, "nine people", "killed", 9),
)

PLAN = tuple(PlannedSource(id, outlet, LOCATIONS[id]) for id, outlet in OUTLETS.items())


def make_source(
    source_id: str, paragraphs: Sequence[str] | None = None, *, failed: bool = False
) -> Source:
    """The finished Source for a fixture id, or its failure."""
    if failed:
        return Source(source_id, OUTLETS[source_id], LOCATIONS[source_id], "error", KAVKAZ_ERROR)
    return Source(
        source_id,
        OUTLETS[source_id],
        LOCATIONS[source_id],
        "ok",
        title=f"{OUTLETS[source_id].name} on Ganja",
        fetched_at=FETCHED,
        sha256="0" * 64,
        paragraphs=tuple(paragraphs) if paragraphs is not None else PARAGRAPHS[source_id],
    )


def restrict(comparison: Comparison, sources: Sequence[Source]) -> Comparison:
    """The fixture comparison as if only `sources` had been fetched so far."""
    present = {s.id for s in sources if s.ok}
    clusters = tuple(
        replace(c, members=tuple(m for m in c.members if m.source in present))
        for c in comparison.clusters
    )
    clusters = tuple(c for c in clusters if c.members)
    clustered = {(m.source, m.paragraph) for c in clusters for m in c.members}
    clusters += tuple(
        Cluster(f"{s.id}-{i}", 1.0, (Member(s.id, i),))
        for s in sources
        if s.ok
        for i in range(len(s.paragraphs))
        if (s.id, i) not in clustered
    )
    kept = {c.id for c in clusters}
    divergences = tuple(
        replace(d, spans=tuple(s for s in d.spans if s.source in present))
        for d in comparison.divergences
        if d.cluster in kept
    )
    return replace(
        comparison,
        sources=tuple(sources),
        clusters=clusters,
        divergences=tuple(d for d in divergences if d.spans),
        figures=tuple(f for f in comparison.figures if f.source in present),
    )


def demo_comparison(paragraphs: dict[str, Sequence[str]] | None = None) -> Comparison:
    """Five sources (four ok, Kavkaz Post failed), clusters c1–c6 (c6 agrees), divergences d1–d8."""
    overrides = paragraphs or {}
    return Comparison(
        event=EVENT,
        sides=SIDES,
        sources=tuple(make_source(id, overrides.get(id), failed=id == "kavkaz") for id in OUTLETS),
        clusters=CLUSTERS,
        divergences=DIVERGENCES,
        figures=FIGURES,
        generated_at=GENERATED,
        contested=tuple(f for f in FIGURES if f.quantity == "killed"),
    )


@dataclass
class FakeLoader:
    """A ComparisonLoader over the fixture; gates let a test hold a source at "fetching".

    With `gated` set, each source in it waits for `release(id)` before it finishes, so a test
    can look at the queued/fetching states and at a half-filled grid.
    """

    comparison: Comparison = field(default_factory=demo_comparison)
    gated: Collection[str] = ()
    fail: Collection[str] = ("kavkaz",)
    cached: Collection[str] = ()
    plan_: tuple[PlannedSource, ...] = PLAN
    loads: list[tuple[tuple[str, ...] | None, bool]] = field(default_factory=list)
    compares: int = 0
    gates: dict[str, asyncio.Event] = field(default_factory=dict)

    @property
    def event(self) -> Event:
        return self.comparison.event

    @property
    def sides(self) -> tuple[Side, ...]:
        return self.comparison.sides

    def plan(self) -> tuple[PlannedSource, ...]:
        return self.plan_

    def release(self, *source_ids: str) -> None:
        for source_id in source_ids:
            self.gates.setdefault(source_id, asyncio.Event()).set()

    def _source(self, source_id: str) -> Source:
        if source_id in self.fail:
            return make_source(source_id, failed=True)
        found = self.comparison.source(source_id)
        return found if found.ok else make_source(source_id)

    async def _one(self, source_id: str, on_progress: Callable[[Progress], None]) -> Source:
        on_progress(Progress(source_id, "fetching", LOCATIONS.get(source_id, "")))
        if source_id in self.gated:
            await self.gates.setdefault(source_id, asyncio.Event()).wait()
        await asyncio.sleep(0)
        source = self._source(source_id)
        if not source.ok:
            on_progress(Progress(source_id, "error", source.error or "", source))
        else:
            state = "cached" if source_id in self.cached else "done"
            on_progress(
                Progress(source_id, state, "200 OK" if state == "done" else "from cache", source)
            )
        return source

    async def load(
        self,
        on_progress: Callable[[Progress], None],
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        ids = [p.id for p in self.plan_ if only is None or p.id in only]
        self.loads.append((tuple(only) if only is not None else None, refresh))
        for source_id in ids:
            on_progress(Progress(source_id, "queued"))
        return tuple(await asyncio.gather(*(self._one(i, on_progress) for i in ids)))

    def compare(self, sources: Sequence[Source]) -> Comparison:
        self.compares += 1
        return restrict(self.comparison, sources)

    def reload(self) -> FakeLoader:
        """The fixture has no file behind it: the same loader."""
        return self


@dataclass
class StaggeredLoader(FakeLoader):
    """A FakeLoader whose every load() waits on a gate of its own, for races between loads.

    `release_load(n)` lets the n-th load() call finish; each call's sources carry a
    `fetched_at` of FETCHED + n + 1 minutes (never FakeLoader's FETCHED), so a test can tell
    which load a source came from.
    The work is shielded from cancellation, as a real loader's threads would be: a
    cancelled load still reports late, and the app has to ignore it.
    """

    load_gates: list[asyncio.Event] = field(default_factory=list)

    def release_load(self, call: int) -> None:
        self.load_gates[call].set()

    def fetched_at(self, call: int) -> dt.datetime:
        return FETCHED + dt.timedelta(minutes=call + 1)

    async def _staggered(
        self, call: int, ids: Sequence[str], on_progress: Callable[[Progress], None]
    ) -> tuple[Source, ...]:
        for source_id in ids:
            on_progress(Progress(source_id, "fetching", LOCATIONS.get(source_id, "")))
        await self.load_gates[call].wait()
        sources = []
        for source_id in ids:
            source = replace(self._source(source_id), fetched_at=self.fetched_at(call))
            state = "done" if source.ok else "error"
            on_progress(Progress(source_id, state, source.error or "", source))
            sources.append(source)
        return tuple(sources)

    async def load(
        self,
        on_progress: Callable[[Progress], None],
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        ids = [p.id for p in self.plan_ if only is None or p.id in only]
        call = len(self.loads)
        self.loads.append((tuple(only) if only is not None else None, refresh))
        self.load_gates.append(asyncio.Event())
        work = asyncio.ensure_future(self._staggered(call, ids, on_progress))
        return await asyncio.shield(work)


async def settle(pilot, app, *, loading: bool = False) -> None:
    """Wait until the app has compared what it has; unless `loading`, until loading is over.

    `loading=True` is for tests that hold sources at their gates on purpose.
    """
    for _ in range(500):
        await pilot.pause()
        done = not app.comparing if loading else app.settled
        if done:
            await pilot.pause()
            if not app.comparing if loading else app.settled:
                return
    raise AssertionError("the app never settled")


def twelve_sources() -> FakeLoader:
    """The four outlets that load, three articles each (ids suffixed -2, -3): twelve sources
    over three sides, every copy in the same clusters as its original."""
    base = demo_comparison()
    ok = [s for s in base.sources if s.ok]
    copies = {s.id: [s.id, f"{s.id}-2", f"{s.id}-3"] for s in ok}
    sources = tuple(replace(s, id=copy) for s in ok for copy in copies[s.id])
    clusters = tuple(
        replace(
            c,
            members=tuple(
                Member(copy, m.paragraph) for m in c.members for copy in copies.get(m.source, ())
            ),
        )
        for c in base.clusters
    )
    comparison = replace(base, sources=sources, clusters=clusters)
    plan = tuple(PlannedSource(s.id, s.outlet, s.location) for s in sources)
    return FakeLoader(comparison, plan_=plan, fail=())


def column_width(source_id: str, size: tuple[int, int] = (80, 24)) -> int:
    """The width the grid gives `source_id`'s column at `size` (the text does not change it)."""

    async def measure() -> int:
        app = ParallaxApp(
            FakeLoader(), compare_interval=0, open_brief=False, review_dir=Path(mkdtemp())
        )
        async with app.run_test(size=size) as pilot:
            await settle(pilot, app)
            columns = [c.source_id for c in app.grid.model.columns]
            return app.grid._widths[columns.index(source_id)]

    return asyncio.run(measure())


def full_line(width: int) -> str:
    """Words that fill a `width`-wide line exactly (width 8 or more)."""
    n, rest = divmod(width - len("Shells") - 2, len(" also"))
    line = "Shells" + " also" * n + " " + ("a", "at", "the", "near", "close")[rest]
    assert len(line) == width
    return line


def khankendi_at_a_line_start(width: int) -> FakeLoader:
    """The demo, with Baku Herald's paragraph 1 rewritten so that its first line fills a
    `width`-wide column exactly and "Khankendi" (naming d4) opens the second line."""
    text = full_line(width) + " Khankendi, where, it said, Armenian forces keep heavy weapons"
    text += " among homes."

    def moved(span: Span) -> Span:
        if (span.source, span.paragraph) != ("baku", 1):
            return span
        start = text.index(span.text)
        return replace(span, start=start, end=start + len(span.text))

    baku = PARAGRAPHS["baku"]
    comparison = demo_comparison({"baku": (baku[0], text, *baku[2:])})
    divergences = tuple(
        replace(d, spans=tuple(moved(s) for s in d.spans)) for d in comparison.divergences
    )
    return FakeLoader(replace(comparison, divergences=divergences))


async def exported(pilot, app) -> None:
    """Wait until every report being written has been written: the writing runs on a thread
    (or in a child process), so one pause is not enough on a loaded machine."""
    for _ in range(500):
        await pilot.pause()
        if not any(w.group == "export" and not w.is_finished for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("the report was never written")
