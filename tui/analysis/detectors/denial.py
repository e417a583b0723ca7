"""Denials: a source calling a claim a lie, or denying it, linked to where the claim is made.

A denial is a lexicon denial phrase ("an absolute lie", "misinformation") or a denial verb
(deny, refute, reject) in a sentence, as `tui.analysis.denials` finds them (`Corpus.denials`).

The claim it denies is found by its key words: the content words the denial points at (before
a noun like "lie", back to "that" or a reporting word; after a verb like "denied"), without the
denial words themselves. When the denial says only "that" or "it", the claim is the sentence
before it. The sentence elsewhere sharing the most key words (at least two, and half of them;
ties go to the other party's outlets, then to the same cluster) is the claim; its span runs
from the first to the last shared key word ("Armenian armed forces shelled Ganja"). A party's
denial is only linked to a claim made by another side; a neutral outlet reporting a denial may
carry the claim itself.

Several outlets reporting one denial in one cluster make one divergence: the best-linked one
gives the summary, all of them give spans. A sentence that only announces the denial quoted
after it ("The ministry denied this:") is that denial, told by the quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from tui.analysis.corpus import Corpus, Finding, Parsed
from tui.analysis.denials import DENIAL_VERBS
from tui.analysis.importance import importance, position
from tui.model import Member, Position, Span
from tui.text.spans import join_names, make_span, quote
from tui.text.tokens import Token
from tui.text.wordlists import FUNCTION_WORDS, ROLE_WORDS, SPEAKER_WORDS, word_set

NOT_KEY_WORDS = word_set(
    "said says say added stated insisted told claimed claims claim claiming alleged allegations "
    "allegation accusations accusation reports reported report information statement statements "
    "news absolute complete total utter outright blatant lie lies ministry spokesman "
    "spokeswoman spokesperson official officials called calling described describing "
    "responsible"
)
MIN_SHARED = 2
MIN_CLAIM_WORDS = 3
STEM = 5


@dataclass(frozen=True)
class _Denial:
    member: Member
    sentence: tuple[int, int]
    tokens: range  # the sentence's token indices
    previous: tuple[int, int] | None  # the sentence before, in the same paragraph
    previous_tokens: range | None
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
    tokens: range  # indices into the paragraph's tokens
    stems: tuple[str, ...]  # one per token
    stem_set: frozenset[str]
    side: str  # of its source, looked up once: the claim search compares it for every denial
    party: bool
    cluster: str | None
    rank: int  # of its source in the corpus


Match = tuple[int, _Sentence]  # how many keys a sentence shares, and the sentence


@dataclass(frozen=True)
class _Ranked:
    """The sentences that may make one claim, ranked once for all the denials that ask: the
    best of all and the best of each cluster (by what `_claim` ranks on after the cluster).
    A claim denied in a hundred outlets is not re-ranked a hundred times over every sentence
    that shares its keys."""

    top: Match | None
    by_cluster: dict[str | None, Match]


@dataclass(frozen=True)
class _Index:
    """The sentences of the event that may make a claim, and which of them hold each
    key-word stem.

    The claim search reads it once per denial; scanning every sentence each time made denial
    detection the slowest step on a big event, so candidates come from the postings instead.
    Only sentences that deny nothing and share two stems with the keys of some denial can be
    a claim, and only those stems are ever looked up, so only they are indexed: a big event
    has a few hundred key stems and a few hundred thousand words.
    """

    sentences: list[_Sentence]
    postings: dict[str, list[int]]
    matches: dict[tuple[frozenset[str], str, bool, str], _Ranked] = field(
        default_factory=dict
    )  # filled by `_matches` as the search goes


def _index(corpus: Corpus, needed: frozenset[str]) -> _Index:
    """The index of the sentences that may make a claim with keys among `needed`."""
    sentences: list[_Sentence] = []
    postings: dict[str, list[int]] = {}
    ranks = {sid: i for i, sid in enumerate(corpus.sources)}
    for member, parsed in corpus.parsed.items():
        denials = corpus.denials[member]
        side, party = corpus.side(member.source), corpus.is_party(member.source)
        cluster = corpus.cluster_of.get(member)
        paragraph_stems = tuple(map(_stem, parsed.words))
        for (start, end), tokens, denial in zip(
            parsed.sentences, parsed.sentence_tokens, denials, strict=True
        ):
            if denial is not None:
                continue
            stems = paragraph_stems[tokens.start : tokens.stop]
            stem_set = frozenset(stems)
            keys = stem_set & needed
            if len(keys) < MIN_SHARED:
                continue
            for stem in keys:
                postings.setdefault(stem, []).append(len(sentences))
            sentences.append(
                _Sentence(
                    member,
                    (start, end),
                    tokens,
                    stems,
                    stem_set,
                    side,
                    party,
                    cluster,
                    ranks[member.source],
                )
            )
    return _Index(sentences, postings)


_Found = tuple[str, _Denial, set[str], bool]  # cluster, denial, claim keys, from the one before


def denial_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    if len(corpus.sources) < 2:
        return []  # nothing to set a denial against
    denials = _denials(corpus)
    index = _index(corpus, frozenset(k for _, _, keys, _ in denials for k in keys))
    by_cluster: dict[str, list[_Linked]] = {}
    for cluster, denial, keys, from_previous in denials:
        linked = _Linked(denial, _claim(corpus, cluster, denial, keys, from_previous, index))
        by_cluster.setdefault(cluster, []).append(linked)
    # A denial no claim was found for, by a speaker whose denial in the same source was linked
    # (the headline repeating the lede), is that denial told again: it is left out, the
    # linked one shows it.
    linked = {
        (g.denial.member.source, g.denial.speaker)
        for group in by_cluster.values()
        for g in group
        if g.claim and g.denial.speaker
    }
    findings = []
    for cluster, group in by_cluster.items():
        if all(
            g.claim is None and (g.denial.member.source, g.denial.speaker) in linked for g in group
        ):
            continue
        findings.append(_finding(corpus, cluster, group))
    return findings


def _denials(corpus: Corpus) -> list[_Found]:
    """Every denial of a clustered paragraph, in reading order, with the keys of its claim."""
    found: list[_Found] = []
    for member, parsed in corpus.parsed.items():
        cluster = corpus.cluster_of.get(member)
        if cluster is None:
            continue
        for k, hit in enumerate(corpus.denials[member]):
            sentence, tokens = parsed.sentences[k], parsed.sentence_tokens[k]
            if hit is None or _announces(corpus, member, sentence):
                continue
            before = k - 1 if k else None
            before_tokens = parsed.sentence_tokens[before] if before is not None else None
            speaker = _speaker(parsed, tokens) or (
                _speaker(parsed, before_tokens) if before_tokens is not None else None
            )
            a, b = _with_article(parsed.text, *hit)
            phrase = make_span(member.source, member.paragraph, parsed.text, a, b)
            denial = _Denial(
                member,
                sentence,
                tokens,
                parsed.sentences[before] if before is not None else None,
                before_tokens,
                phrase,
                speaker,
            )
            found.append((cluster, denial, *_claim_keys(corpus, denial)))
    return found


def _announces(corpus: Corpus, member: Member, sentence: tuple[int, int]) -> bool:
    """Whether a denial sentence only announces the denial quoted after it ("The Armenian
    side denied these statements:" before the ministry's words): one denial, told once, by
    the quote."""
    start, end = sentence
    if not corpus.parsed[member].text[start:end].rstrip().endswith(":"):
        return False
    after = Member(member.source, member.paragraph + 1)
    later = corpus.denials[member][corpus.parsed[member].sentence_index(start) + 1 :]
    return any(hit is not None for hit in (*later, *corpus.denials.get(after, ())))


def _with_article(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "absolute lie" to "an absolute lie" so the summary reads as written."""
    match = re.search(r"\b(?:an?|the)\s+$", text[max(0, start - 5) : start], re.IGNORECASE)
    return (start - len(match.group()), end) if match else (start, end)


CLAIMS_OF = word_set(
    "claim claims statement statements accusation accusations allegation allegations report "
    "reports assertion assertions"
)


def _speaker(parsed: Parsed, sentence: range) -> str | None:
    """Who speaks: a phrase around a role word ("Karabakh's defence ministry",
    "the defence ministry of Nagorno-Karabakh")."""
    tokens, words = parsed.tokens, parsed.words
    for i in sentence:
        if words[i] not in ROLE_WORDS:
            continue
        first, last = i, i
        while first > sentence.start and first > i - 4:
            if words[first - 1] in SPEAKER_WORDS or _is_name(tokens[first - 1], words[first - 1]):
                first -= 1
            else:
                break
        if _claimant(words, sentence.start, first):
            continue  # "the claims of the Azerbaijani ministry … are false": it made the claim
        if (
            last + 2 < sentence.stop
            and words[last + 1] == "of"
            and _is_name(tokens[last + 2], words[last + 2])
        ):
            last += 2
            while last + 1 < sentence.stop and _is_name(tokens[last + 1], words[last + 1]):
                last += 1  # "Ministry of Foreign Affairs", not "Ministry of Foreign"
        return quote(parsed.text[tokens[first].start : tokens[last].end], 60)
    return None


def _claimant(words: Sequence[str], start: int, first: int) -> bool:
    """Whether the phrase at `first` owns the claim denied ("the claims of the ministry",
    "statements of the ministry"), rather than denying it."""
    before = [w for w in words[max(start, first - 3) : first] if w != "the"]
    return len(before) >= 2 and before[-1] == "of" and before[-2] in CLAIMS_OF


def _is_name(token: Token, word: str) -> bool:
    return token.text[:1].isupper() and word not in FUNCTION_WORDS


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word's stem, cached: every word of the event is stemmed for the index."""
    return word.removesuffix("'s")[:STEM]


def _keys(words: Sequence[str], denial_words: set[str]) -> set[str]:
    return {
        _stem(w)
        for w in words
        if w not in FUNCTION_WORDS
        and w not in NOT_KEY_WORDS
        and w not in DENIAL_VERBS
        and w not in denial_words
        and len(w) >= 3
    }


def _claim_keys(corpus: Corpus, denial: _Denial) -> tuple[set[str], bool]:
    """Key words of the denied claim, and whether they come from the sentence before."""
    parsed = corpus.parsed[denial.member]
    words = parsed.words
    denial_words = {w.casefold() for p in corpus.lexicon.denial for w in p.split()}
    verb = denial.phrase.text.casefold() in DENIAL_VERBS
    before = [i for i in denial.tokens if parsed.tokens[i].end <= denial.phrase.start]
    for k in range(len(before) - 1, -1, -1):
        if words[before[k]] == "that" or words[before[k]] in NOT_KEY_WORDS:
            before = before[k + 1 :]
            break
    after = _clause(
        parsed, [i for i in denial.tokens if parsed.tokens[i].start >= denial.phrase.end]
    )
    for region in (after, before) if verb else (before, after):
        keys = _keys([words[i] for i in region], denial_words)
        if len(keys) >= MIN_SHARED:
            return keys, False
    if denial.previous_tokens is not None:
        return _keys([words[i] for i in denial.previous_tokens], denial_words), True
    return set(), False


def _clause(parsed: Parsed, tokens: list[int]) -> list[int]:
    """The tokens up to the end of their clause ("denied that X shelled Ganja, but …")."""
    for k in range(1, len(tokens)):
        between = parsed.text[parsed.tokens[tokens[k - 1]].end : parsed.tokens[tokens[k]].start]
        if any(ch in ",;:(" for ch in between) or parsed.words[tokens[k]] in {"but", "while"}:
            return tokens[:k]
    return tokens


def _claim(
    corpus: Corpus,
    cluster: str,
    denial: _Denial,
    keys: set[str],
    from_previous: bool,
    index: _Index,
) -> Span | None:
    if len(keys) < MIN_SHARED:
        return None
    denier_side = corpus.side(denial.member.source)
    ranked = _matches(
        index,
        frozenset(keys),
        denier_side,
        corpus.is_party(denial.member.source),
        denial.member.source,
    )
    # The best by the whole score is one of these: scores are unique (a sentence's place ends
    # them), and past the first two parts only the cluster depends on the denial.
    best: tuple[tuple[int, ...], _Sentence] | None = None
    for match in (ranked.top, ranked.by_cluster.get(cluster)):
        if match is None:
            continue
        shared, sentence = match
        member = sentence.member
        score = (
            shared,
            int(sentence.party and sentence.side != denier_side),
            int(sentence.cluster == cluster),
            -sentence.rank,
            -member.paragraph,
            -sentence.range[0],
        )
        if best is None or score > best[0]:
            best = (score, sentence)
    if best is not None:
        sentence = best[1]
        return _claim_span(corpus, sentence.member, sentence.tokens, sentence.stems, keys)
    if from_previous and denial.previous_tokens is not None:
        # "X said …. Y rejected that.": no other outlet makes the claim, so the outlet's own
        # sentence before says what is denied (for the summary; it is no camp of its own).
        previous = denial.previous_tokens
        words = corpus.parsed[denial.member].words
        stems = tuple(_stem(words[i]) for i in previous)
        return _claim_span(corpus, denial.member, previous, stems, keys)
    return None


def _claim_span(
    corpus: Corpus, member: Member, tokens: range, stems: Sequence[str], keys: set[str]
) -> Span | None:
    """A claim sentence's words from the first to the last key word it shares, out to the
    quotation mark that closes (or opens) one it cuts: 'with a "Smerch"', never 'with a
    "Smerch'."""
    parsed = corpus.parsed[member]
    hits = [i for i, stem in zip(tokens, stems, strict=True) if stem in keys]
    if hits[-1] - hits[0] + 1 < MIN_CLAIM_WORDS:
        return None  # "Armenian side": two words are no claim
    start, end = parsed.tokens[hits[0]].start, parsed.tokens[hits[-1]].end
    first, last = parsed.sentences[parsed.sentence_index(start)]
    start, end = _balanced(parsed.text, start, end, first, last)
    return make_span(member.source, member.paragraph, parsed.text, start, end)


_QUOTE_PAIRS = (("“", "”"), ("«", "»"))


def _balanced(text: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
    """`start:end` widened, within `first:last`, to the marks that close or open a quotation
    it holds only half of."""
    piece = text[start:end]
    if piece.count('"') % 2:
        after = text.find('"', end, last)
        before = text.rfind('"', first, start)
        opens = piece.rfind('"') > piece.rfind(" ")  # its last word opens the quotation
        if after >= 0 and (opens or before < 0):
            end = after + 1
        elif before >= 0:
            start = before
    for opening, closing in _QUOTE_PAIRS:
        piece = text[start:end]
        if (
            piece.count(opening) > piece.count(closing)
            and (at := text.find(closing, end, last)) >= 0
        ):
            end = at + 1
        elif (
            piece.count(closing) > piece.count(opening)
            and (at := text.rfind(opening, first, start)) >= 0
        ):
            start = at
    return start, end


def _clause_quote(text: str, limit: int) -> str:
    """`quote`, but cut where a clause ends when one ends late enough: a summary that stops
    at a comma reads whole ("… from Syria and Libya…"), one cut between any two words may stop
    mid-phrase ("… whom it calls…")."""
    clean = quote(text, len(text) + 1)
    if len(clean) <= limit:
        return clean
    cut = max(clean.rfind(mark, 0, limit - 1) for mark in (", ", "; ", ": ", " — ", " – "))
    return clean[:cut] + "…" if cut >= limit // 2 else quote(clean, limit)


def _matches(
    index: _Index, keys: frozenset[str], denier_side: str, party: bool, denier: str
) -> _Ranked:
    """Sentences that may make the claim, with how many keys each shares: at least two and
    half of them, no denial (the index holds none), never the denier's own (one outlet is
    never both sides of a denial: a neutral one reporting claim and denial reports both),
    and (for a party's denial) another side's. The same claim is denied in many outlets of
    one side, so the answer is kept in `index.matches`."""
    # A party's outlets exclude their whole side, so they share one answer; a neutral
    # outlet excludes only itself.
    memo_key = (keys, denier_side, party, "" if party else denier)
    if memo_key in index.matches:
        return index.matches[memo_key]
    need = max(MIN_SHARED, (len(keys) + 1) // 2)
    # A sentence sharing `need` keys holds at least one of the len(keys) - need + 1 rarest.
    rarest = sorted(keys, key=lambda k: len(index.postings.get(k, ())))[: len(keys) - need + 1]
    found = []
    for n in sorted({n for key in rarest for n in index.postings.get(key, ())}):
        sentence = index.sentences[n]
        if (party and sentence.side == denier_side) or sentence.member.source == denier:
            continue
        shared = len(keys & sentence.stem_set)
        if shared >= need:
            found.append((shared, sentence))

    # Each match ranked once, by what `_claim` ranks on after the cluster.
    best: dict[str | None, tuple[tuple[int, ...], Match]] = {}
    for match in found:
        shared, sentence = match
        score = (
            shared,
            int(sentence.party and sentence.side != denier_side),
            -sentence.rank,
            -sentence.member.paragraph,
            -sentence.range[0],
        )
        held = best.get(sentence.cluster)
        if held is None or score > held[0]:
            best[sentence.cluster] = (score, match)
    top = max(best.values(), key=itemgetter(0), default=None)
    ranked = _Ranked(
        top[1] if top is not None else None,
        {cluster: match for cluster, (_, match) in best.items()},
    )
    index.matches[memo_key] = ranked
    return ranked


ATTRIBUTING = word_set("said says stated told claimed claims alleged reported according")


def _claim_position(corpus: Corpus, claim: Span) -> Position:
    """The claim's camp: the outlet asserts it in its own voice; when it only reports what
    someone said ("the foreign ministry said"), the one it quotes asserts it, and an outlet
    that names no one only reports it (attribution is not assertion)."""
    member = Member(claim.source, claim.paragraph)
    parsed = corpus.parsed[member]
    k = parsed.sentence_index(claim.start)
    tokens = parsed.sentence_tokens[k]
    if not any(parsed.words[i] in ATTRIBUTING for i in tokens):
        return position(corpus, (claim.source,), "asserts")
    speaker = _speaker(parsed, tokens)
    return position(corpus, (claim.source,), "asserts" if speaker else "reports it", speaker or "")


def _finding(corpus: Corpus, cluster: str, group: list[_Linked]) -> Finding:
    def rank(linked: _Linked) -> tuple[int, int]:
        return (linked.claim is not None, corpus.is_party(linked.denial.member.source))

    best = max(group, key=rank)  # max keeps the first of equals: reading order
    denial = best.denial
    outlet = corpus.name(denial.member.source)
    said = quote(denial.phrase.text, 40)
    verb = denial.phrase.text.casefold() in DENIAL_VERBS
    if best.claim is not None:
        what = f"'{_clause_quote(best.claim.text, 100)}'"
        claimant = corpus.name(best.claim.source)
        by = f" (claimed by {claimant})" if best.claim.source != denial.member.source else ""
    else:
        what, by = "", ""
    s_start, s_end = denial.sentence
    sentence = quote(corpus.text(denial.member)[s_start:s_end], 110)
    if not what:  # no claim found elsewhere: quote the denial itself, never call it the claim
        by_whom = f" by {denial.speaker}" if denial.speaker else ""
        summary = f"{outlet} reports a denial{by_whom}: '{sentence}'"
    elif denial.speaker:
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
    claim = _clause_quote(best.claim.text, 100) if best.claim is not None else ""
    # One outlet is never both camps: one that carries the claim another denial denies is
    # in the claim's camp only, though its report of the denial stays marked.
    claimant = best.claim.source if best.claim is not None else None
    if claimant == denial.member.source:
        claimant = None  # the outlet's own sentence before: what is denied, no camp
    positions = [
        position(
            corpus,
            (g.denial.member.source for g in group if g.denial.member.source != claimant),
            f"denies ('{said}')",  # the claim is the topic: said once, not in every position
            denial.speaker or "",
        )
    ]
    if best.claim is not None and claimant is not None:
        positions.append(_claim_position(corpus, best.claim))
    topic = claim or _clause_quote(corpus.text(denial.member)[slice(*denial.sentence)], 80)
    weight = 0.0 if len(positions) > 1 else -0.2  # a denial no other outlet's claim meets
    return Finding(
        "denial",
        cluster,
        summary,
        tuple(spans),
        topic,
        tuple(positions),
        importance(corpus, "denial", positions, spans, weight=weight),
    )
