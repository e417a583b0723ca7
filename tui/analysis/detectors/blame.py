"""Blame divergences: who is said to have attacked, and in whose voice.

An attack statement is an attack word (shelled, struck, fired, violated, …) with an actor: the
agent after "by" ("shelling by Armenian forces"), the accused in "accused Azerbaijan of
shelling", or a side word shortly before the verb when the verb is active ("Armenian forces
shelled"; in "Ganja was shelled" the subject is the target, not the actor). Actor words come
from `tui.analysis.actors` (side ids and the lexicon's `actors`). Responsibility is blame too:
"X bears full responsibility", "responsibility lies with X", "X is to blame". Sentences that
deny a claim (`Corpus.denials`) are left to the denial detector.

Whose voice states it, from strongest to weakest (`Voice`):
- "fact": no reporting cue in the sentence; the outlet says it itself;
- "asserted": the act comes first and the source only after it ("Armenian forces fired
  missiles at Ganja, …, the ministry said"): the outlet's lead carries the accusation, and a
  reader skimming it takes it as fact; news style puts the source of a contested claim first;
- "attributed": the source comes first ("the ministry said that Armenian forces had fired",
  "according to…", "accused Azerbaijan of shelling").

Two kinds of divergence, each within a cluster and across the event:
- opposite blame: sources that name disjoint actors for the attack;
- voice: per actor, a party's outlets stating as fact what neutral outlets attribute
  ("states as fact" vs "attributes it"); where the source is named (before or after the
  claim) is no divergence.
Across the event, statements are compared when they name the same target (the place names of
the attack's clause, lexicon variants as one: Stepanakert = Khankendi) or the same act (what the
verb is done to, by family: breaking the truce or the ceasefire; starting the war, the offensive
or the operation), because each outlet usually writes its own paragraph about an attack. An
event-wide divergence is reported when it spans two clusters and holds a statement no cluster
divergence already shows; it sits in the cluster of its first span.

Statements are set against each other only between opposing sides, or between a party and a
neutral outlet: two outlets of one side naming different actors is no divergence between the
accounts. The actor is the clause's subject: a side word before the verb, the agent after "by",
the accused after "accused", or the subject before a phrase set off by commas ("Azerbaijani
armed forces, using artillery, opened fire").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from tui.analysis.actors import Actors
from tui.analysis.claims import BACKGROUND_CUES
from tui.analysis.corpus import Corpus, Finding, Parsed, told_once
from tui.analysis.importance import importance, position
from tui.model import Member, Span
from tui.text.spans import join_names, make_span, quote
from tui.text.tokens import Token
from tui.text.wordlists import FUNCTION_WORDS, ROLE_WORDS, SPEAKER_WORDS, word_set

ATTACK_WORDS = word_set(
    "shell shells shelled shelling shellings strike strikes struck striking attack attacks "
    "attacked attacking bomb bombs bombed bombing bombings bombard bombarded bombarding "
    "bombardment fire fired firing target targeted targeting hit hits hitting launched "
    "violate violated violates violating violation violations started start starts unleashed "
    "provocation provocations ignored breached broke"
)
REPORTING_WORDS = word_set(
    "said says say claimed claims claim alleged alleges allegedly accused accuses accusing "
    "according reported reportedly insisted stated told blamed blames blaming"
)
PASSIVE = word_set("was were been being is are be")
PRONOUNS = word_set("it he she they")
WEAPON_WORDS = word_set(
    "rocket rockets missile missiles drone drones shell shells artillery launcher launchers "
    "system systems howitzer howitzers"
)
TARGET_PREPOSITIONS = word_set("on at against in into of over near toward towards upon across")
# After a side word, these make it the target of the attack rather than its author.
TARGET_NOUNS = word_set(
    "civilians civilian people residents children city cities town towns village villages "
    "settlements positions territory territories soil homes houses border side's population"
)
# What an act is done to, when the clause names no place, by family: breaking the truce or
# the ceasefire is one act; starting a war, an offensive or an operation another.
OBJECTS = {
    **dict.fromkeys(("truce", "ceasefire", "cease-fire", "agreement", "agreements"), "truce"),
    **dict.fromkeys(
        ("war", "offensive", "operation", "escalation", "hostilities", "fighting", "clashes"), "war"
    ),
    **dict.fromkeys(("border", "frontier"), "border"),
    **dict.fromkeys(("positions", "position"), "positions"),
}
ACTS = {"truce": "breaking the truce", "war": "starting the fighting"}  # how summaries name them
# Acts that start fighting whatever they are done to: a provocation, unleashing, opening fire,
# launching an attack. "Who started it" is the question of a clash with no one target, so these
# are the act of starting the fighting even when the clause names no war or offensive.
STARTING = word_set("provocation provocations unleashed")
OPENING = {"fire": word_set("opened open opens opening")}  # "opened fire"
FIRE_NOUNS = word_set("fire fires")
ARTICLES = word_set("a an the this that")
AIMED = word_set("at on upon against into toward towards")
LAUNCHING = word_set("launched launches launch launching")
LAUNCHED = word_set("attack attacks assault offensive aggression war operation")
REACH = 6
SUBJECT_REACH = 16  # how far before a comma-delimited phrase its subject may stand
# Who is held responsible: "bears full responsibility", "responsibility lies with", "is to
# blame", "holds … responsible" (`_responsible`).
RESPONSIBILITY = word_set("responsibility responsible blame")
RESTS = word_set("lies lie rests rest lay")
FORCE_WORDS = word_set("forces armed army troops units side military servicemen soldiers")


Voice = Literal["fact", "asserted", "attributed"]


@dataclass(frozen=True)
class Statement:
    member: Member
    actor: str  # side id
    voice: Voice
    actor_span: Span  # actor words through the attack word
    cue_span: Span | None  # who says it, unless stated as fact
    targets: frozenset[str]  # topic keys of the attack's clause (`Corpus.topic_keys`)
    objects: tuple[tuple[str, str], ...] = ()  # (family, word) of what the act is done to

    @property
    def source(self) -> str:
        return self.member.source


def blame_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    statements = _statements(corpus)
    findings: list[Finding] = []
    covered: set[Statement] = set()  # shown by a cluster divergence
    # (sources, whether it is about voice) already set against each other: the same outlets
    # in the same kind of divergence about another sentence tell the editor nothing new.
    shown: set[tuple[frozenset[str], bool]] = set()
    for cluster in corpus.clusters:
        in_cluster = [s for m in cluster.members for s in statements.get(m, [])]
        for summary, used, cues in _divergences(corpus, in_cluster):
            findings.append(_finding(corpus, summary, used, cues))
            covered.update(used)
            shown.add((frozenset(s.source for s in used), cues))
    by_target: dict[str, list[Statement]] = defaultdict(list)
    label: dict[str, str] = {}
    for statement in (s for found in statements.values() for s in found):
        for target in sorted(statement.targets):
            by_target[target].append(statement)
            label.setdefault(target, target.title())
        for key, _ in statement.objects:  # "violated the truce" = "broke the ceasefire"
            by_target[f"~{key}"].append(statement)
            label.setdefault(f"~{key}", f"the {key}")
    reported: set[frozenset[Statement]] = set()
    for target, group in by_target.items():
        for summary, used, cues in _divergences(corpus, group):
            clusters = {corpus.cluster_of.get(s.member) for s in used}
            pair = (frozenset(s.source for s in used), cues)
            if len(clusters) < 2 or covered.issuperset(used) or frozenset(used) in reported:
                continue
            if pair in shown:
                continue
            reported.add(frozenset(used))
            shown.add(pair)
            act = ACTS.get(target.removeprefix("~")) if target.startswith("~") else None
            if act and summary.startswith("attack blamed on "):
                summary = f"{act} blamed on " + summary.removeprefix("attack blamed on ")
                summary += " (across the event)"
            else:
                summary = f"{label[target]} (across the event): {summary}"
            findings.append(_finding(corpus, summary, used, cues, act or label[target]))
    return told_once(findings)


def _finding(
    corpus: Corpus, summary: str, used: list[Statement], cues: bool, topic: str = ""
) -> Finding:
    """Spans: each statement's actor words, and who says it when `cues`. One position per
    actor and voice: the side blamed, and who is quoted blaming it."""
    # Each span once, in order: by a dict, since an event-wide divergence may hold hundreds.
    spans = list(
        dict.fromkeys(
            span
            for statement in used
            for span in (statement.actor_span, statement.cue_span if cues else None)
            if span is not None
        )
    )
    first = used[0].member
    # Opposite blame: one camp per actor blamed. Voice: one per voice, with who is quoted.
    camps: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in used:
        camps[(statement.actor, statement.voice if cues else "")].append(statement)
    positions = tuple(
        position(
            corpus,
            (s.source for s in found),
            f"{corpus.side_label(actor)} side" + (f" ({voice})" if voice else ""),
            next((s.cue_span.text for s in found if _names_speaker(s.cue_span)), "")
            if cues
            else "",
        )
        for (actor, voice), found in camps.items()
    )
    targets = sorted({t.title() for s in used for t in s.targets})
    topic = topic or (f"attack on {', '.join(targets)}" if targets else "who attacked")
    weight = 0.0 if len({s.actor for s in used}) > 1 else -0.15  # voice only: milder
    return Finding(
        "blame",
        corpus.cluster_of[first],
        summary,
        tuple(spans),
        topic,
        positions,
        importance(corpus, "blame", positions, spans, weight=weight),
    )


def _names_speaker(cue: Span | None) -> bool:
    """Whether a cue names who speaks ("the ministry said"), not only that someone does
    ("said"): a position's speaker is a who."""
    return cue is not None and any(w not in REPORTING_WORDS for w in cue.text.casefold().split())


