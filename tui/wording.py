"""Wording divergences: how two sides word the same paragraph differently.

Aligned paragraphs of different sides are compared sentence by sentence: each sentence is
paired with its most similar counterpart (greedily, best pairs first), and only pairs at least
`MIN_RATIO` alike are diffed word by word (difflib over casefolded `tokenize` output). A
sentence with no counterpart is new material, not rewording, and is left to the other
detectors; diffing whole paragraphs of different structure only produced noise.

A differing run counts only if it holds a content word that is not a number (function words
carry no claim; numbers are the figure detector's job), so sentences that differ in
punctuation, case, articles or figures alone yield nothing. Per cluster, the most similar
cross-side pair with a substantive difference is reported, once: its differing runs are the
spans, and the summary quotes the weightiest run on each side.
"""

from __future__ import annotations

import itertools
from difflib import SequenceMatcher

from tui.corpus import Corpus, Finding
from tui.function_words import FUNCTION_WORDS
from tui.model import Member, Span
from tui.numbers import word_value
from tui.spans import make_span, quote, sentences
from tui.tokens import Token, tokenize

MIN_RATIO = 0.5  # below this two sentences are paraphrases, and a word diff is only noise
MERGE_GAP = 1  # shared words between two differences that still make them one run


def wording_findings(corpus: Corpus) -> list[Finding]:
    findings = []
    for cluster in corpus.clusters:
        best: tuple[float, Member, Member, list[tuple[list[Token], list[Token]]]] | None = None
        for a, b in itertools.combinations(cluster.members, 2):
            if corpus.side(a.source) == corpus.side(b.source):
                continue
            ratio, runs = _diff(corpus.text(a), corpus.text(b))
            if runs and (best is None or ratio > best[0]):
                best = (ratio, a, b, runs)
        if best is not None:
            findings.append(_finding(corpus, cluster.id, *best[1:]))
    return findings


def _diff(left: str, right: str) -> tuple[float, list[tuple[list[Token], list[Token]]]]:
    """Similarity of the paired sentences and their substantive differing runs."""
    a, b = tokenize(left), tokenize(right)
    a_parts = [_within(a, s) for s in sentences(left)]
    b_parts = [_within(b, s) for s in sentences(right)]
    scored = sorted(
        (
            (SequenceMatcher(None, _words(x), _words(y), autojunk=False).ratio(), i, j)
            for i, x in enumerate(a_parts)
            for j, y in enumerate(b_parts)
            if x and y
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
    runs: list[tuple[list[Token], list[Token]]] = []
    for _, i, j in sorted(pairs, key=lambda p: p[1]):
        runs.extend(_runs(a_parts[i], b_parts[j]))
    similarity = sum(r for r, _, _ in pairs) / max(len(a_parts), len(b_parts), 1)
    return similarity, runs


def _within(tokens: list[Token], sentence: tuple[int, int]) -> list[Token]:
    return [t for t in tokens if sentence[0] <= t.start < sentence[1]]


def _words(tokens: list[Token]) -> list[str]:
    return [t.folded for t in tokens]


def _runs(a: list[Token], b: list[Token]) -> list[tuple[list[Token], list[Token]]]:
    """Differing runs of two sentences. Differences separated by a single shared word are one
    run: "Armenian armed forces shelled Ganja" vs "Ganja was shelled" is one rewording, not
    three edits around "shelled"."""
    matcher = SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    groups: list[list[int]] = []  # [i1, i2, j1, j2] of merged non-equal stretches
    gap_ok = False
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            gap_ok = i2 - i1 <= MERGE_GAP
            continue
        if groups and gap_ok and groups[-1][1] >= i1 - MERGE_GAP:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    return [
        (_trimmed(a[i1:i2]), _trimmed(b[j1:j2]))
        for i1, i2, j1, j2 in groups
        if _substantive(a[i1:i2] + b[j1:j2])
    ]


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
    runs: list[tuple[list[Token], list[Token]]],
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
    summary = (
        f"wording differs: {corpus.name(a.source)} '{_quote_run(corpus.text(a), left)}' vs "
        f"{corpus.name(b.source)} '{_quote_run(corpus.text(b), right)}'"
    )
    return Finding("wording", cluster, summary, tuple(spans))


def _weight(run: tuple[list[Token], list[Token]]) -> tuple[bool, int]:
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
    return quote(text[tokens[0].start : tokens[-1].end], 60) if tokens else "—"


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
