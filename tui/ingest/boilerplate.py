"""Recognise the lines around an article that are not the article.

readability picks the right block of a page but keeps what sits inside it: share bars, "Read
more" promos, photo captions and credits, bylines and datelines, subscribe prompts, copyright
notices. Each would otherwise be aligned against other outlets' paragraphs and show up as a
fact "only one side reports", so each is dropped here by a generic, named rule. The rules look
at text shape and wording only, never at which site a page came from; the names let the
extraction benchmark measure what every rule gains (see benchmarks/extraction.py).

Every pattern here runs on text a hostile page chose, so every one is linear in the length of
its input: no two quantifiers that can trade the same characters (two runs of punctuation back
to back) without one being possessive, and no search whose every start can scan to the end of
the text (a lookbehind makes it start only where a run starts). tests/ingest/test_regex_linear.py
checks each on long tokens, repeated separators and nested markup. A block longer than
`MAX_RULE_CHARS` is prose by its length alone and is not given to the line rules at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.ingest.blocks import Block


@dataclass(frozen=True)
class Context:
    title_key: str  # the title's line_key, "" when unknown


@dataclass(frozen=True)
class LineRule:
    name: str
    drops: Callable[[Block, Context], bool]


# No boilerplate line is this long; a longer block is kept without running the line rules.
MAX_RULE_CHARS = 2_000

_WORD_RE = re.compile(r"\w+")
_SHARE_WORD_RE = re.compile(r"[\w-]+")
_LETTER_RE = re.compile(r"[^\W\d_]")
# The trailing run of non-word characters holds a sentence end; starts only where a run starts.
_SENTENCE_CLOSE_RE = re.compile(r"(?<!\W)[^\w.!?]*+[.!?]\W*+\Z")
# Where the trailing run of non-word characters starts (the end of the text if there is none).
_TRAILING_NONWORD_RE = re.compile(r"(?<!\W)\W*+\Z")


def line_key(text: str) -> str:
    """Comparison key for repeated lines: case, punctuation and spacing do not make two lines
    different. Not the text fold (tui.text.tokens.fold): accents still count here."""
    return " ".join(_WORD_RE.findall(text.casefold()))


def _words(text: str) -> int:
    return len(text.split())


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_SOCIAL_NAMES = (
    "share shares sharing tweet twitter facebook whatsapp telegram pinterest pint pin linkedin "
    "reddit email e-mail mail print messenger vk vkontakte ok odnoklassniki copy link flipboard "
    "submit baixar instagram youtube x"
)
_SOCIAL = frozenset(_SOCIAL_NAMES.split())
_SHARE_RE = _rx(
    r"^(?:share(?: this| the story| article)?(?: (?:on|via|with) .{1,30})?|sharing is caring!?"
    r"|like this:?|like loading|tweet this|click to share.*|поделиться|կիսվել)\W*$"
)


def _share(block: Block, _: Context) -> bool:
    if _SHARE_RE.match(block.text):
        return True
    words = _SHARE_WORD_RE.findall(block.text.casefold())
    return 0 < len(words) <= 8 and sum(w in _SOCIAL for w in words) * 2 > len(words)


_PROMO_RE = _rx(
    r"^\W*(?:related(?: articles?| stories| story| content| posts?| news| roundup| coverage)?"
    r"|read (?:more|also|next|this)|see (?:more|also)|also (?:read|see|on \S+)|more(?: on| from)?"
    r"|don'?t miss|recommended(?: for you)?|you (?:may|might) (?:also )?like|most (?:read|popular)"
    r"|trending(?: now)?|watch(?: now)?|more (?:great )?\S+ stories|leggi anche(?: su)?"
    r"|lesen sie auch"
    r"|lire aussi|leia (?:também|mais)|читайте также|читайте еще|смотрите также|по теме"
    r"|տես նաև|կարդացեք նաև|oxşar xəbərlər|həmçinin oxuyun|daha çox)"
    r"\s*(?::|\.\.\.|…|»|>|\||-|–|—|$)"
)


def _promo(block: Block, _: Context) -> bool:
    return _words(block.text) <= 30 and bool(_PROMO_RE.match(block.text))


_ADVERT_RE = _rx(
    r"^\W*(?:advertisement|advert|ad|ads|sponsored(?: content)?|paid content|promoted"
    r"|story continues below(?: advertisement)?|continue reading(?: below| the main story)?"
    r"|реклама|գովազդ|reklam)\W*$"
)


def _advert(block: Block, _: Context) -> bool:
    return bool(_ADVERT_RE.match(block.text))


_CREDIT_WORD = (
    r"(?:photo|image|picture|pic|credit|image credit|photograph|illustration|foto|фото)s?"
)
_CAPTION_START_RE = _rx(
    rf"^\W*(?:{_CREDIT_WORD}\s*(?::|©|by\b)|image copyright|image caption|media caption"
    r"|file photo:|©)"
)
# Searched in the text without its trailing non-word run (`_without_trailing`), hence \Z.
_CAPTION_END_RE = _rx(
    rf"(?:\(\s*+{_CREDIT_WORD}\s*+[:©]?[^()]{{0,80}}\)|{_CREDIT_WORD}\s*+:\s*+[^.!?]{{1,80}}"
    r"|\((?:AFP|AP|Reuters|EPA|Getty(?: Images)?|AP Photo|Shutterstock)[^()]{0,40}\))\Z"
)
_AGENCY_ONLY_RE = _rx(
    r"^\W*+(?:(?:AFP|AP|Reuters|EPA|Getty|Getty Images|Shutterstock|iStock|Alamy|Bloomberg"
    r"|Associated Press|AP Photo|File|NASA)\b[\s/,|.-]*+)+\W*$"
)


def _caption(block: Block, _: Context) -> bool:
    text = block.text
    if _AGENCY_ONLY_RE.match(text):
        return True
    if _words(text) > 70:
        return False
    return bool(_CAPTION_START_RE.match(text) or _CAPTION_END_RE.search(_without_trailing(text)))


def _without_trailing(text: str) -> str:
    """`text` without the punctuation and spaces it ends with."""
    match = _TRAILING_NONWORD_RE.search(text)
    return text[: match.start()] if match else text


_SUBSCRIBE_RE = _rx(
    r"\b(?:subscribe (?:to|now|today)|sign up (?:for|to|now|today)|newsletter|in your inbox"
    r"|to your inbox|click here|get the \S+(?: \S+)? app|download (?:the|our) app|log ?in to"
    r"|sign in to|register to (?:read|continue)|already a subscriber|become a member"
    r"|подпишитесь|подписывайтесь|բաժանորդագրվեք|abunə olun)"
)
_SUBSCRIBE_ONLY_RE = _rx(r"^\W*(?:subscribe|sign up|sign in|log ?in|register|join now)\W*$")


def _subscribe(block: Block, _: Context) -> bool:
    text = block.text
    if _SUBSCRIBE_ONLY_RE.match(text):
        return True
    return _words(text) <= 40 and bool(_SUBSCRIBE_RE.search(text))


_COPYRIGHT_RE = _rx(
    r"^\W*(?:©|copyright\b|\(c\)\s*\d{4})|all rights reserved|this (?:document|article|material)"
    r" (?:is subject to copyright|may not be (?:published|reproduced|redistributed))"
    r"|^citation:|все права защищены|բոլոր իրավունքները պաշտպանված են"
)


def _copyright(block: Block, _: Context) -> bool:
    return _words(block.text) <= 60 and bool(_COPYRIGHT_RE.search(block.text))


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.-]+")
_FOLLOW_RE = _rx(
    r"\b(?:follow (?:him|her|them|us|me)\b.{0,40}\b(?:on|at) (?:twitter|facebook|instagram|x\b)"
    r"|(?:twitter|instagram)(?: at)? @\w+|reach (?:the )?(?:reporters?|writers?|author) at"
    r"|may be reached at|can be reached at|write to \S+ \S+ at)"
)


def _contact(block: Block, _: Context) -> bool:
    text = block.text
    if _words(text) > 45:
        return False
    return bool(_FOLLOW_RE.search(text)) or (
        _EMAIL_RE.search(text) is not None and _words(text) <= 25
    )


_TAGS_RE = _rx(
    r"^\W*(?:tags?|tagged|filed under|categor(?:y|ies)|topics?|keywords|теги|метки"
    r"|պիտակներ|teqlər)\s*:"
)


def _tags(block: Block, _: Context) -> bool:
    return _words(block.text) <= 40 and bool(_TAGS_RE.match(block.text))


_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    "|январ\\w*|феврал\\w*|март\\w*|апрел\\w*|ма[йя]|июн\\w*|июл\\w*|август\\w*|сентябр\\w*"
    "|октябр\\w*|ноябр\\w*|декабр\\w*"
    "|հունվար\\w*|փետրվար\\w*|մարտ\\w*|ապրիլ\\w*|մայիս\\w*|հունիս\\w*|հուլիս\\w*|օգոստոս\\w*"
    "|սեպտեմբեր\\w*|հոկտեմբեր\\w*|նոյեմբեր\\w*|դեկտեմբեր\\w*"
    "|yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr"
)
_DATE_WORDS = (
    rf"(?:{_MONTHS}|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|today|yesterday|updated|update|published|posted|last|modified"
    r"|on|at|am|pm|a\.m|p\.m|gmt|utc|\d+(?:st|nd|rd|th)?|г|год\w*|թ)"
)
_DATE_TOKEN_RE = _rx(rf"^{_DATE_WORDS}\.?$")
_DATE_PART_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_HAS_DATE_RE = _rx(rf"\b(?:{_MONTHS})\b|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}:\d\d")


def _dateline(block: Block, _: Context) -> bool:
    """A line that is only a date, time and words like "Updated"."""
    text = block.text
    if _words(text) > 14 or not _HAS_DATE_RE.search(text):
        return False
    tokens = _DATE_PART_RE.findall(text)
    # upper-case 2-5 letter tokens are time zones ("EST", "AMT")
    return all(_DATE_TOKEN_RE.match(t) or (t.isupper() and 2 <= len(t) <= 5) for t in tokens)


_BYLINE_RE = _rx(r"^\W*+(?:by|from|author|автор|հեղինակ|müəllif)(?:\s*+:)?\s++\S")


def _byline(block: Block, _: Context) -> bool:
    text = block.text
    return (
        _words(text) <= 12 and bool(_BYLINE_RE.match(text)) and not _SENTENCE_CLOSE_RE.search(text)
    )


_UI_RE = _rx(
    r"^\W*+(?:close|comments?|\d+ comments?|leave a (?:comment|reply)|text size|loading|menu"
    r"|home|next|previous|prev|back|voltar|назад|image \d+ of \d+|\d+ of \d+|print|listen"
    r"|media playback is unsupported on your device|this slideshow requires javascript\.?"
    r"|thanks for watching!?|your browser does not support .*|enable javascript.*"
    r"|visit website|learn more|show more|load more|view comments|reply)\W*$"
)


def _ui(block: Block, _: Context) -> bool:
    text = block.text
    if _UI_RE.match(text):
        return True
    # a line without a single letter (gallery counters, pagination) is not prose; a table row
    # may well be bare figures, so rows are left alone.
    return block.kind != "row" and not _LETTER_RE.search(text)


_URL_LINE_RE = _rx(
    r"^\W*+(?:(?:original (?:url|article|story|source)|source url|source|via|link)\s*+:?\s*+)?"
    r"(?:https?://|www\.)\S++\W*$|^\W*+original (?:url|article|story|source)\s*+:\W*$"
)


def _url_line(block: Block, _: Context) -> bool:
    """A bare web address, or a label for one: a pointer, not something the article says."""
    return bool(_URL_LINE_RE.match(block.text))


def _title_repeat(block: Block, ctx: Context) -> bool:
    return bool(ctx.title_key) and line_key(block.text) == ctx.title_key


def _link_promo(block: Block, _: Context) -> bool:
    """A short line that is (almost) all link: a teaser for another article."""
    return block.link_ratio >= 0.8 and _words(block.text) <= 25 and block.kind != "quote"


LINE_RULES: tuple[LineRule, ...] = (
    LineRule("share", _share),
    LineRule("promo", _promo),
    LineRule("advert", _advert),
    LineRule("caption", _caption),
    LineRule("subscribe", _subscribe),
    LineRule("copyright", _copyright),
    LineRule("contact", _contact),
    LineRule("tags", _tags),
    LineRule("dateline", _dateline),
    LineRule("byline", _byline),
    LineRule("ui", _ui),
    LineRule("url", _url_line),
    LineRule("title", _title_repeat),
    LineRule("link-promo", _link_promo),
)
RULE_NAMES: tuple[str, ...] = (
    *(r.name for r in LINE_RULES), "comments", "duplicate", "teaser",
)  # fmt: skip

# The heading of a reader-comment thread ("Comments", "12 comments", "Comments (3)"), alone or
# followed by the first comment's byline: a handle and a time ("Comments 1 Thumb reader 28
# October 2020, 15:17"). What follows it on the page is readers' words, not the article's.
_COMMENTS_RE = _rx(
    r"^\W*+(?:\d++\s++)?(?:readers?'?\s++|user\s++)?comments?+(?:\s*+\(?\d++\)?)?+"
    r"(?P<rest>(?:\s++\S++){0,12}?)\W*+$"
)


def _comment_thread(text: str) -> bool:
    """Whether a block opens the reader comments: their heading, with nothing after it but a
    commenter's byline (a date or a time, and no sentence)."""
    match = _COMMENTS_RE.match(text) if len(text) <= MAX_RULE_CHARS else None
    if match is None:
        return False
    rest = match.group("rest")
    return not rest or (bool(_HAS_DATE_RE.search(rest)) and not _SENTENCE_CLOSE_RE.search(rest))


