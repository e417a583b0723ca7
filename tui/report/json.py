"""The report as the JSON contract other tools read (DESIGN.md; `tui.report.contract` checks it).

Fields follow the contract field for field, in its order; fields are only ever added, never
renamed or dropped. Added: per source `outlet_id` and `words`; per cluster `headlines`; per
divergence `topic`, `positions` (who says what: sources, sides, value, speaker), `importance`,
`headline_spans` (the finding's spans on headlines, slices of the source's `title`) and
`review` (an editor's saved verdict, `{"status", "note"}`, or null); the
`sides`; and every `figure`, with `contested` when a figure divergence sets it against another.
"""

from __future__ import annotations

import json
import math

from tui.analysis.figures import plain_number
from tui.model import Comparison, Divergence, Member, Source
from tui.report.contract import SCHEMA
from tui.report.format import iso_date, iso_utc, one_line, word_count
from tui.report.review import Notes

SCORE_DECIMALS = 3


def report_dict(comparison: Comparison, reviews: Notes | None = None) -> dict[str, object]:
    """The report as plain JSON-ready data: the contract's keys in its order, then additions;
    `reviews` are an editor's verdicts (`tui.report.review.review_notes`)."""
    notes = reviews or {}
    event = comparison.event
    contested = set(comparison.contested)
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
                # Sources whose headline reports what this row reports (an added field).
                "headlines": list(cluster.headlines),
            }
            for cluster in comparison.clusters
        ],
        "divergences": [_divergence_dict(d, notes.get(d.id)) for d in comparison.divergences],
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
                "contested": f in contested,
            }
            for f in comparison.figures
            if math.isfinite(f.value)
        ],
        # The claim links each row was built from: which sentences of which members.
        "links": [
            {"cluster": cluster.id, "score": _score(link.score)}
            | {"a": _claim_dict(link.a, link.a_start, link.a_end)}
            | {"b": _claim_dict(link.b, link.b_start, link.b_end)}
            for cluster in comparison.clusters
            for link in cluster.links
        ],
    }


def render_json(comparison: Comparison, reviews: Notes | None = None) -> str:
    return json.dumps(report_dict(comparison, reviews), ensure_ascii=False, indent=2) + "\n"


def _divergence_dict(d: Divergence, review: tuple[str, str] | None) -> dict[str, object]:
    return {
        "id": d.id,
        "kind": d.kind,
        "cluster": d.cluster,
        "summary": d.summary,
        "spans": [
            {"source": s.source, "paragraph": s.paragraph, "start": s.start, "end": s.end,
             "text": s.text}
            for s in d.spans
            if not s.headline
        ],
        "topic": d.topic,
        "positions": [
            {"sources": list(p.sources), "sides": list(p.sides), "value": p.value,
             "speaker": p.speaker}
            for p in d.positions
        ],
        "importance": d.importance,
        # Spans on a source's headline (an added field): `text` is a slice of the source's
        # `title`, so `spans` keeps its promise of paragraph slices to every reader.
        "headline_spans": [
            {"source": s.source, "start": s.start, "end": s.end, "text": s.text}
            for s in d.spans
            if s.headline
        ],
        "review": {"status": review[0], "note": review[1]} if review else None,
    }  # fmt: skip


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
        # where the text really came from: the URL after every redirect hop, and how it was had
        "final_url": source.provenance.final_url if source.provenance else None,
        "redirects": list(source.provenance.redirects) if source.provenance else [],
        "http_status": source.provenance.status if source.provenance else None,
        "origin": source.provenance.origin if source.provenance else None,
        **_archive_fields(source),
    }


def _archive_fields(source: Source) -> dict[str, object]:
    """Null unless the text is the web archive's snapshot: then of what, where and when."""
    provenance = source.provenance
    if provenance is None or provenance.origin != "archive":
        return {"archived_from": None, "archive_url": None, "archived_at": None}
    stamp = provenance.archived_at
    return {
        "archived_from": source.location,
        "archive_url": provenance.archive_url,
        "archived_at": iso_utc(stamp) if stamp else None,
    }


def _member_dict(member: Member) -> dict[str, object]:
    return {"source": member.source, "paragraph": member.paragraph}


def _claim_dict(member: Member, start: int, end: int) -> dict[str, object]:
    return _member_dict(member) | {"start": start, "end": end}


def _score(score: float) -> float | None:
    """Rounded so diffs of two reports show real changes, not float noise; NaN is not JSON."""
    return round(score, SCORE_DECIMALS) if math.isfinite(score) else None
