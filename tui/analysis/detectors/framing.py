"""Framing divergences: loaded vocabulary, and whose voice uses it.

Terms come from the lexicon (term → the side whose official vocabulary it is; a family such as
occupation / occupied / occupier counts as one term). A term matches as a whole word or phrase,
case-insensitively, with a plural or possessive on its last word.

Who uses a term matters more than the term: an agency quoting a president does not adopt the
president's words. So every use is read in context:
- quoted: inside quotation marks, or in a sentence that attributes what it says ("the ministry
  said", "according to") — the words are the speaker's, and the finding names the speaker;
- own voice: anywhere else — the outlet itself uses the term.
A party's outlets carry their camp's words whether they quote its officials or not, so their
uses make one finding; a neutral outlet's quotations and its own voice are two.

One divergence per party side, and per neutral outlet and voice, across the event, listing the
terms: "Azerbaijani outlets (Baku Herald) use loaded terms: 'occupation' (×3)", "Global Wire
adopts Azerbaijani vocabulary in its own voice: 'occupied' (×2)". A loaded term is a side's
vocabulary when that side's outlets use it in their own voice: a party outlet using loaded terms
frames the event itself (a term listed for the other side, "provocation" in an
accusation against that side, is its own rhetoric, not borrowed vocabulary); a neutral outlet
doing so adopts the vocabulary of the side the lexicon lists the term under, which weighs most.

A name that is both a framing term and a lexicon name ("Artsakh") is one concept: where the
naming detector already reports the span, framing leaves it out.
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
from tui.text.wordlists import ROLE_WORDS, SPEAKER_WORDS, word_set

REPORTING = word_set(
    "said says say told stated claimed claims alleged accused accuses called calls described "
    "describes insisted added according declared noted stressed urged warned"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|‘[^’]{12,}’")
SPEAKER_REACH = 6
ADOPTS = 0.12  # a neutral outlet using one side's vocabulary in its own voice
QUOTED = -0.15  # the outlet reports someone else's words


def framing_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    """Framing divergences; spans that earlier naming findings report are skipped."""
    terms = corpus.lexicon.framing
    if not terms or len(corpus.sources) < 2:
        return []
    reported = {span for f in found if f.kind == "naming" for span in f.spans}
    pattern = phrases_pattern(tuple(term.term for term in terms), inflect=True)
    # Who carries the words → uses in reading order: (source, cluster, term, span, speaker).
    # A party's outlets carry their camp's words whether they quote them or not: one finding
    # per party side. A neutral outlet's own voice and its quotations are two findings.
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
            if corpus.is_party(member.source):
                key = ("side", corpus.side(member.source))
                speaker = ""
            else:
                speaker = _speaker(parsed, start, quoted)
                key = (member.source, "quoted" if speaker else "own")
            uses[key].append(_Use(member.source, cluster, terms[index], span, speaker))
    return [_finding(corpus, key, used) for key, used in uses.items()]


@dataclass(frozen=True)
class _Use:
    source: str
    cluster: str
    term: FramingTerm
    span: Span
    speaker: str  # "" for the outlet's own voice


def _finding(corpus: Corpus, key: tuple[str, str], used: list[_Use]) -> Finding:
    counts = Counter(u.term.family or u.term.term for u in used)
    listed = ", ".join(
        f"'{term}' (×{count})" if count > 1 else f"'{term}'" for term, count in counts.items()
    )
    sources = list(dict.fromkeys(u.source for u in used))
    outlets = join_names(corpus.name(s) for s in sources)
    vocabulary = Counter(u.term.side for u in used).most_common(1)[0][0]
    speakers = list(dict.fromkeys(u.speaker for u in used if u.speaker))
    weight = 0.0
    if key[0] == "side":
        summary = f"{corpus.side_label(key[1])} outlets ({outlets}) use loaded terms: {listed}"
    elif key[1] == "quoted":
        summary = f"{outlets} quotes {join_names(speakers)} using loaded terms: {listed}"
        weight = QUOTED
    else:
        label = corpus.side_label(vocabulary)
        summary = f"{outlets} adopts {label} vocabulary in its own voice: {listed}"
        weight = ADOPTS
    spans = tuple(u.span for u in used)
    positions = (position(corpus, sources, ", ".join(counts), join_names(speakers)),)
    return Finding(
        "framing",
        used[0].cluster,
        summary,
        spans,
        f"{corpus.side_label(vocabulary)} vocabulary",
        positions,
        importance(corpus, "framing", positions, spans, weight=weight),
    )


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


def _named_near(parsed: Parsed, tokens: range, cue: int) -> str:
    """The speaker's words next to a reporting word: "Azerbaijan's Foreign Ministry said",
    "according to the defence ministry"."""

    def speaker_word(i: int) -> bool:
        word = parsed.words[i]
        return (
            parsed.tokens[i].text[:1].isupper() or word in ROLE_WORDS or word in SPEAKER_WORDS
        ) and word not in REPORTING

    run: list[int] = []
    if parsed.words[cue] == "according":
        for i in range(cue + 2, min(tokens.stop, cue + 2 + SPEAKER_REACH)):
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
