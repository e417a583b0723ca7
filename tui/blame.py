"""Blame divergences: who is said to have attacked, and whether that is fact or someone's claim.

An attack statement is an attack word (shelled, struck, fired, violated, …) with an actor: the
agent after "by" ("shelling by Armenian forces"), the accused in "accused Azerbaijan of
shelling", or a side word shortly before the verb when the verb is active ("Armenian forces
shelled"; in "Ganja was shelled" the subject is the target, not the actor). Actor words come
from `tui.actors`. A statement is attributed when its sentence carries a reporting cue ("said",
"according to", "claimed", "accused"); otherwise the outlet states it as fact. Sentences that
deny a claim are left to the denial detector.

Within a cluster, two divergences are reported: sources that name disjoint actors for the
attack (opposite blame), and, per actor, sources stating as fact what others attribute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.actors import actor_side
from tui.corpus import Corpus, Finding, Parsed
from tui.denial import denial_pattern, sentence_denials
from tui.function_words import FUNCTION_WORDS, ROLE_WORDS, SPEAKER_WORDS, word_set
from tui.model import Member, Span
from tui.spans import join_names, make_span, quote
from tui.tokens import Token

ATTACK_WORDS = word_set(
    "shell shells shelled shelling shellings strike strikes struck striking attack attacks "
    "attacked attacking bomb bombs bombed bombing bombings bombard bombarded bombarding "
    "bombardment fire fired firing target targeted targeting hit hits hitting launched "
    "violate violated violates violating violation violations"
)
REPORTING_WORDS = word_set(
    "said says say claimed claims claim alleged alleges allegedly accused accuses accusing "
    "according reported reportedly insisted stated told blamed blames blaming"
)
PASSIVE = word_set("was were been being is are be")
TARGET_PREPOSITIONS = word_set("on at against in into of over near toward towards upon across")
# After a side word, these make it the target of the attack rather than its author.
TARGET_NOUNS = word_set(
    "civilians civilian people residents children city cities town towns village villages "
    "settlements positions territory territories soil homes houses border side's population"
)
REACH = 6


@dataclass(frozen=True)
class Statement:
    source: str
    actor: str  # side id
    attributed: bool
    actor_span: Span  # actor words through the attack word
    cue_span: Span | None  # the reporting cue, when attributed


def blame_findings(corpus: Corpus) -> list[Finding]:
    statements = _statements(corpus)
    findings: list[Finding] = []
    for cluster in corpus.clusters:
        in_cluster = [s for m in cluster.members for s in statements.get(m, [])]
        findings.extend(_opposite(corpus, cluster.id, in_cluster))
        findings.extend(_fact_versus_claim(corpus, cluster.id, in_cluster))
    return findings


def _statements(corpus: Corpus) -> dict[Member, list[Statement]]:
    sides = corpus.actor_sides
    denials = denial_pattern(corpus.lexicon)
    found: dict[Member, list[Statement]] = {}
    for member, parsed in corpus.parsed.items():
        denied = sentence_denials(parsed, denials)
        for tokens, denial in zip(parsed.sentence_tokens, denied, strict=True):
            if denial is not None:
                continue
            for statement in _sentence_statements(member, parsed, tokens, sides):
                found.setdefault(member, []).append(statement)
    return found


def _sentence_statements(
    member: Member, parsed: Parsed, sentence: range, sides: tuple[str, ...]
) -> list[Statement]:
    words = parsed.words[sentence.start : sentence.stop]
    attacks = [i for i, word in enumerate(words) if word in ATTACK_WORDS]
    if not attacks:
        return []
    text = parsed.text
    tokens = parsed.tokens[sentence.start : sentence.stop]
    cue_index = next((i for i, word in enumerate(words) if word in REPORTING_WORDS), None)
    cue_span = None
    if cue_index is not None:
        first, last = _attribution(tokens, words, cue_index)
        cue_span = make_span(
            member.source, member.paragraph, text, tokens[first].start, tokens[last].end
        )
    seen: set[str] = set()
    statements = []
    for i in attacks:
        actor = _actor(text, tokens, words, i, sides)
        if actor is None or actor[0] in seen:
            continue
        side, actor_index = actor
        seen.add(side)
        first, last = sorted((actor_index, i))
        span = make_span(
            member.source, member.paragraph, text, tokens[first].start, tokens[last].end
        )
        statements.append(Statement(member.source, side, cue_span is not None, span, cue_span))
    return statements


def _attribution(tokens: Sequence[Token], words: Sequence[str], cue: int) -> tuple[int, int]:
    """Token range of who says it: "Azerbaijan's Ministry of Foreign Affairs said",
    "according to the Ministry of Defence"."""

    def speaker_word(k: int) -> bool:
        named = tokens[k].text[:1].isupper() and words[k] not in FUNCTION_WORDS
        return named or words[k] in ROLE_WORDS or words[k] in SPEAKER_WORDS

    if words[cue] == "according":
        last = min(cue + 1, len(tokens) - 1)  # "according to"
        while last + 1 < len(tokens) and last < cue + 8:
            joins = words[last + 1] in {"the", "of"} and last + 2 < len(tokens)
            adjacent = tokens[last + 1].start - tokens[last].end == 1  # one space: no comma
            if adjacent and (speaker_word(last + 1) or (joins and speaker_word(last + 2))):
                last += 1
            else:
                break
        for k in range(last + 1, min(len(tokens), cue + 6)):  # "according to local officials"
            if tokens[k].start - tokens[k - 1].end != 1:
                break
            if words[k] in ROLE_WORDS:
                last = k
        while last > cue + 1 and words[last] in {"the", "of"}:
            last -= 1
        return cue, last
    first = cue
    while first > 0 and first > cue - 8:
        joins = words[first - 1] == "of" and first > 1 and speaker_word(first - 2)
        if speaker_word(first - 1) or joins:
            first -= 1
        else:
            break
    return first, cue


def _actor(
    text: str, tokens: Sequence[Token], words: Sequence[str], verb: int, sides: tuple[str, ...]
) -> tuple[str, int] | None:
    """(side, token index) of who carries out the attack at `verb`, if the sentence says."""

    def agent(j: int) -> str | None:
        side = actor_side(words[j], sides)
        if side is None or (j + 1 < len(words) and words[j + 1] in TARGET_NOUNS):
            return None  # "Azerbaijani civilians" are attacked, they do not attack
        return side

    # "shelling by Armenian forces"
    for i in range(verb + 1, min(len(words), verb + 3)):
        if words[i] == "by":
            for j in range(i + 1, min(len(words), i + 4)):
                if (side := agent(j)) is not None:
                    return side, j
    # "accused Azerbaijan of shelling"
    for i in range(max(0, verb - REACH), verb):
        if words[i].startswith("accus") or words[i].startswith("blam"):
            for j in range(i + 1, verb):
                if (side := agent(j)) is not None:
                    return side, j
    # "Armenian forces shelled", "Armenia's shelling of": active voice, same clause only.
    if verb and words[verb - 1] in PASSIVE:
        return None
    for j in range(verb - 1, max(-1, verb - REACH - 1), -1):
        between = text[tokens[j].end : tokens[j + 1].start]
        if any(ch in ",;:" for ch in between) or words[j] in ATTACK_WORDS:
            return None  # another clause, or another attack: "to attack Azerbaijani civilians"
        if words[j] in REPORTING_WORDS or words[j] == "that":
            return None  # "Baku claimed that missiles fired": Baku speaks, it does not fire
        if (side := agent(j)) is not None:
            if j and words[j - 1] in TARGET_PREPOSITIONS:
                return None
            return side, j
    return None


def _opposite(corpus: Corpus, cluster: str, statements: list[Statement]) -> list[Finding]:
    actors: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        actors[s.source].add(s.actor)
    pairs = [(a, b) for a in actors for b in actors if a < b and actors[a].isdisjoint(actors[b])]
    if not pairs:
        return []
    by_actor: dict[str, list[str]] = defaultdict(list)
    for source, sides in actors.items():
        if len(sides) == 1:
            by_actor[next(iter(sides))].append(source)
    if len(by_actor) < 2:
        return []
    parts = [
        f"{corpus.side_label(side)} side ({join_names(corpus.name(s) for s in sources)})"
        for side, sources in by_actor.items()
    ]
    spans = tuple(
        s.actor_span for s in statements if s.source in {x for v in by_actor.values() for x in v}
    )
    return [Finding("blame", cluster, "attack blamed on " + " vs ".join(parts), spans)]


def _fact_versus_claim(corpus: Corpus, cluster: str, statements: list[Statement]) -> list[Finding]:
    findings = []
    for actor in dict.fromkeys(s.actor for s in statements):
        facts = [s for s in statements if s.actor == actor and not s.attributed]
        claims = [s for s in statements if s.actor == actor and s.attributed]
        fact_sources = {s.source for s in facts}
        claims = [s for s in claims if s.source not in fact_sources]
        if not facts or not claims:
            continue
        stated = join_names(corpus.name(s.source) for s in facts)
        attributed = join_names(corpus.name(s.source) for s in claims)
        example = quote(facts[0].actor_span.text, 60)
        cue = claims[0].cue_span
        who = f" ('{quote(cue.text, 50)}')" if cue is not None else ""
        summary = (
            f"{stated} state{'s' if len(fact_sources) == 1 else ''} as fact '{example}'; "
            f"{attributed} attribute{'s' if len({s.source for s in claims}) == 1 else ''} "
            f"it{who}"
        )
        spans: list[Span] = [s.actor_span for s in facts]
        for s in claims:
            spans.append(s.actor_span)
            if s.cue_span is not None and s.cue_span not in spans:
                spans.append(s.cue_span)
        findings.append(Finding("blame", cluster, summary, tuple(spans)))
    return findings
