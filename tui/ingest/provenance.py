"""Where a document's bytes came from, as the report cites it.

A finding is only as good as the copy it was made from: an editor must be able to say which
page (the address asked for and the one finally read), when, with what answer, and whether it
was the live site, an earlier fetch kept in the cache, or the web archive's snapshot.
"""

from __future__ import annotations

from tui.ingest.fetch import Document
from tui.model import Provenance


def provenance_of(document: Document) -> Provenance:
    """The `Provenance` of a fetched document: only a download has an HTTP status."""
    snapshot = document.snapshot
    return Provenance(
        final_url=document.final_location,
        origin="archive" if snapshot is not None else document.origin,
        status=document.status,
        redirects=document.redirects,
        archive_url=snapshot.url if snapshot else None,
        archived_at=snapshot.archived_at if snapshot else None,
    )
