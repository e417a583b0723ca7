"""Framing divergences: loaded vocabulary, and whose voice uses it.

Terms come from the lexicon (term → the side whose official vocabulary it is; a family such as
occupation / occupied / occupier counts as one term). A term matches as a whole word or phrase,
case-insensitively, with a plural or possessive on its last word.

Who uses a term matters more than the term: an agency quoting a president does not adopt the
president's words. So every use is read in context:
- quoted: inside quotation marks, or in a sentence that attributes what it says ("the ministry
  said", "according to") — the words are the speaker's;
- own voice: anywhere else — the outlet itself uses the term.
A party's outlets carry their camp's words whether they quote its officials or not, so their
uses make one finding, of their own side's vocabulary. The other party's words in their text
are theirs only in their own voice: inside a quotation or a reported statement ("the MoD said
that members of the Armenian armed forces…", “provocations”) they are the speaker's and count
for no one; in the outlet's own voice they are turned against the side whose vocabulary they
are ("a provocation of the Azerbaijani side" in an Armenian outlet): the outlet's rhetoric,
told as its side's, never as borrowed vocabulary. A neutral outlet quoting a party's words
frames nothing: the party's own outlets carry them (and make that side's finding); only its
own voice counts. Nor does a
neutral outlet frame by a term the lexicon also lists among a side's `actors`: that is the
common name of those who act ("Armenian separatists", in wire copy of any day), while the
loaded members of its family ("separatist regime", "junta") still count.

One divergence per party side, and per neutral outlet in its own voice, across the event,
listing the terms: "Azerbaijani outlets (Baku Herald) use loaded terms: 'occupation' (×3)",
"Global Wire adopts Azerbaijani vocabulary in its own voice: 'occupied' (×2)". A loaded term is
a side's vocabulary when that side's outlets use it in their own voice: a party outlet using
its side's loaded terms frames the event itself; a neutral outlet
doing so adopts the vocabulary of the side the lexicon lists the term under, which weighs most.

A name that is both a framing term and a lexicon name ("Artsakh") is one concept: where the
naming detector already reports the span, framing leaves it out.

Framing needs no loaded word when it is about where: one side places a strike "far from the
conflict zone" (so it hit civilians, not soldiers), another "near the frontline"; one says a
downing happened "outside the combat zone", another "in the zone of the conflict". Where the
event's outlets of different sides place things on opposite sides of the fighting, that is one
finding (`_proximity`). The words are general war vocabulary (front line, conflict / combat /
war zone, line of contact), the same for every conflict and both sides.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.analysis.corpus import Corpus, Finding, Parsed
from tui.analysis.importance import importance, position
from tui.model import FramingTerm, Span
from tui.text.spans import find_phrases, join_names, make_span, phrases_pattern, quote
from tui.text.tokens import fold
from tui.text.wordlists import ROLE_WORDS, SPEAKER_WORDS, word_set

REPORTING = word_set(
    "said says say told stated claimed claims alleged accused accuses called calls described "
    "describes insisted added according declared noted stressed urged warned"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|‘[^’]{12,}’")
SPEAKER_REACH = 6
ADOPTS = 0.12  # a neutral outlet using one side's vocabulary in its own voice


# Where the fighting is: the front line, a conflict / combat / war zone, "the zone of (the …)
# conflict / hostilities / military operations", the line of contact.
_FIGHTING = (
    r"(?:front[\s-]?lines?|line\s+of\s+contact|contact\s+line|battlefield"
    r"|(?:[\w-]+\s+){0,2}?(?:conflict|combat|war|battle|hostilities|fighting|combat\s+actions)"
    r"\s+zone"
    r"|zone\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:conflict|hostilities|military\s+operations"
    r"|combat(?:\s+actions)?|fighting|clashes))"
)
_AWAY = r"far\s+(?:away\s+)?from|away\s+from|outside(?:\s+of)?|out\s+of|beyond|remote\s+from"
_AT = r"near|close\s+to|next\s+to|along|in|within|inside|on|at"
# "the frontline city": the front line as an adjective of a place, which places it at the
# fighting; "on the frontline town" is read so, not as "on the frontline".
_SETTLEMENT = r"\s+(?:city|town|village|district|region|area|settlement)s?\b"
_PROXIMITY = re.compile(
    rf"\b(?:(?P<away>{_AWAY})|{_AT})\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{_FIGHTING}\b"
    rf"(?!{_SETTLEMENT})|\bfront[\s-]?line{_SETTLEMENT}",
    re.IGNORECASE,
)
PLACES = ("far from it", "at or near it")  # the two camps, under the topic `DISTANCE`
DISTANCE = "distance from the fighting"


def framing_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    """Framing divergences; spans that earlier naming findings report are skipped."""
    terms = corpus.lexicon.framing
    if len(corpus.sources) < 2:
        return []
    return [*_loaded(corpus, terms, found), *_proximity(corpus)]


def _loaded(
    corpus: Corpus, terms: Sequence[FramingTerm], found: Sequence[Finding]
) -> list[Finding]:
    if not terms:
        return []
    reported = {span for f in found if f.kind == "naming" for span in f.spans}
    pattern = phrases_pattern(tuple(term.term for term in terms), inflect=True)
    actor_words = {w.casefold() for _, words in corpus.lexicon.actors for w in words}
    # Who carries the words → uses in reading order: (source, cluster, term, span).
    # A party's outlets carry their camp's words whether they quote them or not: one finding
    # per party side. A neutral outlet's own voice is one finding; its quotations are none.
    uses: dict[tuple[str, str], list[_Use]] = defaultdict(list)
    for member, parsed in corpus.parsed.items():
        cluster = corpus.cluster_of.get(member)
        if cluster is None:
            continue
        quoted = [m.span() for m in _QUOTED.finditer(parsed.text)]
        for start, end, index in find_phrases(parsed.text, pattern):
            span = make_span(member.source, member.paragraph, parsed.text, start, end)
            if span in reported:
                continue
            term = terms[index]
            if corpus.is_party(member.source):
                side = corpus.side(member.source)
                theirs = term.side != side and term.side not in corpus.neutral_sides
                if theirs and _quotes(corpus, _speaker(parsed, start, quoted), term.side):
                    continue  # the other party's word, in its statement: the speaker's
                key = ("side", side)
            elif _speaker(parsed, start, quoted) or term.term.casefold() in actor_words:
                continue  # a party's words, reported; or the common name of a side's actors
            else:
                key = (member.source, "own")
            uses[key].append(_Use(member.source, cluster, term, span))
    return [_finding(corpus, key, used) for key, used in uses.items()]


def _proximity(corpus: Corpus) -> list[Finding]:
    """Outlets of different sides placing the event on opposite sides of the fighting: one
    finding for the event, its spans the phrases that place it ("far from the conflict zone"
    against "near the frontline"). Background sentences (a past war) place nothing."""
    placed: dict[bool, list[tuple[str, str, Span]]] = {True: [], False: []}
    for member, parsed in corpus.parsed.items():
        cluster = corpus.cluster_of.get(member)
        if cluster is None:
            continue
        for match in _PROXIMITY.finditer(parsed.text):
            k = parsed.sentence_index(match.start())
            if k >= 0 and corpus.background[member][k]:
                continue
            span = make_span(member.source, member.paragraph, parsed.text, *match.span())
            placed[match.group("away") is not None].append((member.source, cluster, span))
    away, at = placed[True], placed[False]
    if not any(corpus.side(a) != corpus.side(b) for a, _, _ in away for b, _, _ in at):
        return []
    camps = (away, at)
    positions = tuple(
        position(corpus, (s for s, _, _ in camp), value)
        for camp, value in zip(camps, PLACES, strict=True)
    )
    parts = [
        ", ".join(
            f"'{quote(span.text, 50)}' ({corpus.name(source)})"
            for source, span in dict.fromkeys((s, sp) for s, _, sp in camp)
        )
        for camp in camps
    ]
    spans = tuple(dict.fromkeys(span for camp in camps for _, _, span in camp))
    return [
        Finding(
            "framing",
            away[0][1],
            f"{DISTANCE}: " + " vs ".join(parts),
            spans,
            DISTANCE,
            positions,
            importance(corpus, "framing", positions, spans),
        )
    ]


@dataclass(frozen=True)
class _Use:
    source: str
    cluster: str
    term: FramingTerm
    span: Span


def _finding(corpus: Corpus, key: tuple[str, str], used: list[_Use]) -> Finding:
    counts = Counter(u.term.family or u.term.term for u in used)
    written = _as_written(used)
    listed = ", ".join(
        f"'{written[term]}' (×{count})" if count > 1 else f"'{written[term]}'"
        for term, count in counts.items()
    )
    sources = list(dict.fromkeys(u.source for u in used))
    outlets = join_names(corpus.name(s) for s in sources)
    # A party's outlets speak their own side's vocabulary, whatever side the lexicon lists a
    # term under ("provocation of the Azerbaijani side" in an Armenian outlet is Armenian
    # rhetoric); a neutral outlet adopts the vocabulary of the side the terms are listed for.
    vocabulary = (
        key[1] if key[0] == "side" else Counter(u.term.side for u in used).most_common(1)[0][0]
    )
    weight = 0.0
    if key[0] == "side":
        summary = f"{corpus.side_label(key[1])} outlets ({outlets}) use loaded terms: {listed}"
    else:
        label = corpus.side_label(vocabulary)
        summary = f"{outlets} adopts {label} vocabulary in its own voice: {listed}"
        weight = ADOPTS
    spans = tuple(u.span for u in used)
    positions = (position(corpus, sources, ", ".join(counts)),)
    return Finding(
        "framing",
        used[0].cluster,
        summary,
        spans,
        f"{corpus.side_label(vocabulary)} vocabulary",
        positions,
        importance(corpus, "framing", positions, spans, weight=weight),
    )


def _as_written(used: list[_Use]) -> dict[str, str]:
    """How each family is shown: by its head when the head itself is used, else by the member
    used most ("separatists", never a "separatist regime" the outlet did not write)."""
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    for use in used:
        terms[use.term.family or use.term.term][use.term.term] += 1
    return {
        family: family if family in found else found.most_common(1)[0][0]
        for family, found in terms.items()
    }


def _speaker(parsed: Parsed, offset: int, quoted: list[tuple[int, int]]) -> str:
    """Who the words at `offset` belong to, if not the outlet: "" for its own voice."""
    k = parsed.sentence_index(offset)
    if k < 0:
        return ""
    tokens = parsed.sentence_tokens[k]
    cue = next((i for i in tokens if parsed.words[i] in REPORTING), None)
    inside = any(a <= offset < b for a, b in quoted)
    if cue is None and not inside:
        return ""
    if cue is not None:
        named = _named_near(parsed, tokens, cue)
        if named:
            return named
    return "others" if inside else "a source"


def _quotes(corpus: Corpus, speaker: str, side: str) -> bool:
    """Whether words reported from `speaker` are `side`'s: a speaker of that side ("the
    Azerbaijani MoD"), or words in quotation marks with no speaker named (`_speaker`'s
    "others"). Any other speaker, named by a title alone ("the ministry said") as a party's
    outlet names its own officials, uses the word as the outlet's camp's rhetoric."""
    if speaker == "others":
        return True
    words = re.findall(r"[\w'’-]+", speaker)
    return any(corpus.actors.side_of(fold(w)) == side for w in words)


def _named_near(parsed: Parsed, tokens: range, cue: int) -> str:
    """The speaker's words next to a reporting word: "Azerbaijan's Foreign Ministry said",
    "according to the defence ministry", "…, said the MFA"."""

    def speaker_word(i: int) -> bool:
        word = parsed.words[i]
        return (
            parsed.tokens[i].text[:1].isupper() or word in ROLE_WORDS or word in SPEAKER_WORDS
        ) and word not in REPORTING

    run: list[int] = []
    # "according to the ministry", and "…, said the ministry": the speaker follows the cue
    inverted = (
        cue > tokens.start
        and "," in parsed.text[parsed.tokens[cue - 1].end : parsed.tokens[cue].start]
    )
    if parsed.words[cue] == "according" or inverted:
        after = cue + (2 if parsed.words[cue] == "according" else 1)
        for i in range(after, min(tokens.stop, after + SPEAKER_REACH)):
            if speaker_word(i) or (run and parsed.words[i] in {"of", "the"}):
                run.append(i)
            elif run:
                break
    else:
        for i in range(cue - 1, max(tokens.start, cue - SPEAKER_REACH) - 1, -1):
            if speaker_word(i) or (run and parsed.words[i] == "of"):
                run.insert(0, i)
            else:
                break
    while run and parsed.words[run[-1]] in {"of", "the"}:
        run.pop()
    if not run:
        return ""
    return quote(parsed.text[parsed.tokens[run[0]].start : parsed.tokens[run[-1]].end], 50)
