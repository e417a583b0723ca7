"""Claims: the sentences of a paragraph, each read as the particulars of what it reports.

A paragraph often carries two or three facts, and outlets split and join them differently: one
outlet's long lead tells the toll, the weapon and the denial, another gives each its own short
paragraph. Matching whole paragraphs dilutes each fact with the others, so the aligner links
sentences (claims) across outlets and builds its paragraph rows from those links.

Two claims report the same incident when they share its particulars, whatever their wording
and even with different figures. So a claim is its informative terms (tui.analysis.normalise: stems,
numbers as values, one key per lexicon name group) plus its incident signature:

- what is counted: a number next to what it counts gives `#` + that word's stem ("14
  civilians" -> `#civilian`), and a number in a sentence about deaths or injuries gives `#kill`
  / `#wound`; "killing 14" and "nine people were killed" share `#kill` though 14 is not 9.
  That is the point: the editor needs the two figures on one row to see that they differ.
- the act: the general English verbs of attack ("shelled", "struck", "hit", "fired at",
  "attacked", "shot down") are one term, `%attack`;
- the time: a weekday, a part of the day ("overnight"), a calendar date ("28 October",
  "October 28") gives a `~` term;
- named people, bodies and places: a word written capitalised inside a sentence (not its first
  word, not a calendar or office word) also gives a `!` term, so that a shared name counts
  twice as much as a shared ordinary word.
- who attacked, where the sentence says it plainly ("Armenian forces shelled …", "… shelled by
  Azerbaijani forces"): `Claim.agent`, the side, so that two claims in the same words with
  opposite attackers are not taken for one incident.

Words are compared by their roots: a demonym as its country ("Armenian" / "Armenia") and one
derivational ending off ("apology" / "apologizes"), since paraphrase changes a word's class
more often than the word; a hyphenated word also gives its parts ("man-portable"). Terms in a
clause of background, opened by "after", "since", "amid", "despite" or "following" and closed
by a comma, are kept apart (`Claim.background`): "shells fell a day after the truce took
effect" reports the shelling, not the truce.

Weights come from the event itself (tui.analysis.align), never from a word list of one conflict: the
place every sentence mentions weighs nothing, the village only two outlets name weighs a lot.
The word classes here (verbs of attack, casualty words, times, who-says-it words) are general
news English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.analysis.figures import DURATION_WORDS
from tui.analysis.normalise import STOPWORDS, TermKind, stem
from tui.model import Member
from tui.text.spans import sentences
from tui.text.tokens import fold
from tui.text.wordlists import MONTHS, ROLE_WORDS, SPEAKER_WORDS, WEEKDAYS, word_set

COUNT_PREFIX = "#"
ACT_TERM = "%attack"
TIME_PREFIX = "~"
NAME_PREFIX = "!"

# How many terms after a number may name what it counts ("14 civilians", "21 civilians,
# including children"): the next informative word, at most this far on.
COUNT_REACH = 3
# English derivational endings as `tui.analysis.normalise.stem` leaves them, longest first, and the
# shortest root left after one goes.
DERIVATIONS = (
    "ization", "isation", "ation", "ness", "ment", "ical", "ally", "ity", "ial", "al", "iz",
    "is", "at", "y", "i",
)  # fmt: skip
ROOT_LENGTH = 4


@dataclass(frozen=True)
class Claim:
    """One sentence of one paragraph: where it is and the terms it is matched on."""

    member: Member
    start: int
    end: int
    terms: frozenset[str]
    # Terms that occur only in a clause of background: what the sentence dates itself by
    # ("came a day after the ceasefire agreed in Moscow took effect") rather than reports.
    background: frozenset[str] = frozenset()
    # The side the claim names as the attacker (`agent_side`), "" if it names none.
    agent: str = ""
    # Terms that occur only in who the sentence is attributed to (`speaker_spans`): "Prime
    # Minister Nikol Pashinyan said ..." tells who speaks, not what happened.
    speaker: frozenset[str] = frozenset()


def read_claims(
    member: Member,
    text: str,
    fields: Sequence[tuple[str, int, int, TermKind]],
    sides: Mapping[str, str] | None = None,
) -> list[Claim]:
    """Every sentence of a paragraph with its terms and signature (see the module docstring).

    `fields` are the paragraph's terms as `tui.analysis.normalise.term_fields` reads them: the
    paragraph is tokenised once, for its own terms and its claims'. A paragraph with no
    sentence end is one claim. `sides` maps the keys of the words that name each side
    (`side_keys`) to it, for `Claim.agent`.
    """
    out = []
    at = 0
    # Where clauses end, once per paragraph; `stop` walks along them with the words.
    ends = [m.start() for m in CLAUSE_END.finditer(text)] + [len(text) + 1]
    stop = 0
    for start, end in _mend(text, sentences(text) or [(0, len(text))]):
        while at < len(fields) and fields[at][1] < start:
            at += 1
        keys, names, breaks, after_by = [], set(), [], []
        by = False  # the last word was "by"
        opening = False  # the sentence's first word is its first term, capitalised
        foreground: set[str] = set()
        aside = False  # inside a clause of background ("after the truce took effect")
        broken = False  # a clause ended since the last informative term
        previous = start
        while at < len(fields) and fields[at][1] < end:
            key, first, last, kind = fields[at]
            at += 1
            while ends[stop] < previous:
                stop += 1
            if ends[stop] < first:  # a clause ends between the last word and this one
                aside, broken = False, True
            previous = last
            if kind == "word":
                if key in BACKGROUND_STEMS and fold(text[first:last]) in BACKGROUND_CUES:
                    aside = True
                if key in STOPWORDS or len(key) < 2:  # `informative`, inlined: every word
                    by = key == "by"
                    continue
                key = _root(key)
                if first > start:
                    if _capitalised(text[first:last]):
                        names.add(key)
                elif not keys and _capitalised(text[first:last]):
                    opening = True
            keys.append(key)
            breaks.append(broken)
            after_by.append(by)
            broken = by = False
            if not aside:
                foreground.add(key)
        if keys:
            parts = {part for key in keys if "-" in key for part in _parts(key)}
            names -= NOT_NAME_KEYS
            terms = frozenset(keys) | parts | signature(keys, breaks, names)
            terms |= {NAME_PREFIX + name for name in names}
            background = frozenset(keys) - foreground
            speaker: frozenset[str] = frozenset()
            if not SPEECH_KEYS.isdisjoint(keys):
                said = speaker_spans(keys, names, opening)
                speaker = frozenset(k for k, s in zip(keys, said, strict=True) if s)
                speaker -= {k for k, s in zip(keys, said, strict=True) if not s}
                if sides:  # a side that says so is a party to what it says
                    speaker -= sides.keys()
                speaker |= {NAME_PREFIX + k for k in speaker if k in names}
            agent = agent_side(keys, after_by, sides) if sides and ACT_TERM in terms else ""
            out.append(Claim(member, start, end, terms, background, agent, speaker))
    return out


def speaker_spans(
    keys: Sequence[str], names: set[str] | frozenset[str], opening: bool = False
) -> list[bool]:
    """For each term of a sentence, whether it names who the sentence is attributed to.

    The speaker is the run of names and office words (capitalised words, `WHO_TERMS`) right
    before a reporting verb ("Armenia's Prime Minister Nikol Pashinyan said", "the
    General Prosecutor's Office reported"), or right after "according to"; `opening` says
    that the first term is the sentence's capitalised first word, which no name test can
    tell from a name ("Prime Minister ... said"). Outlets quote the same officials all
    through an event, so a shared speaker says nothing of whether two sentences report
    the same thing; what the speaker said does.
    """
    said = [False] * len(keys)

    def speaking(n: int) -> bool:
        key = keys[n]
        return key in names or (not n and opening) or (key in WHO_TERMS and key not in REPORT_KEYS)

    for n, key in enumerate(keys):
        if key in REPORT_KEYS:
            back = n - 1
            while back >= 0 and speaking(back):
                said[back] = True
                back -= 1
        elif key in ACCORDING_KEYS:
            on = n + 1
            while on < len(keys) and speaking(on):
                said[on] = True
                on += 1
    return said


def agent_side(keys: Sequence[str], after_by: Sequence[bool], sides: Mapping[str, str]) -> str:
    """The side a sentence names as the attacker, "" if it names none for sure.

    Only the plainest forms count: a side's word, then a word for armed forces, then the
    first verb or noun of attack, at most `AGENT_REACH` terms apart ("Armenian armed forces
    fired", "the Azerbaijani army had shelled"); or the side's word right after "by" behind
    it ("positions were shelled by Armenian forces"). Who claims, accuses or denies is not
    the attacker ("Baku said missiles fired at Ganja" names none): opposing outlets blame
    each other for one incident, and those accounts must stay on one row. What this is for:
    two claims in the same words whose attackers are opposite sides ("Armenian forces shelled
    Azerbaijani positions overnight" / "Azerbaijani forces shelled Armenian positions
    overnight") report two attacks, not one (`tui.analysis.align.link_claims`).
    """
    act = next((n for n, key in enumerate(keys) if key in ATTACK_KEYS), None)
    if act is None:
        return ""
    for n in range(max(0, act - AGENT_REACH), act - 1):
        if keys[n] in sides and not FORCE_KEYS.isdisjoint(keys[n + 1 : act]):
            return sides[keys[n]]
    if act + 1 < len(keys) and after_by[act + 1] and keys[act + 1] in sides:
        return sides[keys[act + 1]]
    return ""


def side_keys(words_by_side: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Words that name a side (`tui.analysis.actors`) as claim keys, each mapped to its side;
    a key two sides share names neither."""
    found: dict[str, set[str]] = {}
    for side, words in words_by_side.items():
        for word in words:
            found.setdefault(claim_key(word), set()).add(side)
    return {key: next(iter(held)) for key, held in found.items() if len(held) == 1}


def _capitalised(word: str) -> bool:
    """A word written with a capital, not an all-capitals short form ("US", "AM")."""
    return word[0].isupper() and not (word.isupper() and len(word) < 3)


def word_key(key: str, kind: TermKind) -> str:
    """A term of `tui.analysis.normalise.term_fields` as a claim compares it, function words
    included: an informative word by its root (`_root`), anything else as it is. For
    `benchmarks.similarity`, which weighs every word."""
    if kind == "word" and key not in STOPWORDS and len(key) >= 2:
        return _root(key)
    return key


def claim_key(word: str) -> str:
    """A word as a claim's term: folded, stemmed (tui.analysis.normalise) and rooted (`_root`), so
    that word lists written in plain English compare with the terms."""
    return _root(stem(fold(word)))


def _mend(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences rejoined where a full stop ended an abbreviation rather than a sentence:
    "since Oct. 10 was agreed" is one claim, not "since Oct." and "10 was agreed"."""
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and (text[start].islower() or text[start].isdigit()):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@lru_cache(maxsize=65536)
def _root(key: str) -> str:
    """A word's root across derivations, for words `tui.analysis.normalise.stem` leaves apart.

    A demonym becomes its country ("armenian" -> "armenia", "azerbaijani" -> "azerbaijan"):
    outlets write "Armenian forces" and "the forces of Armenia" for one actor. One
    derivational suffix goes ("apology"/"apologiz", "accidental"/"accident",
    "compensation"/"compensat"): opposing outlets paraphrase, and a paraphrase changes a
    word's class more often than the word.
    """
    if not key[0].isalpha():
        return key
    if len(key) > 5 and key.endswith("ian"):
        return key[:-1]
    if len(key) > 6 and key.endswith("ani"):
        return key[:-1]
    for suffix in DERIVATIONS:
        if key.endswith(suffix) and len(key) - len(suffix) >= ROOT_LENGTH:
            return key[: -len(suffix)]
    return key


def _parts(key: str) -> set[str]:
    """The stems of a hyphenated word's parts: "man-portable" also matches "portable"."""
    return {_root(stem(part)) for part in key.split("-") if len(part) > 2 and part not in STOPWORDS}


def signature(
    keys: Sequence[str], breaks: Sequence[bool] = (), names: frozenset[str] | set[str] = frozenset()
) -> frozenset[str]:
    """The incident particulars of one sentence, as extra terms (module docstring).

    `breaks[i]` is true where a clause ends before `keys[i]` (a comma, say): what a number
    counts is never looked for across it ("wounding 40, the regional governor said"), and
    a name between the two is skipped ("three Norland soldiers" count soldiers).
    """
    found: set[str] = set()
    casualties = {CASUALTY_KEYS[k] for k in keys if k in CASUALTY_KEYS}
    for i, key in enumerate(keys):
        if key in ATTACK_KEYS:
            found.add(ACT_TERM)
        elif key in TIME_KEYS:
            found.add(TIME_PREFIX + key)
        if not key[0].isdigit():
            continue
        found.update(COUNT_PREFIX + kind for kind in casualties)
        after = []
        for n in range(i + 1, min(len(keys), i + 1 + COUNT_REACH)):
            if breaks and breaks[n]:
                break
            after.append(keys[n])
        around = {keys[i - 1] if i else "", after[0] if after else ""}
        month = next((m for m in around if m in MONTH_KEYS), None)
        if month is not None:  # a date, not a count
            found.add(f"{TIME_PREFIX}{month[:3]}-{key}")
            continue
        counted = next((k for k in after if k[0].isalpha() and k not in names), None)
        if counted is not None and counted not in SPAN_KEYS:
            found.add(COUNT_PREFIX + counted)
    return frozenset(found)


# The word classes below are written in plain English and read through `claim_key`, so that
# they compare with the terms whatever the stemmer makes of them.

# General English verbs and nouns of armed attack: every outlet reports a strike with one of
# them, and outlets of opposing sides rarely pick the same one.
ATTACK_KEYS = frozenset(
    map(
        claim_key,
        word_set(
            "attack attacked attacking attacks shell shelled shelling shells strike struck "
            "strikes striking hit hits hitting fire fired firing bomb bombed bombing bombard "
            "bombarded bombardment pound pounded shoot shot shooting downed target targeted "
            "targeting launch launched raid raided"
        ),
    )
)
# What a casualty figure counts: "killed", "dead", "died" are one key after tui.analysis.normalise's
# synonyms, "wounded", "injured", "hurt" another.
CASUALTY_KEYS = {claim_key("killed"): "kill", claim_key("victims"): "kill"} | {
    claim_key("wounded"): "wound"
}
# Parts of the day, relative days and weekdays: when an incident happened.
TIME_KEYS = frozenset(
    map(
        claim_key,
        WEEKDAYS
        | word_set("overnight morning afternoon evening night dawn midnight noon yesterday today"),
    )
)
MONTH_KEYS = frozenset(map(claim_key, MONTHS))
# Conjunctions and prepositions that open a clause of background in news English: what the
# claim is dated or explained by, usually another fact of the story.
# Compared as written, not as stems: "following the truce" opens one, "followed by fire" does
# not ("follow" is the stem of both).
BACKGROUND_CUES = frozenset(word_set("after since amid despite following"))
BACKGROUND_STEMS = frozenset(map(stem, BACKGROUND_CUES))
# What closes such a clause: a comma, semicolon, dash or parenthesis between two words.
CLAUSE_END = re.compile(r"[,;()\u2013\u2014]| - ")
# Words for a side's armed forces, in general news English (`agent_side`).
FORCE_KEYS = frozenset(
    map(claim_key, word_set("forces army troops military units soldiers artillery side"))
)
# How many terms a side's word may stand before the verb of attack it is the subject of:
# "Armenian armed forces fired" is three.
AGENT_REACH = 4
# A number before one of these measures time or age, and counts nothing ("26-year-old").
SPAN_KEYS = frozenset(map(claim_key, DURATION_WORDS | word_set("old year-old years-old")))
# Who says it, not what happened: reporting verbs and the offices that speak. Every outlet's
# sentences are full of them ("the defence ministry said"), whatever they report.
WHO_TERMS = frozenset(
    map(
        claim_key,
        ROLE_WORDS
        | SPEAKER_WORDS
        | word_set(
            "said say says told tell reported according statement added stressed stated "
            "claimed announced informed declared quoted also earlier later"
        ),
    )
)
# Verbs that attribute a sentence to its speaker (`speaker_spans`), and the word after
# which the speaker follows.
REPORT_KEYS = frozenset(
    map(
        claim_key,
        word_set(
            "said say says told tells reported reports stated states added claimed claims "
            "announced declared informed quoted"
        ),
    )
)
ACCORDING_KEYS = frozenset({claim_key("according")})
SPEECH_KEYS = REPORT_KEYS | ACCORDING_KEYS
# Capitalised words that name no particular: offices, calendar words, titles.
NOT_NAME_KEYS = frozenset(
    map(claim_key, ROLE_WORDS | SPEAKER_WORDS | MONTHS | WEEKDAYS | word_set("mr mrs ms dr"))
)
