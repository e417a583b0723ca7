"""The invariants of the JSON report contract (DESIGN.md), checked on the decoded JSON.

Scripts that read reports rely on more than field names: every paragraph is in exactly one
cluster, a span's text is the slice it claims to be. `validate_report` checks what a reader
relies on, on plain decoded JSON, so the writer's tests, the CLI's tests and anyone holding a
report file can ask "is this a valid report?" and get every problem named, never an exception.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from tui.model import DIVERGENCE_KINDS

SCHEMA = "parallax.report/1"

TOP_KEYS = ("schema", "event", "generated_at", "sources", "clusters", "divergences")
EVENT_KEYS = ("id", "title", "date")
SOURCE_KEYS = (
    "id", "outlet", "side", "location", "status", "error", "title", "fetched_at", "sha256",
    "paragraphs",
)  # fmt: skip
ORIGINS = ("live", "cache", "archive", "file")
CLUSTER_KEYS = ("id", "score", "members")
DIVERGENCE_KEYS = ("id", "kind", "cluster", "summary", "spans")
SPAN_KEYS = ("source", "paragraph", "start", "end", "text")
HEADLINE_SPAN_KEYS = ("source", "start", "end", "text")  # an added field: on the headline
FIGURE_KEYS = ("source", "paragraph", "start", "end", "text", "quantity", "value")
POSITION_KEYS = ("sources", "sides", "value", "speaker")
REVIEW_KEYS = ("status", "note")  # an added field: an editor's verdict, or null
REVIEW_STATUSES = ("confirmed", "rejected")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\Z")


def validate_report(data: object) -> list[str]:
    """Every way in which `data` breaks the report contract; an empty list means none."""
    if not isinstance(data, Mapping):
        return [f"report: expected a JSON object, got {type(data).__name__}"]
    problems = _missing(data, TOP_KEYS, "report")
    if data.get("schema") != SCHEMA:
        problems.append(f"schema: expected {SCHEMA!r}, got {data.get('schema')!r}")
    problems += _check_event(data.get("event"))
    if "generated_at" in data and not _is_utc(data["generated_at"]):
        problems.append(f"generated_at: {data['generated_at']!r} is not ISO 8601 UTC ending in Z")
    sources = _items(data, "sources", problems)
    paragraphs = _check_sources(sources, problems)
    titles = {s["id"]: s.get("title") for s in sources if isinstance(s.get("id"), str)}
    cluster_ids = _check_clusters(_items(data, "clusters", problems), paragraphs, problems)
    divergences = _items(data, "divergences", problems)
    _check_divergences(divergences, cluster_ids, paragraphs, titles, problems)
    if "figures" in data:
        _check_figures(_items(data, "figures", problems), paragraphs, problems)
    return problems


def _missing(obj: Mapping[str, Any], keys: tuple[str, ...], where: str) -> list[str]:
    return [f"{where}: missing field {key!r}" for key in keys if key not in obj]


def _items(data: Mapping[str, Any], key: str, problems: list[str]) -> list[Mapping[str, Any]]:
    """The objects of a top-level list; anything that is not an object is reported and skipped."""
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(f"{key}: expected a list, got {type(value).__name__}")
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, Mapping):
            items.append(item)
        else:
            problems.append(f"{key}[{index}]: expected an object, got {type(item).__name__}")
    return items


def _is_utc(value: object) -> bool:
    return isinstance(value, str) and bool(_UTC.match(value))


def _is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_event(event: object) -> list[str]:
    if not isinstance(event, Mapping):
        return [f"event: expected an object, got {type(event).__name__}"]
    problems = _missing(event, EVENT_KEYS, "event")
    date = event.get("date")
    if "date" in event and not (isinstance(date, str) and _DATE.match(date)):
        problems.append(f"event.date: {date!r} is not YYYY-MM-DD")
    return problems


def _check_sources(
    sources: list[Mapping[str, Any]], problems: list[str]
) -> dict[str, list[str] | None]:
    """Source id -> its paragraphs (None for an error source), for the checks that follow."""
    paragraphs: dict[str, list[str] | None] = {}
    for index, source in enumerate(sources):
        where = f"sources[{index}] ({source.get('id')!r})"
        problems += _missing(source, SOURCE_KEYS, where)
        source_id = source.get("id")
        if not isinstance(source_id, str):
            problems.append(f"{where}: id must be a string")
            continue
        if source_id in paragraphs:
            problems.append(f"{where}: duplicate source id")
        texts = source.get("paragraphs", [])
        if not (isinstance(texts, list) and all(isinstance(t, str) for t in texts)):
            problems.append(f"{where}: paragraphs must be a list of strings")
            texts = []
        status, error = source.get("status"), source.get("error")
        if status == "ok":
            if error is not None:
                problems.append(f"{where}: an ok source has error {error!r}; expected null")
            paragraphs[source_id] = texts
        elif status == "error":
            if not isinstance(error, str) or not error.strip() or "\n" in error:
                problems.append(f"{where}: an error source needs a one-line error reason")
            if texts:
                problems.append(f"{where}: an error source must have no paragraphs")
            paragraphs[source_id] = None
        else:
            problems.append(f"{where}: status {status!r} is neither 'ok' nor 'error'")
        fetched_at = source.get("fetched_at")
        if fetched_at is not None and not _is_utc(fetched_at):
            problems.append(f"{where}: fetched_at {fetched_at!r} is not ISO 8601 UTC ending in Z")
        archived_at = source.get("archived_at")  # an added field: a web archive snapshot's time
        if archived_at is not None and not _is_utc(archived_at):
            problems.append(f"{where}: archived_at {archived_at!r} is not ISO 8601 UTC ending in Z")
        _check_provenance(source, where, problems)
    return paragraphs


def _check_provenance(source: Mapping[str, Any], where: str, problems: list[str]) -> None:
    """The added provenance fields, when present: where the text came from and how."""
    final_url = source.get("final_url")
    if final_url is not None and not (isinstance(final_url, str) and final_url):
        problems.append(f"{where}: final_url must be a non-empty string or null")
    redirects = source.get("redirects", [])
    if not (isinstance(redirects, list) and all(isinstance(hop, str) for hop in redirects)):
        problems.append(f"{where}: redirects must be a list of URLs")
    elif redirects and redirects[-1] != final_url:
        problems.append(f"{where}: the last redirect {redirects[-1]!r} is not the final_url")
    status = source.get("http_status")
    if status is not None and not (_is_index(status) and 100 <= status <= 599):
        problems.append(f"{where}: http_status {status!r} is not an HTTP status code")
    origin = source.get("origin")
    if origin is not None and origin not in ORIGINS:
        problems.append(f"{where}: origin {origin!r} is not one of {', '.join(ORIGINS)}")


def _claim_id(value: object, ids: set[str], where: str, kind: str, problems: list[str]) -> None:
    """Ids must be text (so that they can be looked up at all) and unique among their kind."""
    if not isinstance(value, str):
        problems.append(f"{where}: id must be a string")
    elif value in ids:
        problems.append(f"{where}: duplicate {kind} id")
    else:
        ids.add(value)


def _place(
    obj: Mapping[str, Any],
    where: str,
    paragraphs: dict[str, list[str] | None],
    problems: list[str],
) -> str | None:
    """The paragraph `obj` points at (source + paragraph), or None after reporting why not."""
    source, index = obj.get("source"), obj.get("paragraph")
    if not isinstance(source, str) or source not in paragraphs:
        problems.append(f"{where}: unknown source {source!r}")
        return None
    texts = paragraphs[source]
    if texts is None:
        problems.append(f"{where}: source {source!r} is an error source and has no paragraphs")
        return None
    if not _is_index(index) or index >= len(texts):
        problems.append(f"{where}: paragraph {index!r} is out of range for {source!r}")
        return None
    return texts[index]


def _check_clusters(
    clusters: list[Mapping[str, Any]],
    paragraphs: dict[str, list[str] | None],
    problems: list[str],
) -> set[str]:
    ids: set[str] = set()
    seen: Counter[tuple[str, int]] = Counter()
    for index, cluster in enumerate(clusters):
        where = f"clusters[{index}] ({cluster.get('id')!r})"
        problems += _missing(cluster, CLUSTER_KEYS, where)
        _claim_id(cluster.get("id"), ids, where, "cluster", problems)
        score = cluster.get("score")
        if "score" in cluster and (isinstance(score, bool) or not isinstance(score, int | float)):
            problems.append(f"{where}: score {score!r} is not a number")
        members = cluster.get("members", [])
        if not isinstance(members, list) or not members:
            problems.append(f"{where}: members must be a non-empty list")
            continue
        for m_index, member in enumerate(members):
            m_where = f"{where} member {m_index}"
            if not isinstance(member, Mapping):
                problems.append(f"{m_where}: expected an object")
                continue
            if _place(member, m_where, paragraphs, problems) is not None:
                seen[(member["source"], member["paragraph"])] += 1
    for source, texts in paragraphs.items():
        for p_index in range(len(texts or ())):
            count = seen[(source, p_index)]
            if count != 1:
                where = f"source {source!r} paragraph {p_index}"
                problems.append(f"{where} is in {count} clusters; expected exactly 1")
    return ids


def _check_spanlike(
    obj: Mapping[str, Any],
    where: str,
    paragraphs: dict[str, list[str] | None],
    problems: list[str],
) -> None:
    text = _place(obj, where, paragraphs, problems)
    if text is not None:
        _check_slice(obj, where, text, "paragraph", problems)


def _check_slice(
    obj: Mapping[str, Any], where: str, text: str, of: str, problems: list[str]
) -> None:
    """`start`/`end` within `text`, and `obj`'s text the slice they mark (of a paragraph or a
    title, as `of` says)."""
    start, end = obj.get("start"), obj.get("end")
    if not (_is_index(start) and _is_index(end) and start <= end <= len(text)):
        problems.append(f"{where}: start/end {start!r}/{end!r} out of range (0..{len(text)})")
    elif obj.get("text") != text[start:end]:
        problems.append(f"{where}: text {obj.get('text')!r} != {of} slice {text[start:end]!r}")


def _span_objects(
    divergence: Mapping[str, Any], key: str, where: str, problems: list[str]
) -> list[tuple[str, Mapping[str, Any]]]:
    """The objects of a divergence's list of spans (`spans`, `headline_spans`), each with
    where it is; a list that is not one, or an item that is no object, is reported."""
    spans = divergence.get(key, [])
    if not isinstance(spans, list):
        problems.append(f"{where}: {key} must be a list")
        return []
    label = key.removesuffix("s").replace("_", " ")
    found = []
    for index, span in enumerate(spans):
        if isinstance(span, Mapping):
            found.append((f"{where} {label} {index}", span))
        else:
            problems.append(f"{where} {label} {index}: expected an object")
    return found


def _check_divergences(
    divergences: list[Mapping[str, Any]],
    cluster_ids: set[str],
    paragraphs: dict[str, list[str] | None],
    titles: Mapping[str, object],
    problems: list[str],
) -> None:
    ids: set[str] = set()
    for index, divergence in enumerate(divergences):
        where = f"divergences[{index}] ({divergence.get('id')!r})"
        problems += _missing(divergence, DIVERGENCE_KEYS, where)
        _claim_id(divergence.get("id"), ids, where, "divergence", problems)
        if divergence.get("kind") not in DIVERGENCE_KINDS:
            kinds = ", ".join(DIVERGENCE_KINDS)
            problems.append(f"{where}: kind {divergence.get('kind')!r} is not one of {kinds}")
        cluster = divergence.get("cluster")
        if not isinstance(cluster, str) or cluster not in cluster_ids:
            problems.append(f"{where}: cluster {cluster!r} does not exist")
        _check_structured(divergence, where, paragraphs, problems)
        for s_where, span in _span_objects(divergence, "spans", where, problems):
            problems += _missing(span, SPAN_KEYS, s_where)
            _check_spanlike(span, s_where, paragraphs, problems)
        for s_where, span in _span_objects(divergence, "headline_spans", where, problems):
            problems += _missing(span, HEADLINE_SPAN_KEYS, s_where)
            _check_headline_span(span, s_where, paragraphs, titles, problems)


def _check_headline_span(
    span: Mapping[str, Any],
    where: str,
    paragraphs: dict[str, list[str] | None],
    titles: Mapping[str, object],
    problems: list[str],
) -> None:
    """An added headline span: a slice of an ok source's `title`."""
    source = span.get("source")
    if not isinstance(source, str) or paragraphs.get(source) is None:
        problems.append(f"{where}: unknown or error source {source!r}")
    elif not isinstance(title := titles.get(source), str):
        problems.append(f"{where}: source {source!r} has no title")
    else:
        _check_slice(span, where, title, "title", problems)


