"""Wording divergences: how two sides word the same paragraph differently.

Aligned paragraphs of different sides are compared sentence by sentence: each sentence is
paired with its most similar counterpart (greedily, best pairs first), and only pairs at least
`MIN_RATIO` alike are diffed word by word (rapidfuzz's Indel opcodes, a longest common
subsequence over casefolded tokens). A sentence with no counterpart is new material, not
rewording, and is left to the other detectors; diffing whole paragraphs of different structure
only produced noise.

A differing run counts only if it holds a content word that is not a number (function words
carry no claim; numbers are the figure detector's job), so sentences that differ in
punctuation, case, articles or figures alone yield nothing. Per cluster, the most similar
cross-side pair with a substantive difference is reported, once: its differing runs are the
spans, and the summary quotes the weightiest run on each side.

Big clusters (thirty outlets telling one fact) would make every cross-side pair a diff, which
is quadratic; instead each paragraph is diffed against one representative of each other side:
that side's paragraph most like it by a whole-paragraph word similarity (a fast C routine). The
pair worded most alike overall is always among these, the pair the report shows nearly always,
and the work grows linearly with the cluster instead of quadratically.

Headlines are not compared: a headline says in eight words what a lede says in forty, so every
word of one differs from the other; what a headline changes (a toll, a name, the blame) the
other detectors read in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel
from rapidfuzz.process import extract, extractOne

from tui.analysis.corpus import Corpus, Finding
from tui.analysis.importance import importance, position
from tui.model import HEADLINE, Member, Span
from tui.text.numbers import word_value
from tui.text.spans import make_span, quote
from tui.text.tokens import Token
from tui.text.wordlists import FUNCTION_WORDS, word_set

NAME_MARK = "@"  # a name group among words: no word starts with it
# What changes meaning between two wordings of one sentence; anything else is a synonym or a
# translator's choice. An agent is an actor word of a side (`Corpus.actors`).
HEDGES = word_set(
    "allegedly reportedly purportedly apparently claimed claims alleged said says according "
    "possibly likely may might unconfirmed unverified suspected so-called"
)
QUANTITIES = word_set(
    "many several dozens dozen hundreds thousands few some all most numerous scores no none"
)
QUALIFIERS = word_set(
    "civilian civilians military soldiers troops residential peaceful innocent armed ethnic "
    "deliberate deliberately indiscriminate targeted accidental accidentally mistake cluster "
    "banned illegal"
)
REPORTING = word_set("said says told wrote stated added claimed insisted called described")
MIN_RATIO = 0.5  # below this two sentences are paraphrases, and a word diff is only noise
MAX_RUN = 6  # words on one side of a differing run
DATELINE_REACH = 24  # characters from a paragraph's start where a dateline's place stands
MERGE_GAP = 1  # shared words between two differences that still make them one run

Run = tuple[list[Token], list[Token]]
CODE_BASE = 0xE000  # the first character of the word codes: past the surrogates


@dataclass(frozen=True)
class _Sentence:
    """One sentence as the diff reads it: its tokens, its words as a code (one character per
    word, `_Codes`), and whom it quotes (`_sentence`)."""

    tokens: Sequence[Token]
    code: str
    speakers: frozenset[str]
    content: Sequence[bool]  # per token, whether it may make a difference (`_content`)
    function: Sequence[bool]  # per token, whether it is a function word


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph as the diff reads it, built once: a member is diffed against a
    representative of every other side, and thirty outlets make it a representative of
    thirty more."""

    code: str  # every word, as in `_Sentence.code`
    sentences: tuple[_Sentence, ...]


