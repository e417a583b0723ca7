"""Numbers together with what they count ("7 civilians killed" → killed: 7).

Outlets disagree most visibly on figures, but a paragraph is full of numbers that count nothing
comparable: years, dates, ages, durations, ordinals, model names. A number becomes a `Figure`
only when nearby words in its sentence say what it counts. The association is deliberately
local (a window of a few words on either side, never crossing another number), because in
"seven people dead and 33 wounded" the nearest counted word is the right one.

Quantities:
- casualties: "killed", "wounded"; a count introduced by "including"/"among them", or a
  specific group in a sentence that also gives a total, is a sub-count ("women killed") so it
  never competes with the total; a count in a sentence about a hospital ("40 wounded had been
  admitted to the hospital") is that hospital's intake, "wounded (in hospital)", never an
  update of the toll;
- the displaced: "refugees", "displaced", "fled", "evacuated" (a count of people who left,
  compared like the toll, though no side "gives no figure" for it);
- things: "drones", "missiles", "shells", "km", "buildings destroyed", "buildings damaged",
  "buildings";
- people with no casualty word nearby: "people", "civilians", "children", "women", "soldiers";
  not those something is meant for ("aid for 500 people" sizes a delivery, counts no one);
- "time": a time of day ("at 2 a.m.", "02:00", "at noon", "1430 GMT"), as hours after midnight
  on the clock it is given in; a zone written after it ("18:30 (GMT+4)", "local time") stays in
  the figure's text, where `time_offset` reads it;
- "date": a day of a month ("October 4", "4 October"; "October 4 and 5" is two), as the month's
  number times 100 plus the day;
- "delay": how long after something another thing happened ("after 45 minutes", "an hour
  after", "within 15 minutes", "two days later"), in minutes: how quickly a truce broke.

Other durations ("24 hours", "two weeks") are never figures: they measure the story, not the
event.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tui.analysis.parsed import Parsed, parse
from tui.model import Figure
from tui.text.numbers import TENS, UNITS, NumberMatch, find_numbers, word_value
from tui.text.spans import sentences
from tui.text.wordlists import FUNCTION_WORDS, MONTHS, word_set

CASUALTY_WORDS = {
    "killed": word_set(
        "killed kill kills killing dead died die dies death deaths fatalities fatality "
        "perished lives toll"
    ),
    "wounded": word_set("wounded wounding injured injuring injuries injury hurt wounds"),
}
DISPLACED_WORDS = word_set("refugees refugee displaced evacuees evacuated fled fleeing")
PERSON_WORDS = {
    "people": "people", "persons": "people", "person": "people", "others": "people",
    "victims": "people", "residents": "people", "bodies": "people",
    "civilians": "civilians",
    "children": "children", "child": "children", "kids": "children",
    "women": "women", "woman": "women", "men": "men", "man": "men",
    "soldiers": "soldiers", "soldier": "soldiers", "servicemen": "soldiers",
    "troops": "soldiers", "servicemembers": "soldiers",
}  # fmt: skip
THING_WORDS = {
    "drone": "drones", "drones": "drones", "uav": "drones", "uavs": "drones",
    "missile": "missiles", "missiles": "missiles", "rocket": "missiles", "rockets": "missiles",
    "shell": "shells", "shells": "shells",
    "building": "buildings", "buildings": "buildings", "house": "buildings",
    "houses": "buildings", "home": "buildings", "homes": "buildings",
    "apartment": "buildings", "apartments": "buildings", "flat": "buildings",
    "flats": "buildings", "dwellings": "buildings",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
}  # fmt: skip
DAMAGE_WORDS = {
    "destroyed": "destroyed", "destroying": "destroyed", "razed": "destroyed",
    "levelled": "destroyed", "leveled": "destroyed", "ruined": "destroyed",
    "flattened": "destroyed", "damaged": "damaged", "damaging": "damaged",
}  # fmt: skip
DURATION_WORDS = word_set(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries year-old years-old"
)
MONEY_WORDS = word_set("dollars euros pounds roubles rubles manats drams usd eur")
# Words between a number and what it counts that do not stop the association. The sides' own
# adjectives ("seven Armenian soldiers") are the lexicon's actor words, passed in by the corpus.
MODIFIERS = word_set(
    "more than over about around some at least nearly almost up to another other additional "
    "ethnic local innocent peaceful forcibly residential civilian unmanned "
    "combat enemy were was are is have has had been being reported reportedly people and "
    "of them whom who confirmed total a the in"
)
# A casualty word across one of these belongs to another clause ("killed and 33 others were").
CONJUNCTIONS = frozenset({"and", "but", "while", "whereas", "with", "as"})
SUBCOUNT_CUES = frozenset({"including", "incl", "among them", "of them", "of whom", "among whom"})
INCREMENT_AFTER = frozenset({"more"})
INCREMENT_BEFORE = frozenset({"another", "additional", "further"})
AGE_CUES = frozenset({"aged", "age", "ages"})
HOSPITAL_WORDS = word_set("hospital hospitals hospitalized hospitalised admitted clinic clinics")
CAPACITY_CUES = frozenset({"for"})  # "supplies for 200 people": whom a delivery is sized for
WINDOW = 6
# When things happened rather than how many: compared by what they time, never summed or
# set against a count (see `tui.analysis.detectors.figure`).
WHEN_QUANTITIES = frozenset({"time", "date", "delay"})
NO_FIGURE = "no figure"  # the value of a camp that speaks of casualties without a number
# Words by which a sentence says its figure revises an earlier one ("raising the toll to 10",
# "[Update: …]"): without one, an article's second value may well be an earlier statement
# it quotes, and reads as no revision.
UPDATE_WORDS = word_set(
    "update updated updates later raising raised rose risen rising climbed increased reached now"
)


def revises(text: str, offset: int) -> bool:
    """Whether the sentence of `text` holding `offset` says its figure is an update."""
    start, end = next(((a, b) for a, b in sentences(text) if a <= offset < b), (0, len(text)))
    return not UPDATE_WORDS.isdisjoint(w.casefold() for w in re.findall(r"\w+", text[start:end]))


_TIME = re.compile(
    r"(?<![\w:.,])(?:(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?:(?P<ap>[ap])\.\s?m\.|(?P<ap2>[ap])m\b)"
    r"|(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)(?![\w:]|\.\d)"
    r"|(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:GMT|UTC)\b)"
    r"|(?<=at )(?P<word>noon|midnight)\b)",
    re.IGNORECASE,
)
# The zone a time is given in, right after it: "(GMT+4)", "GMT", "UTC+3", "local time".
_ZONE_AFTER = re.compile(
    r"\s*(?:\(\s*(?:GMT|UTC)\s*(?:[+\-−]\s*\d{1,2})?\s*\)"
    r"|(?:GMT|UTC)(?:\s*[+\-−]\s*\d{1,2}(?!\d))?\b|local time\b)",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"\b(?:GMT|UTC)\b\s*(?:([+\-−])\s*(\d{1,2}))?", re.IGNORECASE)
_MONTH_NAMES = tuple(
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)
# A month's number by its name or abbreviation, casefolded ("october", "oct", "sept").
MONTH_NUMBER = {
    name: i + 1
    for i, month in enumerate(_MONTH_NAMES)
    for name in (month.casefold(), month[:3].casefold())
} | {"sept": 9}
# A month's name or abbreviation, capitalised: "may 5" is no date.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"  # a day of a month, "10" or "10th"
# A day of a month, month first ("October 4", "October 4 and 5") or day first ("4 October").
# Case matters: "may 5" is no date.
_DATE = re.compile(
    rf"\b(?P<month>{MONTH})\s+(?P<d1>{DAY})"
    rf"(?:\s*(?:(?P<and1>and|&)|to|-|–)\s*(?P<d2>{DAY}))?\b(?![:.,]\d)"
    rf"|\b(?P<d0>{DAY})(?:\s*(?:(?P<and0>and|&)|to|-|–)\s*(?P<d0b>{DAY}))?"
    rf"\s+(?:of\s+)?(?P<month0>{MONTH})(?![\w])"
)
_DELAY_NUMBER = (
    r"(?:\d{1,3}|an?|(?:" + "|".join(sorted((*UNITS, *TENS), key=len, reverse=True)) + r")"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_SPELL_OF = re.compile(r"\s+of\s+(\w+)")
_DELAY_UNITS = {"minute": 1, "hour": 60, "day": 24 * 60}
# How long after something another thing happened: "collapsed after 45 minutes", "just an hour
# after it came into effect", "broke down within 15 minutes", "two days later".
_DELAY = re.compile(
    r"\b(?:(?:after|within)\s+(?:(?:just|only|barely|about|around|some|nearly|almost|less than"
    rf"|more than)\s+)?(?P<n1>{_DELAY_NUMBER})\s+(?P<u1>minute|hour|day)s?\b"
    rf"|(?P<n2>{_DELAY_NUMBER})\s+(?P<u2>minute|hour|day)s?\s+(?:after|later)\b)",
    re.IGNORECASE,
)
# What every delay holds, looked for first: most sentences have none, and `_DELAY` is slow to
# say so.
_DELAY_UNIT = re.compile(r"\s(?:minute|hour|day)", re.IGNORECASE)

# Whether a sentence may hold a figure at all: a digit, a number word, noon / midnight, or
# "an hour" (a delay).
_MAY_COUNT_BODY = (
    r"\d|\ban?\s+(?:minute|hour|day)\b|\b(?:" + "|".join((*UNITS, *TENS, "noon", "midnight")) + ")"
)
_MAY_COUNT = re.compile(_MAY_COUNT_BODY, re.IGNORECASE)
# The same for lower-case ASCII text, which it reads in half the time: ignoring case costs the
# engine more than lower-casing the paragraph once.
_MAY_COUNT_LOWER = re.compile(_MAY_COUNT_BODY)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    first: int  # index of its first token
    last: int  # index of its last token


class _Word(NamedTuple):
    """A token of one sentence, offsets into the sentence, with its `Token.folded` as a
    field: every step of the search for what a number counts reads it."""

    text: str
    start: int
    end: int
    folded: str


def find_figures(
    source: str,
    paragraph: int,
    text: str,
    parsed: Parsed | None = None,
    actor_words: frozenset[str] = frozenset(),
) -> list[Figure]:
    """Every figure stated in one paragraph, in reading order.

    `parsed` is `text` as `tui.analysis.parsed.parse` read it, when the caller has it already;
    `actor_words` (folded) name the sides, and may stand between a number and what it counts.
    Sentences without a digit or a number word are skipped unread: most sentences.
    """
    parsed = parsed or parse(text)
    modifiers = MODIFIERS | actor_words
    figures: list[Figure] = []
    numbers = parsed.numbers
    starts = [n.start for n in numbers]
    new = tuple.__new__
    lower = text.lower() if text.isascii() else None
    for (s_start, s_end), indices in zip(parsed.sentences, parsed.sentence_tokens, strict=True):
        if lower is not None:
            if not _MAY_COUNT_LOWER.search(lower[s_start:s_end]):
                continue
        elif not _MAY_COUNT.search(text[s_start:s_end]):
            continue
        sentence = text[s_start:s_end]
        tokens = [
            new(_Word, (t.text, t.start - s_start, t.end - s_start, word))
            for t, word in zip(
                parsed.tokens[indices.start : indices.stop],
                parsed.words[indices.start : indices.stop],
                strict=True,
            )
        ]
        # The paragraph's numbers inside the sentence, read as the sentence alone reads them
        # unless one runs across its ends ("twenty. Three …"): then the sentence is read anew.
        k = bisect.bisect_left(starts, s_start)
        inside = numbers[k : bisect.bisect_left(starts, s_end, k)]
        if (inside and inside[-1].end > s_end) or (k and numbers[k - 1].end > s_start):
            inside = tuple(find_numbers(sentence, tokens, [t.folded for t in tokens]))
        else:
            inside = tuple(NumberMatch(n.start - s_start, n.end - s_start, n.value) for n in inside)
        figures.extend(
            _sentence_figures(source, paragraph, sentence, s_start, tokens, inside, modifiers)
        )
    return figures


def _sentence_figures(
    source: str,
    paragraph: int,
    sentence: str,
    s_start: int,
    tokens: list[_Word],
    found_numbers: Sequence[NumberMatch],
    modifiers: frozenset[str],
) -> list[Figure]:
    # A time that opens the paragraph ("20:56 The ministry said …") stamps a live update.
    times = [
        (m.start(), _zone_end(sentence, m.end()), value)
        for m in _TIME.finditer(sentence)
        if (value := _time_value(m)) is not None and s_start + m.start() > 0
    ]
    found = [(start, end, value, "time") for start, end, value in times]
    found += _dates(sentence) + _delays(sentence)
    taken = [(start, end) for start, end, _, _ in found]
    numbers = [
        n
        for n in _numbers(tokens, found_numbers)
        if not any(t_start < n.end and n.start < t_end for t_start, t_end in taken)
        and not _ignored(sentence, tokens, n)
    ]
    # "seven more people died", "another 5 were hurt": an increment, not the toll.
    increments = {
        id(n)
        for n in numbers
        if (n.last + 1 < len(tokens) and tokens[n.last + 1].folded in INCREMENT_AFTER)
        or (n.first and tokens[n.first - 1].folded in INCREMENT_BEFORE)
    }
    subcounts = increments | {
        id(n)
        for n in numbers
        if _cue_before(tokens, n.first, SUBCOUNT_CUES, 3)
        or " ".join(t.folded for t in tokens[n.last + 1 : n.last + 3]) in SUBCOUNT_CUES
        or _partitive(tokens, n)
    }
    # "four children were among the 33 wounded": the 33 is the total, and the search from
    # "four children" may pass it to reach "wounded".
    passable = subcounts | {
        id(n) for n in numbers if _cue_before(tokens, n.first, frozenset({"among the"}), 2)
    }
    labelled: list[tuple[_Number, str, str | None, int, int]] = []
    # Which counting number each token belongs to, built once: looking a token up here keeps
    # each number's search proportional to its window, not to every number in the sentence.
    owner = {i: n for n in numbers for i in range(n.first, n.last + 1)}
    for number in numbers:
        result = _quantity(sentence, tokens, number, owner, subcounts, passable, modifiers)
        if result is not None:
            labelled.append((number, *result))
    totals = {base for n, base, group, _, _ in labelled if id(n) not in subcounts and not group}
    in_hospital = any(t.folded in HOSPITAL_WORDS for t in tokens)
    for number, base, group, start, end in labelled:
        quantity = base
        sub = id(number) in subcounts or base in totals
        if group and base in CASUALTY_WORDS and (group == "soldiers" or sub):
            quantity = f"{group} {base}"
        elif id(number) in increments and base in CASUALTY_WORDS:
            quantity = f"{base} (more)"
        elif id(number) in subcounts and base in CASUALTY_WORDS:
            quantity = f"{base} (of them)"
        elif in_hospital and base == "wounded":
            quantity = "wounded (in hospital)"  # those who died there are the toll itself
        found.append((start, end, number.value, quantity))
    found.sort()
    return [
        Figure(source, paragraph, s_start + a, s_start + b, sentence[a:b], quantity, value)
        for a, b, value, quantity in found
    ]


def _partitive(tokens: list[_Word], number: _Number) -> bool:
    """ "three of the wounded", "two of the dead": part of a group already counted."""
    after = [t.folded for t in tokens[number.last + 1 : number.last + 4]]
    return after[:2] == ["of", "the"] and len(after) == 3 and _casualty(after[2]) is not None


def _zone_end(sentence: str, end: int) -> int:
    """Where a time ends once the zone written after it is taken in."""
    zone = _ZONE_AFTER.match(sentence, end)
    return zone.end() if zone else end


def time_offset(text: str) -> float | None:
    """The UTC offset in hours a time's text states ("18:30 (GMT+4)" → 4, "1430 GMT" → 0);
    None when it states none ("5:30 pm", "8 a.m. local time": the clock of a place unnamed)."""
    zone = _OFFSET.search(text)
    if zone is None:
        return None
    sign, hours = zone.groups()
    return 0.0 if hours is None else (-1.0 if sign in "-−" else 1.0) * int(hours)


def _dates(sentence: str) -> list[tuple[int, int, float, str]]:
    """Days of a month. "October 4 and 5" names two days: October 4 and, spanning the "5",
    October 5; "the night of 10 to 11 October" is one moment over two days, one figure whose
    value is its first day (`date_days` reads its last from the text)."""
    found = []
    for m in _DATE.finditer(sentence):
        month = MONTH_NUMBER[(m.group("month") or m.group("month0")).rstrip(".").casefold()]
        first, second, listed = ("d1", "d2", "and1") if m.group("d1") else ("d0", "d0b", "and0")
        if m.group(second) and m.group(listed):
            second_end = m.end(second) if first == "d1" else m.end()  # "4 and 5 May"
            days = [(first, m.start(), m.end(first)), (second, m.start(second), second_end)]
        else:
            days = [(first, m.start(), m.end())]
        for group, start, end in days:
            day = int(re.match(r"\d+", m.group(group)).group())
            if 1 <= day <= 31:
                found.append((start, end, float(month * 100 + day), "date"))
    return found


def date_days(figure: Figure) -> tuple[float, float]:
    """A date figure's first and last day (month × 100 + day): the same for one day, two for
    a range ("10 to 11 October" → 1010, 1011)."""
    month = round(figure.value) // 100
    last = int(re.findall(r"\d+", figure.text)[-1])
    return figure.value, float(month * 100 + last) if 1 <= last <= 31 else figure.value


def _delays(sentence: str) -> list[tuple[int, int, float, str]]:
    """Delays, not spells: "after 45 minutes of going into effect" times the truce's end,
    "after ten hours of talks" only says how long the talks took."""
    found: list[tuple[int, int, float, str]] = []
    if not _DELAY_UNIT.search(sentence):
        return found
    for m in _DELAY.finditer(sentence):
        spell = _SPELL_OF.match(sentence, m.end())
        if spell and not spell.group(1).casefold().endswith("ing"):
            continue
        number, unit = (m.group("n1"), m.group("u1")) if m.group("n1") else m.group("n2", "u2")
        count = 1 if number.casefold() in {"a", "an"} else word_value(number)
        if count is None and number.isdigit():
            count = int(number)
        if count:
            minutes = float(count * _DELAY_UNITS[unit.casefold()])
            found.append((m.start(), m.end(), minutes, "delay"))
    return found


def _time_value(match: re.Match[str]) -> float | None:
    if match.group("hhmm"):
        return int(match.group("hhmm")[:2]) + int(match.group("hhmm")[2:]) / 60
    if match.group("word"):
        return 12.0 if match.group("word").casefold() == "noon" else 0.0
    if match.group("h") is not None:
        hour = int(match.group("h"))
        if not 1 <= hour <= 12:
            return None
        minutes = int(match.group("m") or 0)
        hour = hour % 12 + (
            12 if (match.group("ap") or match.group("ap2")).casefold() == "p" else 0
        )
        return hour + minutes / 60
    return int(match.group("h24")) + int(match.group("m24")) / 60


def _numbers(tokens: list[_Word], found: Sequence[NumberMatch]) -> list[_Number]:
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    return [
        _Number(m.start, m.end, m.value, starts[m.start], ends[m.end])
        for m in found
        if m.start in starts and m.end in ends
    ]


def _cue_before(tokens: list[_Word], index: int, cues: frozenset[str], reach: int) -> bool:
    """Whether a cue word or two-word cue ends within `reach` tokens before `index`."""
    words = [t.folded.rstrip(".") for t in tokens[max(0, index - reach - 1) : index]]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}
    return bool(cues & (set(words[1:] if len(words) > reach else words) | pairs))


# How far before a number `_ignored` looks: a currency sign and its space, or a name and its
# comma ("Zagit Aliyev, 68"). Article text has its whitespace collapsed, so this is plenty.
_BEFORE_REACH = 40
# What follows an age after a name: the clause ends ("Zagit Aliyev, 68, said"). Matched in place
# from the number's end rather than on a copy of the rest of the sentence.
_AGE_END_RE = re.compile(r"\s*[,.;)]|\s*$")
# What right after a number makes it no count: an ordinal, a decade or an age ("1st",
# "1990s", "68-year-old"), or a share ("40 %", "40 per cent").
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|s)\b|['’]s\b|-(?:year|month|week|day)", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
# And right before it: a currency sign, or a name and its comma or a parenthesis (an age).
_CURRENCY_BEFORE = re.compile(r"[$€£₽₼֏]\s*$")
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*,\s*$|\(\s*$")
_YEAR_DIGITS = re.compile(r"1\d{3}|20\d{2}")


def _ignored(sentence: str, tokens: list[_Word], number: _Number) -> bool:
    """Years, decades, dates, ordinals, ages, durations, shares and sums of money: numbers
    that count nothing comparable here."""
    after = sentence[number.end : number.end + 12]
    nxt = tokens[number.last + 1].folded if number.last + 1 < len(tokens) else ""
    prev = tokens[number.first - 1].folded if number.first else ""
    digits = sentence[number.start : number.end]
    if _ORDINAL_AFTER.match(after):
        return True  # 1st, 1990s, 68-year-old
    if _SHARE_AFTER.match(after):
        return True  # a share, not a count
    # Only the few characters before the number can make it money or an age; slicing and
    # scanning the whole sentence up to each number was quadratic in a long sentence.
    before = sentence[max(0, number.start - _BEFORE_REACH) : number.start]
    if _CURRENCY_BEFORE.search(before) or nxt in MONEY_WORDS:
        return True
    if nxt in DURATION_WORDS or nxt in MONTHS or prev in MONTHS or prev in AGE_CUES:
        return True
    if _YEAR_DIGITS.fullmatch(digits) and THING_WORDS.get(nxt) is None:
        return True  # a year, unless it plainly counts something ("1500 houses")
    # "resident Zagit Aliyev, 68." or "(68)": an age after a name.
    return bool(
        number.value < 120
        and _NAME_BEFORE.search(before)
        and _AGE_END_RE.match(sentence, number.end)
    )


def _quantity(
    sentence: str,
    tokens: list[_Word],
    number: _Number,
    owner: dict[int, _Number],
    subcounts: set[int],
    passable: set[int],
    modifiers: frozenset[str],
) -> tuple[str, str | None, int, int] | None:
    """(base quantity, person group, span start, span end) for one number, if it counts.

    `owner` maps the index of every token of a counting number to that number.
    """
    is_sub = id(number) in subcounts
    # What the number directly counts: the first word after it that is not a modifier.
    noun_index = None
    skippable = {"of", "them", "whom"} if is_sub else set()  # "four of them women"
    for i in range(number.last + 1, min(len(tokens), number.last + 5)):
        word = tokens[i].folded
        if word in PERSON_WORDS or word in THING_WORDS or _casualty(word):
            noun_index = i
            break
        if word in skippable:
            continue
        if word not in modifiers or word in {"and", "of"}:
            break
    group = None
    span_end = number.end
    if noun_index is not None:
        word = tokens[noun_index].folded
        if word in THING_WORDS:
            thing = THING_WORDS[word]
            last = noun_index
            while last + 1 < len(tokens) and tokens[last + 1].folded in THING_WORDS:
                last += 1  # "apartment buildings": the head noun is the last one
                thing = THING_WORDS[tokens[last].folded]
            end = tokens[last].end
            if thing == "buildings":
                damage = _nearest(tokens, number, owner, passable, DAMAGE_WORDS.get)
                if damage is not None:
                    thing = f"buildings {damage[0]}"
            return thing, None, number.start, end
        if word in PERSON_WORDS:
            group = PERSON_WORDS[word]
            span_end = tokens[noun_index].end
    elif number.last + 1 < len(tokens):
        following = tokens[number.last + 1]
        gap = sentence[tokens[number.last].end : following.start]
        if (
            not any(ch in ',.;:()—–"' for ch in gap)
            and following.folded not in modifiers
            and following.folded not in FUNCTION_WORDS
            and number.last + 1 not in owner  # "7 8 wounded": the next token is a number
        ):
            return None  # "one witness", "2 tanks": counts something we do not compare
    casualty = _nearest(tokens, number, owner, passable if not is_sub else set(), _casualty)
    if casualty is None:
        if group is None or _cue_before(tokens, number.first, CAPACITY_CUES, 2):
            return None
        return group, None, number.start, span_end
    base, index = casualty
    span_start = number.start
    if index < number.first and number.first - index <= 2 and group is None:
        span_start = tokens[index].start  # "killed 7"
    elif index > number.last and index - number.last <= 2 and group is None:
        span_end = tokens[index].end  # "33 wounded"
    # People and civilians are the total itself; soldiers are always counted apart from
    # civilians; women, children and men are a sub-count only beside a total.
    if group in {None, "people", "civilians"}:
        return base, None, span_start, span_end
    return base, group, span_start, span_end


def _casualty(word: str) -> str | None:
    return _CASUALTY_OF.get(word)


# What each casualty or displacement word counts, for `_casualty`: one lookup a token.
_CASUALTY_OF = {
    word: quantity
    for quantity, words in (*CASUALTY_WORDS.items(), ("displaced", DISPLACED_WORDS))
    for word in sorted(words)
}


def _nearest(
    tokens: list[_Word],
    number: _Number,
    owner: dict[int, _Number],
    passable: set[int],
    classify: Callable[[str], str | None],
) -> tuple[str, int] | None:
    """The closest classified word within the window, not crossing another counting number.

    Tokens are checked against `owner` one by one as the search reaches them: collecting
    every other number's tokens up front made each search cost as much as the sentence.
    """

    def blocks(i: int) -> bool:
        n = owner.get(i)
        return n is not None and n is not number and id(n) not in passable

    def skipped(i: int) -> bool:
        n = owner.get(i)
        return n is not None and id(n) in passable

    best: tuple[float, str, int] | None = None
    for direction in (1, -1):
        i = number.last + 1 if direction == 1 else number.first - 1
        steps = 0
        while 0 <= i < len(tokens) and steps < WINDOW and not blocks(i):
            if tokens[i].folded in CONJUNCTIONS:
                break
            label = classify(tokens[i].folded)
            if label is not None:
                distance = steps + (0 if direction == 1 else 0.5)
                if best is None or distance < best[0]:
                    best = (distance, label, i)
                break
            i += direction
            # Function words and sub-counts do not use up the window: "nine civilians, four of
            # them women, were killed" is as close as "nine civilians were killed".
            if tokens[i - direction].folded not in FUNCTION_WORDS and not skipped(i - direction):
                steps += 1
    return None if best is None else (best[1], best[2])


def plain_number(value: float) -> float:
    """7.0 as 7: figures are mostly counts, and "7" is what the article said."""
    value = float(value)
    return int(value) if value.is_integer() else value


def format_count(value: float) -> str:
    """A figure as an editor writes it: thousands separated, at most two decimals."""
    number = plain_number(value)
    return f"{round(number, 2):,}" if math.isfinite(number) else str(number)


def format_figure(quantity: str, value: float) -> str:
    """A figure as its quantity reads: times of day as 02:00, everything else as a count.

    The divergence summaries and the report's figures table both write figures through
    this, so a report never says "02:00" in one place and "2" in another.
    """
    if quantity == "time":
        hours, minutes = divmod(round(value * 60), 60)
        return f"{hours:02d}:{minutes:02d}"
    if quantity == "date":
        month, day = divmod(round(value), 100)
        return f"{_MONTH_NAMES[month - 1]} {day}"
    if quantity == "delay":
        for unit, minutes in sorted(_DELAY_UNITS.items(), key=lambda u: -u[1]):
            if value >= minutes and value % minutes == 0:
                count = round(value / minutes)
                return f"{count} {unit}" + ("s" if count != 1 else "")
    return format_count(value)