Found = tuple[str, list[Statement], bool]  # summary, statements set against each other, cues


def _divergences(corpus: Corpus, statements: list[Statement]) -> list[Found]:
    """Every divergence among `statements`; its spans show who says it when the voice
    differs."""
    found = _opposite(corpus, statements)
    for actor in dict.fromkeys(s.actor for s in statements):
        found.extend(_voices(corpus, [s for s in statements if s.actor == actor]))
    return found


def _statements(corpus: Corpus) -> dict[Member, list[Statement]]:
    found: dict[Member, list[Statement]] = {}
    for member, parsed in corpus.parsed.items():
        denied = corpus.denials[member]
        previous = None
        for tokens, denial in zip(parsed.sentence_tokens, denied, strict=True):
            if denial is None:
                for statement in _sentence_statements(corpus, member, tokens, previous):
                    found.setdefault(member, []).append(statement)
            previous = tokens
    return found


def _sentence_statements(
    corpus: Corpus, member: Member, sentence: range, previous: range | None
) -> list[Statement]:
    parsed = corpus.parsed[member]
    words = parsed.words[sentence.start : sentence.stop]
    if ATTACK_WORDS.isdisjoint(words) and RESPONSIBILITY.isdisjoint(words):
        return []  # most sentences: no attack and no blame, seen without a Python loop
    attacks = [i for i, word in enumerate(words) if word in ATTACK_WORDS and _is_attack(words, i)]
    blamed = [i for i, word in enumerate(words) if word in RESPONSIBILITY]
    if not attacks and not blamed:
        return []
    text = parsed.text
    tokens = parsed.tokens[sentence.start : sentence.stop]
    cue_index = next((i for i, word in enumerate(words) if word in REPORTING_WORDS), None)
    cue_span = None
    if cue_index is not None:
        cue_span = _speaker(parsed, member, sentence, cue_index, previous)
    seen: set[str] = set()
    statements = []
    found = [
        (i, _actor(text, tokens, words, i, corpus.actors, corpus.actor_sides)) for i in attacks
    ] + [(i, _responsible(words, i, corpus.actors, corpus.actor_sides)) for i in blamed]
    for i, actor in found:
        if actor is None or actor[0] in seen:
            continue
        side, actor_index = actor
        seen.add(side)
        first, last = sorted((actor_index, i))
        span = make_span(
            member.source, member.paragraph, text, tokens[first].start, tokens[last].end
        )
        voice: Voice = (
            "fact" if cue_index is None else "asserted" if cue_index > last else "attributed"
        )
        clause = _clause(text, tokens, words, i)
        # What was attacked, not who says so: the speaker's name is no target.
        speaking = (
            range(cue_span.start, cue_span.end)
            if cue_span is not None and cue_span.paragraph == member.paragraph
            else range(0)
        )
        named = [
            k
            for k in clause
            if not first <= k <= last
            and not _names_weapon(words, k)
            and tokens[k].start not in speaking
        ]
        targets = corpus.topic_keys(member, (sentence.start + k for k in named))
        # What it is done to follows the act; what one is responsible for follows the cue.
        after = i if words[i] in RESPONSIBILITY else last
        objects = tuple(
            dict.fromkeys(
                (OBJECTS[words[k]], words[k])
                for k in clause
                if k > after and k != actor_index and words[k] in OBJECTS
            )
        )
        if _starts_fighting(words, i) and not any(key == "war" for key, _ in objects):
            objects += (("war", words[i]),)
        statements.append(Statement(member, side, voice, span, cue_span, targets, objects))
    return statements