_PAYWALL_RE = _rx(
    r"\b(?:log ?in|sign in|subscribe|subscription|subscriber|register|paywall|create an account"
    r"|members only|войдите|подписк)"
)


@dataclass(frozen=True)
class Cleaned:
    """What survived, and whether what was dropped looked like a login or paywall notice."""

    paragraphs: tuple[str, ...]
    paywall: bool


def drop_boilerplate(
    blocks: Iterable[Block], title: str = "", rules: frozenset[str] | None = None
) -> Cleaned:
    """Drop boilerplate blocks, exact repeats, and teasers that the next paragraph completes,
    and everything from the heading of the reader comments on, once the article has begun.

    `rules` names the rules to apply (all of them by default), so the benchmark can measure
    each one's effect.
    """
    active = set(RULE_NAMES if rules is None else rules)
    line_rules = [r for r in LINE_RULES if r.name in active]
    ctx = Context(title_key=line_key(title))
    kept: list[str] = []
    seen: set[str] = set()
    paywall = False
    for block in blocks:
        text = block.text
        if not text:
            continue
        if "comments" in active and kept and _comment_thread(text):
            break  # the article has ended: readers' comments, then the page's footer
        if len(text) <= MAX_RULE_CHARS and any(rule.drops(block, ctx) for rule in line_rules):
            paywall = paywall or bool(_PAYWALL_RE.search(text))
            continue
        if "duplicate" in active and _is_repeat(text, kept, seen):
            continue
        seen.add(text)
        kept.append(text)
    if "teaser" in active:
        kept = _drop_teasers(kept)
    return Cleaned(tuple(kept), paywall)


# A repeat of a sentence-length paragraph is a copy (gallery captions are often in the page
# twice); a short line repeated far apart is structure, like "Pre-workout meal" heading every
# day of a meal plan, and stays unless its twin is only a few paragraphs back.
_REPEAT_MIN_WORDS = 12
_REPEAT_WINDOW = 4


def _is_repeat(text: str, kept: list[str], seen: set[str]) -> bool:
    if text not in seen:
        return False
    return _words(text) >= _REPEAT_MIN_WORDS or text in kept[-_REPEAT_WINDOW:]


def _drop_teasers(paragraphs: list[str]) -> list[str]:
    """A paragraph that the next one starts with and continues is a cut-off lede or summary."""
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if len(following) > len(text) and following.startswith(text.rstrip(" .…")):
            continue
        out.append(text)
    return out
