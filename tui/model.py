"""The data every stage passes to the next.

Everything here is a frozen dataclass so that a `Comparison` can be handed to the app, the
report writers and the tests without anyone being able to change it under the others' feet.
Collections are tuples for the same reason. Lookups that several stages need live here as
small methods; analysis does not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SourceStatus = Literal["ok", "error"]
DivergenceKind = Literal["figure", "blame", "denial", "naming", "framing", "omission", "wording"]
# The paragraph index that stands for a source's headline (`Source.title`) in a `Member` or a
# `Span`: a headline is read and analysed like a paragraph, but is none of `Source.paragraphs`.
# It sorts before the first paragraph, as a headline is read before the lede.
HEADLINE = -1
DIVERGENCE_KINDS: tuple[DivergenceKind, ...] = (
    "figure",
    "blame",
    "denial",
    "naming",
    "framing",
    "omission",
    "wording",
)


# --- configuration (sources.yaml) -------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """A camp in the conflict; which outlets belong to it is data, not code.

    A `neutral` side (international agencies, say) is no party to the conflict: its outlets
    are compared with everyone's, but nothing is an omission or a blame "of" it.
    """

    id: str
    label: str
    colour: str
    neutral: bool = False


@dataclass(frozen=True)
class Outlet:
    """A publisher, tied to one side; how to read its pages and where it lists new ones."""

    id: str
    name: str
    side: str
    homepage: str | None = None
    selector: str | None = None  # CSS selector that overrides readability for this outlet
    lang: str | None = None
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds that `parallax discover` reads
    sitemap: str | None = None  # a news sitemap or sitemap index (else robots.txt says)


@dataclass(frozen=True)
class ArticleRef:
    """One article of an event: where to get it and which outlet published it.

    `location` is an http(s) URL, a file:// URL, or an absolute path (config paths are resolved
    against the YAML file when it is loaded). `line` is where it was declared, for messages.
    """

    outlet: str
    location: str
    line: int | None = None


@dataclass(frozen=True)
class Event:
    """One thing that happened, dated, and the articles that report it."""

    id: str
    title: str
    date: dt.date
    articles: tuple[ArticleRef, ...]
    keywords: tuple[str, ...] = ()  # what `parallax discover` looks for in titles and summaries


@dataclass(frozen=True)
class NameGroup:
    """One place or thing that the sides name differently (Stepanakert / Khankendi).

    `variants` pairs a side id with the names that side uses; a name used by everyone may be
    listed under any side.
    """

    id: str
    variants: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, names in self.variants for name in names)

    def side_of(self, name: str) -> str | None:
        folded = name.casefold()
        for side, names in self.variants:
            if any(n.casefold() == folded for n in names):
                return side
        return None


@dataclass(frozen=True)
class FramingTerm:
    """A loaded term and the side whose vocabulary it belongs to.

    `family` is the head term of the family it belongs to ("occupation" for "occupied" and
    "occupier"), empty for a term listed alone; findings count a family as one term.
    """

    term: str
    side: str
    family: str = ""


@dataclass(frozen=True)
class Lexicon:
    """The conflict's vocabulary, from sources.yaml.

    `actors` pairs a side id with the words that name that side as an actor ("Baku",
    "Yerevan"), beyond what its id gives ("armenian" → Armenian, Armenians, Armenia).
    """

    names: tuple[NameGroup, ...] = ()
    framing: tuple[FramingTerm, ...] = ()
    denial: tuple[str, ...] = ()
    actors: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Config:
    """A whole sources.yaml as loaded; `path` is the file, read again to reload an event."""

    path: Path
    sides: tuple[Side, ...]
    outlets: tuple[Outlet, ...]
    events: tuple[Event, ...]
    lexicon: Lexicon = field(default_factory=Lexicon)

    def side(self, side_id: str) -> Side:
        return next(s for s in self.sides if s.id == side_id)

    def outlet(self, outlet_id: str) -> Outlet:
        return next(o for o in self.outlets if o.id == outlet_id)

    def event(self, event_id: str) -> Event:
        return next(e for e in self.events if e.id == event_id)


# --- fetched and extracted sources -------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """Where a source's bytes came from, so that a finding can be cited and re-checked.

    `origin` is "live" (the site answered), "cache" (an earlier live fetch), "archive" (a web
    archive snapshot, see `archive_url`/`archived_at`) or "file" (a local path). `redirects`
    lists every hop after the URL asked for, the last one being `final_url`.
    """

    final_url: str
    origin: Literal["live", "cache", "archive", "file"]
    status: int | None = None  # HTTP status of the final answer
    redirects: tuple[str, ...] = ()
    archive_url: str | None = None
    archived_at: dt.datetime | None = None


@dataclass(frozen=True)
class Source:
    """One article as the analysis sees it: an outlet's text, or the reason there is none.

    `id` is the outlet id, suffixed (-2, -3, …) when an event has several articles from one
    outlet. A source with status "error" has no paragraphs and a one-line `error`.
    """

    id: str
    outlet: Outlet
    location: str
    status: SourceStatus
    error: str | None = None
    title: str = ""
    fetched_at: dt.datetime | None = None
    sha256: str | None = None
    paragraphs: tuple[str, ...] = ()
    note: str = ""  # one line when extraction had to cut an oversized article
    provenance: Provenance | None = None  # how the text was obtained; None for made-up sources

    @property
    def side(self) -> str:
        return self.outlet.side

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def text(self, paragraph: int) -> str:
        """The text a member or span of this source points at: a paragraph, or the headline
        for `HEADLINE`, so that no reader takes -1 for the last paragraph."""
        return self.title if paragraph == HEADLINE else self.paragraphs[paragraph]


# --- analysis ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Member:
    """A paragraph of a source: `paragraph` indexes `Source.paragraphs`. Inside the analysis
    it may be `HEADLINE`, the source's headline read as a unit; a cluster's members never are."""

    source: str
    paragraph: int


@dataclass(frozen=True, order=True)
class ClaimLink:
    """Two sentences of two members of one cluster that report the same thing.

    `a_start:a_end` are character offsets into paragraph `a`, likewise for `b`; `score`
    (0..1) is how strongly their particulars agree. The aligner built the cluster from these
    links, so a detector can compare the two sentences rather than the whole paragraphs.
    """

    a: Member
    a_start: int
    a_end: int
    b: Member
    b_start: int
    b_end: int
    score: float


@dataclass(frozen=True)
class Cluster:
    """Paragraphs, from any number of sources, that report the same thing.

    Clusters are listed in reading order; a cluster may hold one paragraph only, and a source
    may contribute several paragraphs to one cluster. `links` are the claim links between
    its members that the aligner found, best first (empty for a cluster built otherwise).
    `headlines` are the sources whose headline (`Source.title`) reports what the row reports,
    in source order: a headline is a unit of its own, never a member.
    """

    id: str
    score: float
    members: tuple[Member, ...]
    links: tuple[ClaimLink, ...] = ()
    headlines: tuple[str, ...] = ()

    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source for m in self.members))


@dataclass(frozen=True)
class Span:
    """Exact characters of one paragraph: `text == paragraphs[paragraph][start:end]`, or of
    the source's headline when `paragraph` is `HEADLINE`: `text == title[start:end]`."""

    source: str
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def headline(self) -> bool:
        return self.paragraph == HEADLINE