def _speaker(
    parsed: Parsed, member: Member, sentence: range, cue: int, previous: range | None
) -> Span:
    """Who says it: the speaker and reporting word; for "It said" / "He accused", the speaker
    of the sentence before, so that a summary names the ministry rather than "It"."""
    tokens = parsed.tokens[sentence.start : sentence.stop]
    words = parsed.words[sentence.start : sentence.stop]
    first, last = _attribution(tokens, words, cue)
    if first == cue and cue and words[cue - 1] in PRONOUNS and previous is not None:
        before = parsed.words[previous.start : previous.stop]
        earlier = next((i for i, word in enumerate(before) if word in REPORTING_WORDS), None)
        if earlier is not None:
            tokens, words = parsed.tokens[previous.start : previous.stop], before
            first, last = _attribution(tokens, words, earlier)
    return make_span(
        member.source, member.paragraph, parsed.text, tokens[first].start, tokens[last].end
    )


def _is_attack(words: Sequence[str], i: int) -> bool:
    """Whether an attack word reads as one here: "fire" is shooting only when it is opened,
    aimed ("fire at", "fire on") or come under; "a fire at the depot" burns, and fire engines
    put it out."""
    if words[i] not in FIRE_NOUNS:
        return True
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[max(0, i - 2) : i]
    if before and before[-1] in ARTICLES:
        return False  # "a fire at a fuel depot" burns
    return after in AIMED or any(w in OPENING["fire"] or w == "under" for w in before)


