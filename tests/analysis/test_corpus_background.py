"""Background judged against the event's date, not its year alone: a sentence dated a week or
more before the event tells of an earlier time even in the event's own year."""

from __future__ import annotations

import datetime as dt

from tui.analysis.corpus import build_corpus
from tui.model import Cluster, Lexicon, Member, Outlet, Source

EVENT = dt.date(2031, 5, 20)


def marks(text: str, event_date: dt.date | None = EVENT) -> tuple[bool, ...]:
    source = Source("n", Outlet("n", "North", "norland"), "/n", "ok", paragraphs=(text,))
    cluster = Cluster("c1", 1.0, (Member("n", 0),))
    corpus = build_corpus([source], [cluster], Lexicon(), event_date=event_date)
    return corpus.background[Member("n", 0)]


def test_an_earlier_date_of_the_same_year_is_background() -> None:
    text = (
        "The truce took hold on Monday, May 19. "
        "The fighting had begun on 2 April with a raid on the dam. "
        "Talks on April 30 and again on May 8 led nowhere."
    )
    assert marks(text) == (False, True, True)


def test_a_month_alone_counts_when_a_preposition_makes_it_a_time() -> None:
    text = "Since March the valley has had no power. In May the river rose. March on, they said."
    assert marks(text) == (True, False, False)


def test_dates_of_the_event_s_week_and_after_stay_the_event_s() -> None:
    assert marks("Shelling began on May 14 and went on until 21 May.") == (False,)


def test_a_date_of_an_earlier_year_is_background_by_its_year() -> None:
    assert marks("A similar raid on May 25, 2029 killed four.") == (True,)


def test_capitalised_month_names_only_so_may_the_verb_is_no_date() -> None:
    assert marks("Officials said they may 3 times revise it in march 2 weeks.") == (False,)


def test_without_the_event_s_date_only_years_tell() -> None:
    text = "The fighting had begun on 2 April. Its toll of 2031 doubled that of 2030."
    assert marks(text, None) == (False, True)


def test_a_sentence_that_also_names_the_event_s_day_tells_the_event() -> None:
    text = (
        "The truce agreed on April 2 takes effect on May 20. "
        "It follows truces of April 2 and May 16, both broken."
    )
    assert marks(text) == (False, True)
