"""One entry of an outlet's listing (a feed item or a sitemap URL), whichever way it was read.

Feeds and sitemaps say different amounts about an article: a feed has a title and a summary,
a news sitemap a title and a publication date, a plain sitemap only the address and when it
last changed. Discovery ranks all of them on the same fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    url: str
    title: str  # as the outlet wrote it; from the address's slug when it gives none
    summary: str  # plain text, tags removed
    published: dt.datetime | None  # timezone-aware UTC; None when the listing does not say


class ListingError(Exception):
    """A feed or sitemap cannot be read; the message is one line naming what it is instead."""
