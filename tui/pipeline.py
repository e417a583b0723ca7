"""The stages run end to end: from an event in the config to a `Comparison`.

The CLI and the app both come through here, so that `parallax report` and the screen can never
disagree about what an event's sources said. Fetching is the only slow, failure-prone step; it
reports progress per source and turns every failure into an error source rather than an
exception, so one dead outlet never stops the others.

Extraction gets a time budget per source (`EXTRACT_SECONDS`). Its work is bounded by
construction (size caps, linear patterns), so the budget is a backstop for a parser bug or a
page nobody foresaw: the source becomes an error and the comparison goes on. Python cannot stop
a thread, so extraction runs in a daemon thread that is abandoned when its time is up; it can
never hold up the others or the exit. Such a thread parses with lxml objects of its own, made in
it (`tui.ingest.html`), and hands back only strings, so one left running mid-parse shares no
parser, tree or libxml2 dictionary with the rest (benchmarks/extract_stress.py checks this).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import os
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.config import load_config
from tui.model import Comparison, Config, Event, Side, Source
from tui.plan import PlannedSource, Progress, SourceProgressCallback
from tui.text.clean import clean_line
from tui.threads import in_thread

# Fetching, extraction and analysis are imported where they are first used, in the worker
# that loads an event: the viewer paints its first frame without waiting for them (tui.plan).
if TYPE_CHECKING:
    from tui.ingest.fetch import FetchResult, FetchState
    from tui.ingest.options import FetchOptions

EXTRACT_SECONDS = 60.0
# Extractions at once: they are CPU-bound and share one interpreter lock, so more would only
# spread each one's budget thinner.
EXTRACT_SLOTS = max(2, min(os.cpu_count() or 2, 8))


def plan_sources(config: Config, event: Event) -> tuple[PlannedSource, ...]:
    """Source ids are outlet ids, suffixed -2, -3 … when an outlet has several articles."""
    seen: dict[str, int] = {}
    planned = []
    for ref in event.articles:
        seen[ref.outlet] = seen.get(ref.outlet, 0) + 1
        source_id = ref.outlet if seen[ref.outlet] == 1 else f"{ref.outlet}-{seen[ref.outlet]}"
        planned.append(PlannedSource(source_id, config.outlet(ref.outlet), ref.location))
    return tuple(planned)


def source_from_fetch(planned: PlannedSource, result: FetchResult) -> Source:
    """Extract one fetched document; any failure becomes an error source with a reason."""
    from tui.ingest.extract import ExtractionError, extract
    from tui.ingest.provenance import provenance_of

    failed = Source(planned.id, planned.outlet, planned.location, "error")
    document = result.document
    if document is None:
        return replace(failed, error=result.error or "fetch failed for an unknown reason")
    provenance = {
        "fetched_at": document.fetched_at,
        "sha256": document.sha256,
        "provenance": provenance_of(document),
    }
    try:
        article = extract(
            document.text,
            media_type=document.media_type,
            url=document.final_location,
            selector=planned.outlet.selector,
        )
    except ExtractionError as exc:
        return replace(failed, error=str(exc), **provenance)
    except Exception as exc:  # a parser bug on one page must not take the other outlets down
        reason = clean_line(f"extraction failed ({type(exc).__name__}: {exc})")
        return replace(failed, error=reason, **provenance)
    return Source(
        planned.id,
        planned.outlet,
        planned.location,
        "ok",
        title=article.title,
        paragraphs=article.paragraphs,
        note=article.note,
        **provenance,
    )


async def gather_sources(
    config: Config,
    event: Event,
    options: FetchOptions,
    on_progress: SourceProgressCallback | None = None,
    only: Collection[str] | None = None,
    *,
    extract_seconds: float = EXTRACT_SECONDS,
) -> tuple[Source, ...]:
    """Fetch and extract the event's articles (or the `only` ones), all at once.

    Extraction runs in a worker thread so that an app calling this keeps drawing, each source
    within `extract_seconds`.
    """
    from tui.ingest.fetch import fetch_all

    planned = [p for p in plan_sources(config, event) if only is None or p.id in only]
    if options.archive_near is None:  # the archive copy to read is the one nearest the event
        options = replace(options, archive_near=event.date)
    if options.local_root is None:  # a sources file reads files of its own folder only
        options = replace(options, local_root=config.path.resolve().parent)
    notify = on_progress or (lambda _progress: None)

    fetch_notes: dict[int, str] = {}

    def forward(index: int, state: FetchState, detail: str) -> None:
        # The final state is announced after extraction, together with the source; what the
        # fetch said then (size, or that the cache could not be written) goes along with it.
        if state in ("queued", "fetching"):
            notify(Progress(planned[index].id, state, detail))
        else:
            fetch_notes[index] = detail

    sources: dict[int, Source] = {}
    slots = asyncio.Semaphore(EXTRACT_SLOTS)

    async def finish(index: int, result: FetchResult) -> None:
        async with slots:
            try:
                source = await asyncio.wait_for(
                    in_thread(source_from_fetch, planned[index], result), extract_seconds
                )
            except TimeoutError:
                reason = f"extraction took longer than {extract_seconds:g} s: the page is left out"
                source = Source(
                    planned[index].id,
                    planned[index].outlet,
                    planned[index].location,
                    "error",
                    error=reason,
                )
        if source.ok:
            cached = result.document is not None and result.document.from_cache
            state: FetchState = "cached" if cached else "done"
            notes = (
                f"{len(source.paragraphs)} paragraphs",
                fetch_notes.get(index, ""),
                source.note,
            )
            detail = ", ".join(filter(None, notes))
        else:
            state, detail = "error", source.error or ""
        notify(Progress(source.id, state, detail, source))
        sources[index] = source

    # Each source is extracted as soon as it is in, not when the slowest outlet answers.
    await fetch_all([p.location for p in planned], options, on_progress=forward, on_result=finish)
    return tuple(sources[index] for index in range(len(planned)))


# How many analyses are running (`analysing`), and whether the cyclic collector was on when
# the first of them began; the lock makes the count exact when the app's worker and a test's
# thread analyse at once.
_ANALYSES = threading.Lock()
_running = 0
_collector_was_on = False


@contextlib.contextmanager
def analysing() -> Iterator[None]:
    """What `compare` runs align and diverge in: one shared reading of the paragraphs
    (`tui.analysis.parsed.shared_reading`) and the cyclic garbage collector paused.

    The analysis builds millions of small objects and frees almost none until it ends, so
    the collector's full passes walk an ever larger heap for nothing: a fifth of the time
    of a 100 x 100 event (benchmarks/README.md, "Speed"), and the analysis makes no cyclic
    garbage for it to find. The collector is switched back on when the last analysis
    running ends, if it was on before the first began.
    """
    from tui.analysis.parsed import shared_reading

    global _running, _collector_was_on
    with _ANALYSES:
        if not _running:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        with shared_reading():
            yield
    finally:
        with _ANALYSES:
            _running -= 1
            if not _running and _collector_was_on:
                gc.enable()


def compare(
    config: Config,
    event: Event,
    sources: Sequence[Source],
    *,
    now: dt.datetime | None = None,
) -> Comparison:
    """Align and diverge; pure and fast enough to rerun each time a source arrives."""
    from tui.analysis.align import align
    from tui.analysis.diverge import contested_figures, diverge

    with analysing():
        clusters = align(sources, config.lexicon)
        divergences, figures = diverge(
            sources,
            clusters,
            config.lexicon,
            neutral_sides=frozenset(side.id for side in config.sides if side.neutral),
            side_labels={side.id: side.label for side in config.sides},
            event_date=event.date,
        )
    return Comparison(
        event=event,
        sides=config.sides,
        sources=tuple(sources),
        clusters=clusters,
        divergences=divergences,
        figures=figures,
        generated_at=now or dt.datetime.now(dt.UTC),
        contested=contested_figures(divergences, figures),
    )


@dataclass(frozen=True)
class EventLoader:
    """What the app holds: one event of one config, and how to fetch it."""

    config: Config
    event: Event
    options: FetchOptions

    @property
    def sides(self) -> tuple[Side, ...]:
        return self.config.sides

    def plan(self) -> tuple[PlannedSource, ...]:
        return plan_sources(self.config, self.event)

    async def load(
        self,
        on_progress: SourceProgressCallback,
        only: Collection[str] | None = None,
        refresh: bool = False,
    ) -> tuple[Source, ...]:
        options = replace(self.options, refresh=True) if refresh else self.options
        return await gather_sources(self.config, self.event, options, on_progress, only)

    def compare(self, sources: Sequence[Source]) -> Comparison:
        return compare(self.config, self.event, sources)

    def reload(self) -> EventLoader:
        """This event from the config file as it is now (raises ConfigError); an event the
        file does not hold (an ad-hoc comparison) keeps its articles under the new lexicon."""
        config = load_config(self.config.path)
        event = next((e for e in config.events if e.id == self.event.id), self.event)
        return EventLoader(config, event, self.options)


LoaderFactory = Callable[[Event], EventLoader]


def loader_factory(config: Config, options: FetchOptions) -> LoaderFactory:
    """A loader per event of `config`: what the app is handed, so it never sees fetch options."""

    def loader_for(event: Event) -> EventLoader:
        return EventLoader(config, event, options)

    return loader_for
