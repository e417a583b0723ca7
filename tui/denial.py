"""Denials: a source calling a claim a lie, or denying it, linked to where the claim is made.

A denial is a lexicon denial phrase ("an absolute lie", "disinformation") or a denial verb
(deny, refute, reject) in a sentence. The claim it denies is found by its key words: the
content words of the denial sentence that are not the denial itself, the speaker or reporting
words. The best sentence of another side's paragraph (same cluster first, then anywhere in the
event) sharing at least two key words and half of them is the claim; its span runs from the
first to the last shared key word ("Armenian armed forces shelled Ganja").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.corpus import Corpus, Finding
from tui.function_words import FUNCTION_WORDS, word_set
from tui.model import Lexicon, Member, Span
from tui.spans import find_phrases, make_span, phrase_pattern, quote, sentences
from tui.tokens import Token, tokenize

DENIAL_VERBS = (
    "deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "refuting",
    "reject", "rejects", "rejected", "rejecting",
)  # fmt: skip
NOT_KEY_WORDS = word_set(
    "said says say added stated insisted told claimed claims claim claiming alleged allegations "
    "allegation reports reported report information statement statements news absolute "
    "complete total utter lie lies ministry spokesman spokeswoman spokesperson official "
    "officials called calling described responsible"
)
ROLE_WORDS = word_set(
    "officials ministry spokesman spokeswoman spokesperson president government leader office "
    "authorities army military ombudsman minister presidency administration"
)
SPEAKER_WORDS = word_set("defence defense foreign interior state emergency emergencies press")
MIN_SHARED = 2
STEM = 5


def denial_patterns(lexicon: Lexicon) -> list[re.Pattern[str]]:
    """Patterns for every denial phrase of the lexicon and every denial verb."""
    return [phrase_pattern(p) for p in (*lexicon.denial, *DENIAL_VERBS) if p.strip()]


@dataclass(frozen=True)
class _Denial:
    member: Member
    sentence: tuple[int, int]
    phrase: Span
    speaker: str | None


def denial_findings(corpus: Corpus) -> list[Finding]:
    patterns = denial_patterns(corpus.lexicon)
    findings: list[Finding] = []
    for member in corpus.paragraphs():
        cluster = corpus.cluster_of.get(member)
        if cluster is None:
            continue
        text = corpus.text(member)
        spans = sentences(text)
        for n, (start, end) in enumerate(spans):
            hits = find_phrases(text[start:end], patterns)
            if not hits:
                continue
            a, b, _ = hits[0]
            a, b = _with_article(text, start + a, start + b)
            phrase = make_span(member.source, member.paragraph, text, a, b)
            previous = spans[n - 1] if n else None
            speaker = _speaker(text, (start, end)) or (
                _speaker(text, previous) if previous else None
            )
            denial = _Denial(member, (start, end), phrase, speaker)
            findings.append(_finding(corpus, cluster, denial))
    return findings


def _with_article(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "absolute lie" to "an absolute lie" so the summary reads as written."""
    match = re.search(r"\b(?:an?|the)\s+$", text[max(0, start - 5) : start], re.IGNORECASE)
    return (start - len(match.group()), end) if match else (start, end)


def _speaker(text: str, sentence: tuple[int, int]) -> str | None:
    """Who speaks: a phrase ending in a role word ("Karabakh's defence ministry")."""
    tokens = tokenize(text[sentence[0] : sentence[1]])
    for i, token in enumerate(tokens):
        if token.folded not in ROLE_WORDS:
            continue
        first = i
        while first > 0 and first > i - 4:
            prev = tokens[first - 1]
            if prev.folded in SPEAKER_WORDS or (
                prev.text[:1].isupper() and prev.folded not in FUNCTION_WORDS
            ):
                first -= 1
            else:
                break
        return quote(text[sentence[0] + tokens[first].start : sentence[0] + token.end], 60)
    return None


def _keys(tokens: list[Token]) -> set[str]:
    keys: set[str] = set()
    for token in tokens:
        word = token.folded.removesuffix("'s")
        if word in FUNCTION_WORDS or word in NOT_KEY_WORDS or word in DENIAL_VERBS or len(word) < 3:
            continue
        keys.add(word[:STEM])
    return keys


def _claim_keys(tokens: list[Token], phrase: tuple[int, int], verb: bool) -> set[str]:
    """Key words of the denied claim: the words the denial points at, not the whole sentence.

    A lie is called so after the claim ("claims that Armenian forces shelled Ganja were an
    absolute lie"): the claim runs back to the last "that" or reporting word. A denial verb
    comes first ("denied shelling Ganja"): the claim follows it. Each falls back to the other.
    """
    before = [t for t in tokens if t.end <= phrase[0]]
    for i in range(len(before) - 1, -1, -1):
        if before[i].folded == "that" or before[i].folded in NOT_KEY_WORDS:
            before = before[i + 1 :]
            break
    after = [t for t in tokens if t.start >= phrase[1]]
    regions = (after, before) if verb else (before, after)
    for region in regions:
        keys = _keys(region)
        if len(keys) >= MIN_SHARED:
            return keys
    return set()


def _finding(corpus: Corpus, cluster: str, denial: _Denial) -> Finding:
    text = corpus.text(denial.member)
    s_start, s_end = denial.sentence
    verb = denial.phrase.text.casefold() in DENIAL_VERBS
    phrase = (denial.phrase.start - s_start, denial.phrase.end - s_start)
    keys = _claim_keys(tokenize(text[s_start:s_end]), phrase, verb)
    claim = _claim(corpus, cluster, denial, keys)
    outlet = corpus.name(denial.member.source)
    speaker = f"{denial.speaker} ({outlet})" if denial.speaker else outlet
    said = quote(denial.phrase.text, 40)
    spans: tuple[Span, ...] = (denial.phrase,)
    if claim is not None:
        spans += (claim,)
        what = f"'{quote(claim.text, 70)}'"
        by = f" (claimed by {corpus.name(claim.source)})"
    else:
        what = f"a claim: '{quote(text[s_start:s_end], 70)}'"
        by = ""
    summary = f"{speaker} {said} {what}{by}" if verb else f"{speaker} calls {what} {said}{by}"
    return Finding("denial", cluster, summary, spans)


def _claim(corpus: Corpus, cluster: str, denial: _Denial, keys: set[str]) -> Span | None:
    if len(keys) < MIN_SHARED:
        return None
    patterns = denial_patterns(corpus.lexicon)
    denier_side = corpus.side(denial.member.source)
    best: tuple[tuple[int, int, int], Span] | None = None
    for rank, member in enumerate(corpus.paragraphs()):
        if corpus.side(member.source) == denier_side:
            continue
        text = corpus.text(member)
        same_cluster = corpus.cluster_of.get(member) == cluster
        for start, end in sentences(text):
            if find_phrases(text[start:end], patterns):
                continue
            hits = [
                t for t in tokenize(text[start:end]) if t.folded.removesuffix("'s")[:STEM] in keys
            ]
            shared = {t.folded.removesuffix("'s")[:STEM] for t in hits}
            if len(shared) < MIN_SHARED or 2 * len(shared) < len(keys):
                continue
            score = (int(same_cluster), len(shared), -rank)
            if best is None or score > best[0]:
                span = make_span(
                    member.source,
                    member.paragraph,
                    text,
                    start + hits[0].start,
                    start + hits[-1].end,
                )
                best = (score, span)
    return None if best is None else best[1]
