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

from rapidfuzz.distance import Indel

from tui.analysis.corpus import Corpus, Finding, Parsed
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


def wording_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    words = {member: _words(corpus, member) for member in corpus.parsed}
    names = {
        part for use in corpus.lexicon.names for n in use.names for part in n.casefold().split()
    }
    meaningful = (HEDGES | QUANTITIES | QUALIFIERS | corpus.actors.words) - names
    findings = []
    for cluster in corpus.clusters:
        best: tuple[float, Member, Member, list[Run]] | None = None
        # A headline is no rewording of a paragraph: its few words differ from any lede's.
        members = [m for m in cluster.members if m.paragraph != HEADLINE]
        for a, b in _pairs(corpus, members, words):
            ratio, runs = _diff(corpus.parsed[a], words[a], corpus.parsed[b], words[b])
            runs = [r for r in runs if _changes_meaning(r, meaningful)]
            if runs and (best is None or ratio > best[0]):
                best = (ratio, a, b, runs)
        if best is not None:
            findings.append(_finding(corpus, cluster.id, *best[1:]))
    return findings


def _words(corpus: Corpus, member: Member) -> tuple[str, ...]:
    """The paragraph's casefolded words, every word of a lexicon name as its group:
    "Khankendi" and "Stepanakert" are one word here, because which name an outlet uses is a
    naming divergence, already reported as such, not a rewording."""
    words = list(corpus.parsed[member].words)
    for use in corpus.name_uses.get(member, ()):
        for i in use.range:
            words[i] = NAME_MARK + use.group
    return tuple(words)


def _pairs(
    corpus: Corpus, members: Sequence[Member], paragraph_words: dict[Member, tuple[str, ...]]
) -> list[tuple[Member, Member]]:
    """Each member with its closest member of every other side, in cluster order, once."""
    by_side: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        by_side.setdefault(corpus.side(member.source), []).append(i)
    if len(by_side) < 2:
        return []
    words = [paragraph_words[m] for m in members]
    # Similarity is symmetric: each pair is scored once, though both members look for theirs.
    scores: dict[tuple[int, int], float] = {}

    def similarity(i: int, j: int) -> float:
        pair = (i, j) if i < j else (j, i)
        score = scores.get(pair)
        if score is None:
            score = scores[pair] = Indel.normalized_similarity(words[i], words[j])
        return score

    pairs: set[tuple[int, int]] = set()
    for i, member in enumerate(members):
        own = corpus.side(member.source)
        for side, others in by_side.items():
            if side != own:
                j = max(others, key=lambda j: similarity(i, j))
                pairs.add((min(i, j), max(i, j)))
    return [(members[i], members[j]) for i, j in sorted(pairs)]


def _diff(
    left: Parsed, left_words: Sequence[str], right: Parsed, right_words: Sequence[str]
) -> tuple[float, list[Run]]:
    """Similarity of the paired sentences and their substantive differing runs."""
    a_parts = [_part(left, left_words, r) for r in left.sentence_tokens]
    b_parts = [_part(right, right_words, r) for r in right.sentence_tokens]
    scored = sorted(
        (
            (Indel.normalized_similarity(x[1], y[1], score_cutoff=MIN_RATIO), i, j)
            for i, x in enumerate(a_parts)
            for j, y in enumerate(b_parts)
            if x[0] and y[0]
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[float, int, int]] = []
    for ratio, i, j in scored:
        if ratio < MIN_RATIO:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((ratio, i, j))
    runs: list[Run] = []
    for _, i, j in sorted(pairs, key=lambda p: p[1]):
        if not _one_quote(a_parts[i], b_parts[j]):
            runs.extend(_runs(a_parts[i], b_parts[j]))
    similarity = sum(r for r, _, _ in pairs) / max(len(a_parts), len(b_parts), 1)
    return similarity, runs


def _one_quote(
    a: tuple[Sequence[Token], Sequence[str]], b: tuple[Sequence[Token], Sequence[str]]
) -> bool:
    """Whether two sentences report one person's words: both attribute what they say and
    name the same speaker (a capitalised word inside the sentence, not its first). Two
    outlets translating one statement differ in words, not in meaning."""

    def speakers(part: tuple[Sequence[Token], Sequence[str]]) -> set[str]:
        tokens, words = part
        if not any(w in REPORTING for w in words):
            return set()
        return {w for t, w in zip(tokens[1:], words[1:], strict=True) if t.text[:1].isupper()}

    return bool(speakers(a) & speakers(b))


def _part(
    parsed: Parsed, words: Sequence[str], tokens: range
) -> tuple[Sequence[Token], Sequence[str]]:
    """One sentence's tokens and their words."""
    return parsed.tokens[tokens.start : tokens.stop], words[tokens.start : tokens.stop]


def _runs(
    a: tuple[Sequence[Token], Sequence[str]], b: tuple[Sequence[Token], Sequence[str]]
) -> list[Run]:
    """Differing runs of two sentences. Differences separated by a single shared word are one
    run: "Armenian armed forces shelled Ganja" vs "Ganja was shelled" is one rewording, not
    three edits around "shelled"."""
    (a_tokens, a_words), (b_tokens, b_words) = a, b
    groups: list[list[int]] = []  # [i1, i2, j1, j2] of merged non-equal stretches
    joins = False  # whether the next difference joins the last group
    for tag, i1, i2, j1, j2 in Indel.opcodes(a_words, b_words):
        if tag == "equal":
            joins = bool(groups) and i2 - i1 <= MERGE_GAP
        elif joins:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
            joins = True  # a delete right after an insert is one replacement
    runs: list[Run] = []
    for i1, i2, j1, j2 in groups:
        left, right = list(a_tokens[i1:i2]), list(b_tokens[j1:j2])
        if _substantive(left + right):
            runs.append((_trimmed(left), _trimmed(right)))
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


def _substantive(tokens: list[Token]) -> bool:
    return any(
        t.folded not in FUNCTION_WORDS
        and not any(ch.isdigit() for ch in t.text)
        and word_value(t.text) is None
        for t in tokens
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


def _trimmed(tokens: list[Token]) -> list[Token]:
    """A run without the function words at its edges, which only blur where it differs."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].folded in FUNCTION_WORDS:
        start += 1
    while end > start and tokens[end - 1].folded in FUNCTION_WORDS:
        end -= 1
    return tokens[start:end]


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