@dataclass(frozen=True)
class Position:
    """One camp of a divergence: which sources say it, of which sides, and what they say.

    `value` is what is set against the other positions: a figure ("7"), a name ("Khankendi"),
    a loaded term ("occupation"), the actor blamed, or the claim denied. Presenters render
    from these fields, never by parsing `summary`.
    """

    sources: tuple[str, ...]
    sides: tuple[str, ...]
    value: str = ""
    speaker: str = ""  # who is quoted saying it, when it is not the outlet's own voice


@dataclass(frozen=True)
class Divergence:
    """One way the sides' reports of a row differ, with the exact text that shows it."""

    id: str
    kind: DivergenceKind
    cluster: str
    summary: str
    spans: tuple[Span, ...]
    topic: str = ""  # what the positions disagree about: "killed", a name group's key, …
    positions: tuple[Position, ...] = ()
    importance: float = 0.0  # 0..1; reports and the app list the most important first


@dataclass(frozen=True)
class Figure:
    """A number together with what it counts, as one source states it."""

    source: str
    paragraph: int
    start: int
    end: int
    text: str
    quantity: str  # what is counted: "killed", "wounded", "drones", …
    value: float


@dataclass(frozen=True)
class Comparison:
    """Everything the report writers and the app show; both read only this."""

    event: Event
    sides: tuple[Side, ...]
    sources: tuple[Source, ...]
    clusters: tuple[Cluster, ...]
    divergences: tuple[Divergence, ...]
    figures: tuple[Figure, ...]
    generated_at: dt.datetime
    # The figures some divergence sets against another's: the core decides, and the report and
    # the app both mark exactly these.
    contested: tuple[Figure, ...] = ()

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def side(self, side_id: str) -> Side:
        return next(s for s in self.sides if s.id == side_id)

    def cluster(self, cluster_id: str) -> Cluster:
        return next(c for c in self.clusters if c.id == cluster_id)