class _Codes:
    """A character for each distinct word of the event, so that rapidfuzz compares word
    sequences as strings. Equal words get equal characters and different words different
    ones, so every similarity and opcode is the one of the word tuples; but a string is
    compared in C without hashing each word again, and a batch of them in one call."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def encode(self, words: Sequence[str]) -> str:
        codes = self.codes
        for word in words:
            if word not in codes:
                codes[word] = chr(CODE_BASE + len(codes))
        return "".join(map(codes.__getitem__, words))


def wording_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    names = {
        part for use in corpus.lexicon.names for n in use.names for part in n.casefold().split()
    }
    meaningful = (HEDGES | QUANTITIES | QUALIFIERS | corpus.actors.words) - names
    codes = _Codes()
    paragraphs: dict[Member, _Paragraph] = {}
    findings = []
    for cluster in corpus.clusters:
        best: tuple[float, Member, Member, list[Run]] | None = None
        # A headline is no rewording of a paragraph: its few words differ from any lede's.
        members = [m for m in cluster.members if m.paragraph != HEADLINE]
        if len({corpus.side(m.source) for m in members}) < 2:
            continue  # one side's paragraphs only: no wording to set against another's
        for member in members:
            if member not in paragraphs:
                paragraphs[member] = _paragraph(corpus, member, codes)
        for a, b in _pairs(corpus, members, paragraphs):
            ratio, runs = _diff(paragraphs[a], paragraphs[b])
            runs = [r for r in runs if _changes_meaning(r, meaningful)]
            if runs and (best is None or ratio > best[0]):
                best = (ratio, a, b, runs)
        if best is not None:
            findings.append(_finding(corpus, cluster.id, *best[1:]))
    return findings


def _paragraph(corpus: Corpus, member: Member, codes: _Codes) -> _Paragraph:
    """The paragraph's casefolded words, every word of a lexicon name as its group:
    "Khankendi" and "Stepanakert" are one word here, because which name an outlet uses is a
    naming divergence, already reported as such, not a rewording."""
    parsed = corpus.parsed[member]
    words = list(parsed.words)
    for use in corpus.name_uses.get(member, ()):
        for i in use.range:
            words[i] = NAME_MARK + use.group
    code = codes.encode(words)
    content = tuple(map(_content, parsed.words))
    function = tuple(map(FUNCTION_WORDS.__contains__, parsed.words))
    sentences = tuple(
        _sentence(
            parsed.tokens[r.start : r.stop],
            words[r.start : r.stop],
            code[r.start : r.stop],
            content[r.start : r.stop],
            function[r.start : r.stop],
        )
        for r in parsed.sentence_tokens
    )
    return _Paragraph(code, sentences)


def _sentence(
    tokens: Sequence[Token],
    words: Sequence[str],
    code: str,
    content: Sequence[bool],
    function: Sequence[bool],
) -> _Sentence:
    """A sentence with its speakers: the capitalised words inside it (not its first), if it
    attributes what it says. Two sentences sharing a speaker report one person's words, and
    are not diffed: outlets translating one statement differ in words, not in meaning."""
    speakers: frozenset[str] = frozenset()
    if not REPORTING.isdisjoint(words):
        speakers = frozenset(
            w for t, w in zip(tokens[1:], words[1:], strict=True) if t.text[:1].isupper()
        )
    return _Sentence(tokens, code, speakers, content, function)


def _pairs(
    corpus: Corpus, members: Sequence[Member], paragraphs: dict[Member, _Paragraph]
) -> list[tuple[Member, Member]]:
    """Each member with its closest member of every other side, in cluster order, once
    (`members` are of two sides at least)."""
    by_side: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        by_side.setdefault(corpus.side(member.source), []).append(i)
    codes = [paragraphs[m].code for m in members]
    side_codes = {side: [codes[j] for j in others] for side, others in by_side.items()}
    pairs: set[tuple[int, int]] = set()
    for i, member in enumerate(members):
        own = corpus.side(member.source)
        for side, others in by_side.items():
            if side != own:
                # The first of the most similar, as `max` would pick it.
                _, _, k = extractOne(codes[i], side_codes[side], scorer=Indel.normalized_similarity)
                j = others[k]
                pairs.add((min(i, j), max(i, j)))
    return [(members[i], members[j]) for i, j in sorted(pairs)]


def _diff(left: _Paragraph, right: _Paragraph) -> tuple[float, list[Run]]:
    """Similarity of the paired sentences and their substantive differing runs."""
    a_parts, b_parts = left.sentences, right.sentences
    b_codes = [y.code for y in b_parts]
    scored = sorted(
        (
            (ratio, i, j)
            for i, x in enumerate(a_parts)
            if x.code
            for _, ratio, j in extract(
                x.code,
                b_codes,
                scorer=Indel.normalized_similarity,
                score_cutoff=MIN_RATIO,
                limit=None,
            )
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[float, int, int]] = []
    for ratio, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((ratio, i, j))
    runs: list[Run] = []
    for _, i, j in sorted(pairs, key=lambda p: p[1]):
        if not a_parts[i].speakers & b_parts[j].speakers:  # one person's words: `_sentence`
            runs.extend(_runs(a_parts[i], b_parts[j]))
    similarity = sum(r for r, _, _ in pairs) / max(len(a_parts), len(b_parts), 1)
    return similarity, runs


def _runs(a: _Sentence, b: _Sentence) -> list[Run]:
    """Differing runs of two sentences. Differences separated by a single shared word are one
    run: "Armenian armed forces shelled Ganja" vs "Ganja was shelled" is one rewording, not
    three edits around "shelled"."""
    groups: list[list[int]] = []  # [i1, i2, j1, j2] of merged non-equal stretches
    joins = False  # whether the next difference joins the last group
    for tag, i1, i2, j1, j2 in Indel.opcodes(a.code, b.code):
        if tag == "equal":
            joins = bool(groups) and i2 - i1 <= MERGE_GAP
        elif joins:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
            joins = True  # a delete right after an insert is one replacement
    runs: list[Run] = []
    for i1, i2, j1, j2 in groups:
        if any(a.content[i1:i2]) or any(b.content[j1:j2]):
            runs.append((_trimmed(a, i1, i2), _trimmed(b, j1, j2)))
    return runs


def _changes_meaning(run: Run, meaningful: frozenset[str]) -> bool:
    """Whether a differing run changes an agent, a hedge, a quantity or a qualifier: one
    side has such a word the other lacks ("Armenian forces fired" / "Baku claimed"). A run
    longer than `MAX_RUN` words on a side is another statement, not another wording."""
    if max(len(run[0]), len(run[1])) > MAX_RUN:
        return False

    def found(tokens: list[Token]) -> set[str]:
        return {
            w
            for t in tokens
            if (w := t.folded.removesuffix("'s")) in meaningful and not _dateline(t)
        }

    return found(run[0]) != found(run[1])


def _dateline(token: Token) -> bool:
    """A capitalised place opening the paragraph ("YEREVAN, October 8"): where the story was
    filed, not who acted, so "YEREVAN" against "BAKU" is page furniture, never a rewording."""
    return token.start < DATELINE_REACH and len(token.text) > 1 and token.text.isupper()


@lru_cache(maxsize=65536)
def _content(word: str) -> bool:
    """Whether a (casefolded) word may make a difference: not a function word, not a number
    (the figure detector's). Cached by the word: a big event diffs the same few thousand."""
    return (
        word not in FUNCTION_WORDS
        and not any(ch.isdigit() for ch in word)
        and word_value(word) is None
    )


def _finding(
    corpus: Corpus,
    cluster: str,
    a: Member,
    b: Member,
    runs: list[Run],
) -> Finding:
    spans: list[Span] = []
    for member, side in ((a, 0), (b, 1)):
        text = corpus.text(member)
        for run in runs:
            tokens = run[side]
            if tokens:
                spans.append(
                    make_span(
                        member.source, member.paragraph, text, tokens[0].start, tokens[-1].end
                    )
                )
    spans = _merge(spans, corpus)
    left, right = max(runs, key=_weight)
    a_name, b_name = corpus.name(a.source), corpus.name(b.source)
    if left and right:
        summary = (
            f"wording differs: {a_name} '{_quote_run(corpus.text(a), left)}' vs "
            f"{b_name} '{_quote_run(corpus.text(b), right)}'"
        )
    else:  # the weightiest difference is words only one of them has
        (has, text, run), lacks = (
            ((a_name, corpus.text(a), left), b_name)
            if left
            else ((b_name, corpus.text(b), right), a_name)
        )
        summary = f"wording differs: {has} adds '{_quote_run(text, run)}' (not in {lacks})"
    positions = tuple(
        position(
            corpus, (member.source,), _quote_run(corpus.text(member), tokens) if tokens else ""
        )
        for member, tokens in ((a, left), (b, right))
    )
    return Finding(
        "wording",
        cluster,
        summary,
        tuple(spans),
        "wording",
        positions,
        importance(corpus, "wording", positions, spans),
    )


def _weight(run: Run) -> tuple[bool, int]:
    """Replacements first ('shelled' vs 'was shelled' says more than an insertion), then size."""
    left, right = run
    content = sum(t.folded not in FUNCTION_WORDS for t in left + right)
    return bool(left and right), content


def _trimmed(sentence: _Sentence, start: int, end: int) -> list[Token]:
    """The sentence's tokens from `start` to `end` without the function words at their
    edges, which only blur where it differs."""
    function = sentence.function
    while start < end and function[start]:
        start += 1
    while end > start and function[end - 1]:
        end -= 1
    return list(sentence.tokens[start:end])


def _quote_run(text: str, tokens: list[Token]) -> str:
    return quote(text[tokens[0].start : tokens[-1].end], 60)


def _merge(spans: list[Span], corpus: Corpus) -> list[Span]:
    """Join spans of one paragraph separated only by spaces or punctuation."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.source, s.paragraph, s.start)):
        last = merged[-1] if merged else None
        if last and (last.source, last.paragraph) == (span.source, span.paragraph):
            text = corpus.text(Member(span.source, span.paragraph))
            if not any(ch.isalnum() for ch in text[last.end : span.start]):
                merged[-1] = make_span(span.source, span.paragraph, text, last.start, span.end)
                continue
        merged.append(span)
    return merged
