"""Denials: a source calling a claim a lie, or denying it, linked to where the claim is made.

A denial is a lexicon denial phrase ("an absolute lie", "misinformation") or a denial verb
(deny, refute, reject) in a sentence. "lie"/"lies" count only where they read as the noun ("a
lie", "were lies", "lies."), not the verb ("Ganja lies far from the front").

The claim it denies is found by its key words: the content words the denial points at (before
a noun like "lie", back to "that" or a reporting word; after a verb like "denied"), without the
denial words themselves. When the denial says only "that" or "it", the claim is the sentence
before it. The sentence elsewhere sharing the most key words (at least two, and half of them;
ties go to the other party's outlets, then to the same cluster) is the claim; its span runs
from the first to the last shared key word ("Armenian armed forces shelled Ganja"). A party's
denial is only linked to a claim made by another side; a neutral outlet reporting a denial may
carry the claim itself.

Several outlets reporting one denial in one cluster make one divergence: the best-linked one
gives the summary, all of them give spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.corpus import Corpus, Finding
from tui.function_words import FUNCTION_WORDS, word_set
from tui.model import Lexicon, Member, Span
from tui.spans import find_phrases, join_names, make_span, phrase_pattern, quote, sentences
from tui.tokens import Token, tokenize

DENIAL_VERBS = (
    "deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "refuting",
    "reject", "rejects", "rejected", "rejecting",
)  # fmt: skip
AMBIGUOUS = frozenset({"lie", "lies"})  # also verbs: "the town lies 10 km away"
NOUN_CUES = word_set("a an the absolute outright blatant complete total utter is are was were")
NOT_KEY_WORDS = word_set(
    "said says say added stated insisted told claimed claims claim claiming alleged allegations "
    "allegation accusations accusation reports reported report information statement statements "
    "news absolute complete total utter outright blatant lie lies ministry spokesman "
    "spokeswoman spokesperson official officials called calling described describing "
    "responsible"
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


def denial_hits(sentence: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """(start, end) of every denial in a sentence, ambiguous verbs left out."""
    hits = []
    for start, end, _ in find_phrases(sentence, patterns):
        word = sentence[start:end].casefold()
        if word in AMBIGUOUS and not _reads_as_noun(sentence, start, end):
            continue
        hits.append((start, end))
    return hits


def _reads_as_noun(sentence: str, start: int, end: int) -> bool:
    before = tokenize(sentence[:start])
    if before and before[-1].folded in NOUN_CUES:
        return True
    return bool(re.match(r"\s*(?:[.,;:!?)”\"'’]|$)", sentence[end:]))


@dataclass(frozen=True)
class _Denial:
    member: Member
    sentence: tuple[int, int]
    previous: tuple[int, int] | None  # the sentence before, in the same paragraph
    phrase: Span
    speaker: str | None


@dataclass(frozen=True)
class _Linked:
    denial: _Denial
    claim: Span | None


@dataclass(frozen=True)
class _Sentence:
    member: Member
    range: tuple[int, int]
    tokens: list[Token]  # offsets relative to the sentence
    stems: list[str]  # one per token
    denial: tuple[int, int] | None  # first denial phrase, relative to the sentence


def _index(corpus: Corpus, patterns: list[re.Pattern[str]]) -> list[_Sentence]:
    """Every sentence of the event, tokenised once: the claim search reads each many times."""
    index = []
    for member in corpus.paragraphs():
        text = corpus.text(member)
        for start, end in sentences(text):
            tokens = tokenize(text[start:end])
            hits = denial_hits(text[start:end], patterns)
            index.append(
                _Sentence(
                    member, (start, end), tokens, [_stem(t) for t in tokens], next(iter(hits), None)
                )
            )
    return index


def denial_findings(corpus: Corpus) -> list[Finding]:
    index = _index(corpus, denial_patterns(corpus.lexicon))
    by_cluster: dict[str, list[_Linked]] = {}
    for n, sentence in enumerate(index):
        member = sentence.member
        cluster = corpus.cluster_of.get(member)
        if sentence.denial is None or cluster is None:
            continue
        text = corpus.text(member)
        start, end = sentence.range
        a, b = _with_article(text, start + sentence.denial[0], start + sentence.denial[1])
        previous = index[n - 1].range if n and index[n - 1].member == member else None
        speaker = _speaker(text, (start, end)) or (_speaker(text, previous) if previous else None)
        phrase = make_span(member.source, member.paragraph, text, a, b)
        denial = _Denial(member, (start, end), previous, phrase, speaker)
        linked = _Linked(denial, _claim(corpus, cluster, denial, index))
        by_cluster.setdefault(cluster, []).append(linked)
    return [_finding(corpus, cluster, group) for cluster, group in by_cluster.items()]


def _with_article(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "absolute lie" to "an absolute lie" so the summary reads as written."""
    match = re.search(r"\b(?:an?|the)\s+$", text[max(0, start - 5) : start], re.IGNORECASE)
    return (start - len(match.group()), end) if match else (start, end)


def _speaker(text: str, sentence: tuple[int, int]) -> str | None:
    """Who speaks: a phrase around a role word ("Karabakh's defence ministry",
    "the defence ministry of Nagorno-Karabakh")."""
    tokens = tokenize(text[sentence[0] : sentence[1]])
    for i, token in enumerate(tokens):
        if token.folded not in ROLE_WORDS:
            continue
        first, last = i, i
        while first > 0 and first > i - 4:
            prev = tokens[first - 1]
            if prev.folded in SPEAKER_WORDS or _is_name(prev):
                first -= 1
            else:
                break
        if (
            last + 2 < len(tokens)
            and tokens[last + 1].folded == "of"
            and _is_name(tokens[last + 2])
        ):
            last += 2
        return quote(text[sentence[0] + tokens[first].start : sentence[0] + tokens[last].end], 60)
    return None