def _check_structured(
    divergence: Mapping[str, Any],
    where: str,
    paragraphs: dict[str, list[str] | None],
    problems: list[str],
) -> None:
    """The added fields, when present: `topic` text, `importance` in [0, 1], `review` (null,
    or a status and a note), and `positions` naming known sources with text values."""
    if "topic" in divergence and not isinstance(divergence["topic"], str):
        problems.append(f"{where}: topic must be a string")
    _check_review(divergence.get("review"), where, problems)
    if "importance" in divergence:
        value = divergence["importance"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            problems.append(f"{where}: importance {value!r} is not a number in 0..1")
    positions = divergence.get("positions", [])
    if not isinstance(positions, list):
        problems.append(f"{where}: positions must be a list")
        return
    for p_index, found in enumerate(positions):
        p_where = f"{where} position {p_index}"
        if not isinstance(found, Mapping):
            problems.append(f"{p_where}: expected an object")
            continue
        problems += _missing(found, POSITION_KEYS, p_where)
        for key in ("sources", "sides"):
            items = found.get(key, [])
            if not (isinstance(items, list) and all(isinstance(i, str) for i in items)):
                problems.append(f"{p_where}: {key} must be a list of strings")
        unknown = [s for s in found.get("sources", []) if s not in paragraphs]
        if unknown and isinstance(found.get("sources"), list):
            problems.append(f"{p_where}: unknown sources {unknown!r}")
        for key in ("value", "speaker"):
            if key in found and not isinstance(found[key], str):
                problems.append(f"{p_where}: {key} must be a string")


def _check_review(review: object, where: str, problems: list[str]) -> None:
    if review is None:
        return
    if not isinstance(review, Mapping):
        problems.append(f"{where}: review must be an object or null")
        return
    problems += _missing(review, REVIEW_KEYS, f"{where} review")
    if "status" in review and review["status"] not in REVIEW_STATUSES:
        problems.append(f"{where}: review status {review['status']!r} is not one of "
                        f"{', '.join(REVIEW_STATUSES)}")  # fmt: skip
    if "note" in review and not isinstance(review["note"], str):
        problems.append(f"{where}: review note must be a string")


def _check_figures(
    figures: list[Mapping[str, Any]],
    paragraphs: dict[str, list[str] | None],
    problems: list[str],
) -> None:
    for index, figure in enumerate(figures):
        where = f"figures[{index}]"
        problems += _missing(figure, FIGURE_KEYS, where)
        _check_spanlike(figure, where, paragraphs, problems)
        value = figure.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{where}: value {value!r} is not a number")
        if "contested" in figure and not isinstance(figure["contested"], bool):
            problems.append(f"{where}: contested must be true or false")