def _starts_fighting(words: Sequence[str], i: int) -> bool:
    """Whether the attack word at `i` starts the fighting: "committed a provocation",
    "unleashed", "opened fire", "launched an attack" (not "launched missiles at Ganja")."""
    word = words[i]
    if word in STARTING:
        return True
    if word in OPENING:
        return any(w in OPENING[word] for w in words[max(0, i - 2) : i])  # "opened heavy fire"
    if word in LAUNCHED:  # "launches full-scale attack"
        return any(w in LAUNCHING for w in words[max(0, i - 3) : i])
    return word in LAUNCHING and any(w in LAUNCHED for w in words[i + 1 : i + 4])


def _names_weapon(words: Sequence[str], k: int) -> bool:
    """Whether the word at `k` names a weapon ("Grad rockets", "Bayraktar drones"): a weapon
    is no target, and two attacks with one weapon are not one attack."""
    return k + 1 < len(words) and words[k + 1] in WEAPON_WORDS


def _clause(text: str, tokens: Sequence[Token], words: Sequence[str], verb: int) -> range:
    """Token indices of the clause around the attack word: what it attacks is named there.
    It ends before "from" after the verb: "fired at Berdzor from Rindzor" attacks Berdzor;
    and before a clause of circumstance ("despite", "after", "amid": `BACKGROUND_CUES`):
    "shells Stepanakert despite Moscow truce" attacks Stepanakert, not Moscow. A headline
    has no comma to end the clause at."""
    first, last = verb, verb
    while first > 0 and not any(
        ch in ",;:(—" for ch in text[tokens[first - 1].end : tokens[first].start]
    ):
        first -= 1
    while (
        last + 1 < len(tokens)
        and words[last + 1] != "from"
        and words[last + 1] not in BACKGROUND_CUES
        and not any(ch in ",;:(—" for ch in text[tokens[last].end : tokens[last + 1].start])
    ):
        last += 1
    return range(first, last + 1)


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
    text: str,
    tokens: Sequence[Token],
    words: Sequence[str],
    verb: int,
    actors: Actors,
    sides: tuple[str, ...],
) -> tuple[str, int] | None:
    """(side, token index) of who carries out the attack at `verb`, if the sentence says."""

    def agent(j: int) -> str | None:
        side = actors.side_of(words[j], sides)
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
    steps = 0
    for j in range(verb - 1, -1, -1):
        # Words for armed men do not use up the reach: "Armenian Armed Forces have committed
        # a provocation" names its actor as closely as "Armenia has committed a provocation".
        if words[j + 1] not in FORCE_WORDS:
            steps += j + 1 < verb
        if steps >= REACH:
            break
        between = text[tokens[j].end : tokens[j + 1].start]
        if any(ch in ",;:" for ch in between):
            # "units of the Azerbaijani armed forces, using artillery, opened fire": the
            # subject may stand before a phrase set off by commas.
            return _subject(text, tokens, words, j, agent) if "," in between else None
        if words[j] in ATTACK_WORDS:
            return None  # another attack: "to attack Azerbaijani civilians"
        if words[j] in REPORTING_WORDS or words[j] == "that":
            return None  # "Baku claimed that missiles fired": Baku speaks, it does not fire
        if (side := agent(j)) is not None:
            if j and words[j - 1] in TARGET_PREPOSITIONS:
                return None
            return side, j
    return None


