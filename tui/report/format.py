"""Formatting the JSON and Markdown reports share: UTC times, dates, word counts, one-liners."""

from __future__ import annotations

import datetime as dt

from tui.model import Source
from tui.text.clean import clean_line
from tui.text.tokens import tokenize

NO_REASON = "failed without a recorded reason"


def iso_utc(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with a Z; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(day: dt.date) -> str:
    return dt.date(day.year, day.month, day.day).isoformat()


def word_count(source: Source) -> int:
    return sum(len(tokenize(paragraph)) for paragraph in source.paragraphs)


def one_line(error: str | None) -> str:
    """A source's failure reason as the single line the contract promises."""
    return clean_line(error or "") or NO_REASON