def _is_name(token: Token) -> bool:
    return token.text[:1].isupper() and token.folded not in FUNCTION_WORDS


def _stem(token: Token) -> str:
    return token.folded.removesuffix("'s")[:STEM]


def _keys(tokens: list[Token], denial_words: set[str]) -> set[str]:
    return {
        _stem(t)
        for t in tokens
        if t.folded not in FUNCTION_WORDS
        and t.folded not in NOT_KEY_WORDS
        and t.folded not in DENIAL_VERBS
        and t.folded not in denial_words
        and len(t.folded) >= 3
    }


def _claim_keys(corpus: Corpus, denial: _Denial) -> tuple[set[str], bool]:
    """Key words of the denied claim, and whether they come from the sentence before."""
    text = corpus.text(denial.member)
    s_start, s_end = denial.sentence
    tokens = tokenize(text[s_start:s_end])
    denial_words = {w.casefold() for p in corpus.lexicon.denial for w in p.split()}
    verb = denial.phrase.text.casefold() in DENIAL_VERBS
    before = [t for t in tokens if s_start + t.end <= denial.phrase.start]
    for i in range(len(before) - 1, -1, -1):
        if before[i].folded == "that" or before[i].folded in NOT_KEY_WORDS:
            before = before[i + 1 :]
            break
    after = _clause([t for t in tokens if s_start + t.start >= denial.phrase.end], text, s_start)
    for region in (after, before) if verb else (before, after):
        keys = _keys(region, denial_words)
        if len(keys) >= MIN_SHARED:
            return keys, False
    if denial.previous is not None:
        p_start, p_end = denial.previous
        return _keys(tokenize(text[p_start:p_end]), denial_words), True
    return set(), False


def _clause(tokens: list[Token], text: str, offset: int) -> list[Token]:
    """The tokens up to the end of their clause ("denied that X shelled Ganja, but …")."""
    for i in range(1, len(tokens)):
        between = text[offset + tokens[i - 1].end : offset + tokens[i].start]
        if any(ch in ",;:(" for ch in between) or tokens[i].folded in {"but", "while"}:
            return tokens[:i]
    return tokens


def _claim(corpus: Corpus, cluster: str, denial: _Denial, index: list[_Sentence]) -> Span | None:
    keys, from_previous = _claim_keys(corpus, denial)
    if len(keys) < MIN_SHARED:
        return None
    denier = denial.member.source
    party = corpus.is_party(denier)
    ranks = {sid: i for i, sid in enumerate(corpus.sources)}
    best: tuple[tuple[int, ...], Span] | None = None
    for sentence in index:
        member = sentence.member
        if sentence.denial is not None or (
            party and corpus.side(member.source) == corpus.side(denier)
        ):
            continue
        shared = keys.intersection(sentence.stems)
        if len(shared) < MIN_SHARED or 2 * len(shared) < len(keys):
            continue
        right_before = member == denial.member and sentence.range == denial.previous
        other_party = corpus.is_party(member.source) and (
            corpus.side(member.source) != corpus.side(denier)
        )
        score = (
            int(from_previous and right_before),
            len(shared),
            int(other_party),
            int(corpus.cluster_of.get(member) == cluster),
            -ranks[member.source],
            -member.paragraph,
            -sentence.range[0],
        )
        if best is None or score > best[0]:
            hits = [
                t for t, stem in zip(sentence.tokens, sentence.stems, strict=True) if stem in keys
            ]
            start = sentence.range[0]
            text = corpus.text(member)
            span = make_span(
                member.source, member.paragraph, text, start + hits[0].start, start + hits[-1].end
            )
            best = (score, span)
    return None if best is None else best[1]


def _finding(corpus: Corpus, cluster: str, group: list[_Linked]) -> Finding:
    def rank(linked: _Linked) -> tuple[int, int]:
        return (linked.claim is not None, corpus.is_party(linked.denial.member.source))

    best = max(group, key=rank)  # max keeps the first of equals: reading order
    denial = best.denial
    outlet = corpus.name(denial.member.source)
    said = quote(denial.phrase.text, 40)
    verb = denial.phrase.text.casefold() in DENIAL_VERBS
    if best.claim is not None:
        what = f"'{quote(best.claim.text, 100)}'"
        claimant = corpus.name(best.claim.source)
        by = f" (claimed by {claimant})" if best.claim.source != denial.member.source else ""
    else:
        s_start, s_end = denial.sentence
        what = f"a claim: '{quote(corpus.text(denial.member)[s_start:s_end], 70)}'"
        by = ""
    if denial.speaker:
        who = f"{denial.speaker} ({outlet})"
        summary = f"{who} {said} {what}{by}" if verb else f"{who} calls {what} {said}{by}"
    else:
        summary = f"{outlet} reports a denial ('{said}') of {what}{by}"
    others = [corpus.name(g.denial.member.source) for g in group if g is not best]
    others = [name for name in others if name != outlet]
    if others:
        summary += f"; also reported by {join_names(others)}"
    spans: list[Span] = []
    for linked in sorted(group, key=lambda g: g is not best):
        for span in (linked.denial.phrase, linked.claim):
            if span is not None and span not in spans:
                spans.append(span)
    return Finding("denial", cluster, summary, tuple(spans))