def _responsible(
    words: Sequence[str], cue: int, actors: Actors, sides: tuple[str, ...]
) -> tuple[str, int] | None:
    """(side, token index) of who is held responsible at `cue`: "responsibility lies with the
    leadership of Armenia" (the side after "with"), "Armenia bears full responsibility",
    "holds Azerbaijan responsible", "Baku is to blame" (the nearest side before it)."""
    if words[cue] == "blame" and (cue < 2 or words[cue - 1] != "to"):
        return None  # "to blame" only: "blame" alone is the reporting verb's
    for i in range(cue + 1, min(len(words), cue + SUBJECT_REACH)):
        if words[i] in RESTS and i + 1 < len(words) and words[i + 1] in {"with", "on", "upon"}:
            for j in range(i + 2, min(len(words), i + 2 + REACH)):
                if (side := actors.side_of(words[j], sides)) is not None:
                    return side, j
            return None
    for j in range(cue - 1, max(-1, cue - SUBJECT_REACH - 1), -1):
        if words[j] in REPORTING_WORDS or words[j] == "that":
            return None
        if (side := actors.side_of(words[j], sides)) is not None:
            return side, j
    return None


def _subject(
    text: str,
    tokens: Sequence[Token],
    words: Sequence[str],
    before: int,
    agent: Callable[[int], str | None],
) -> tuple[str, int] | None:
    """The actor heading the clause before a comma-delimited phrase: a side word followed by
    a word for armed men ("Azerbaijani armed forces", "the Armenian side"), or the side named
    first in the sentence ("Azerbaijan, with help from …, started a war")."""
    for j in range(before, max(-1, before - SUBJECT_REACH - 1), -1):
        if words[j] in REPORTING_WORDS or words[j] in ATTACK_WORDS or words[j] == "that":
            return None
        side = agent(j)
        if side is None or (j and words[j - 1] in TARGET_PREPOSITIONS):
            continue
        heads = j + 1 < len(words) and words[j + 1] in FORCE_WORDS
        if heads or j == 0:
            return side, j
    return None


def _opposite(corpus: Corpus, statements: list[Statement]) -> list[Found]:
    """Outlets naming different actors. What an outlet attributes to others is whom it blames
    only when a party's outlet attributes it to the other party (its camp's accusation); a
    party's outlet reporting an accusation of its own side, or a neutral outlet reporting any,
    blames no one ("Baku accused Armenia of …" in an Armenian or an agency report)."""
    statements = [
        s
        for s in statements
        if s.voice != "attributed"
        or (corpus.is_party(s.source) and s.actor != corpus.side(s.source))
    ]
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
    if len(by_actor) < 2 or not _opposing(corpus, list(by_actor.values())):
        return []
    parts = [
        f"{corpus.side_label(side)} side ({join_names(corpus.name(s) for s in sources)})"
        for side, sources in by_actor.items()
    ]
    blaming = {x for v in by_actor.values() for x in v}
    used = [s for s in statements if s.source in blaming]
    return [("attack blamed on " + " vs ".join(parts), used, False)]


def _opposing(corpus: Corpus, groups: list[list[str]]) -> bool:
    """Whether two groups of sources stand on different sides, one of them a party: outlets
    of one side are not set against each other, nor two neutral outlets."""
    sides = [{corpus.side(s) for s in group} for group in groups]
    return any(
        a != b and (corpus.is_party_side(a) or corpus.is_party_side(b))
        for i, first in enumerate(sides)
        for second in sides[i + 1 :]
        for a in first
        for b in second
    )


def _voices(corpus: Corpus, statements: list[Statement]) -> list[Found]:
    """A party's outlets stating in their own voice what neutral outlets attribute (one
    actor): how the press outside the conflict treats a party's claim. A party's outlet
    attributing the other party's accusation is what it would do, not a divergence; nor is
    naming the source after the claim rather than before it, which is where the source sits,
    not whose claim it is."""
    strong = [s for s in statements if s.voice == "fact" and corpus.is_party(s.source)]
    strong_sources = {s.source for s in strong}
    weak = [
        s
        for s in statements
        if s.voice != "fact" and s.source not in strong_sources and not corpus.is_party(s.source)
    ]
    if not strong or not weak:
        return []
    stated = join_names(corpus.name(s.source) for s in strong)
    attributing = join_names(corpus.name(s.source) for s in weak)
    one, other = len(strong_sources) == 1, len({s.source for s in weak}) == 1
    example = quote(strong[0].actor_span.text, 60)
    weak_cue = next(s.cue_span for s in weak if s.cue_span is not None)
    summary = (
        f"{stated} state{'s' if one else ''} as fact '{example}'; "
        f"{attributing} attribute{'s' if other else ''} it"
    )
    return [(f"{summary} ('{quote(weak_cue.text, 50)}')", strong + weak, True)]
