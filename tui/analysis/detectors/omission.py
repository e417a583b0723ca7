"""Omissions: facts one party's outlets report and the other party's outlets leave out entirely.

A paragraph without a partner is not an omission: the other side may report the same fact in
other words, elsewhere, in a paragraph the aligner did not pair. So omissions are judged claim
by claim, against the other party's *whole* text: a sentence states a fact through its
particulars (the places and people it names, lexicon names as their group; the weapons and
targets it names, `ACTS`; the figures it gives); the other party omits it only when its outlets
together mention fewer than half of those particulars anywhere. A missing weapon, target or
figure is a fact by itself ("homes were targeted"); missing names need `MIN_MISSING`. The
finding marks the words of the claim that the other side lacks, each particular apart, not the
paragraph.

Left out, because they are not facts one side could report and the other leave out:
background and history (`Corpus.background`: another period than the event's), the outlet's
own rhetoric and its officials restating a position (sentences that call, urge, condemn, say
what must be or what an act "exposes"), denials (the denial detector's), questions, headings,
captions and other furniture (too short to state a fact), sentences with no particular, and
headlines: a headline restates its lede in a few loaded words and is never read as a fact the
other side omits, though what a side's headline names that side has reported.

Omissions that state the same fact (most of their missing particulars shared) are one finding,
with a span in each outlet. When an outlet of the silent side looks cut short (its text ends
mid-sentence, or extraction had to cut it), the finding says so rather than asserting silence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from tui.analysis.corpus import Corpus, Finding, Parsed
from tui.analysis.figures import NO_FIGURE, WHEN_QUANTITIES, format_figure
from tui.analysis.importance import importance, position
from tui.model import HEADLINE, Member, Span
from tui.text.spans import join_names, make_span, quote
from tui.text.wordlists import word_set

MIN_WORDS = 8  # a shorter sentence is a heading, a caption or a fragment
MIN_MISSING = 3  # names the other side lacks, for a claim without a figure
SPEAKER_REACH = 8  # the longest apposition between a speaker's name and the verb, in words
START = attrgetter("start")  # a token's offset, to bisect tokens by
COVERED = 0.5  # the other side mentions at least this share of the particulars: not omitted
SAME_FACT = 0.5  # two omissions sharing this share of their missing particulars: one fact
FIGURE_PARTICULAR = 2  # a figure counts as two names when judging coverage
FIGURE_WEIGHT = 0.1  # a fact with a figure the other side never gives weighs more
RHETORIC = word_set(
    "must should urge urges urged call calls calling condemn condemns condemned demand demands "
    "demanded hope hopes believe believes appeal appeals exposes proves demonstrates"
)
_ENDS = (".", "!", "?", ".”", '."', "»", "”", '"', ")", "]")
# Page furniture that survived extraction: addresses, phone numbers, e-mail, credits.
_FURNITURE = re.compile(
    r"@|\bTel\b|\bE-?mail\b|\bAddress:|©|\bcopyright\b|all rights reserved|\bsubscribe\b",
    re.IGNORECASE,
)
REPORTING = word_set(
    "said says told stated informed reported reports noted added announced quoted wrote posted"
)
RECIPIENT_CUES = word_set("told quoted")
# What was used and what was hit, in the general vocabulary of any war: a particular of a claim
# like a place or a figure ("cluster missiles" one side reports and the other never mentions).
ACTS = {
    **dict.fromkeys(word_set("cluster"), "cluster munitions"),
    **dict.fromkeys(word_set("phosphorus incendiary"), "incendiary munitions"),
    **dict.fromkeys(word_set("thermobaric"), "thermobaric weapons"),
    **dict.fromkeys(word_set("ballistic"), "ballistic missiles"),
    **dict.fromkeys(word_set("residential homes houses"), "homes"),
    **dict.fromkeys(word_set("hospital hospitals"), "hospital"),
    **dict.fromkeys(word_set("school schools kindergarten kindergartens"), "school"),
}
ACT_NAMES = frozenset(ACTS.values())


@dataclass(frozen=True)
class _Claim:
    member: Member
    sentence: int
    particulars: frozenset[str]
    missing: frozenset[str]
    spans: tuple[Span, ...]  # the words the other side lacks, one span per particular
    figure: bool  # whether a missing particular is a figure


def omission_findings(corpus: Corpus, found: Sequence[Finding] = ()) -> list[Finding]:
    parties = corpus.party_sides
    if len(parties) < 2:
        return []
    # Every sentence's particulars, read once: the claims and the other side's text use them.
    read = {
        member: [_particulars(corpus, member, k) for k in range(len(parsed.sentences))]
        for member, parsed in corpus.parsed.items()
    }
    mentioned = {side: _mentioned(corpus, read, side) for side in corpus.sides_present}
    # The event's own particulars: mentioned by outlets of two sides or more. A claim touching
    # none of them (another story on the page, a "Top stories" box) is not about the event.
    core = frozenset(
        key
        for key in set().union(*mentioned.values())
        if sum(key in found for found in mentioned.values()) >= 2
    )
    # What each neutral outlet mentions, by the same test: an omission of one party is no
    # silence of a neutral outlet that reports the fact too.
    neutral = {
        source: _mentioned(corpus, read, source=source)
        for source in corpus.sources
        if corpus.side(source) in corpus.neutral_sides
    }
    findings: list[Finding] = []
    for side in parties:
        silent = [p for p in parties if p != side]
        claims = [
            claim
            for member in corpus.parsed
            if corpus.side(member.source) == side
            and member.paragraph != HEADLINE  # a headline is no fact another side omits
            and member in corpus.cluster_of
            and not _is_heading(corpus.parsed[member])
            for claim in _claims(corpus, member, read[member], [mentioned[p] for p in silent], core)
        ]
        for group in _merged(claims):
            findings.append(_finding(corpus, side, silent, group, _also(corpus, group, neutral)))
    return [f for f in findings if not _told_as_figure(f, found)]


def _told_as_figure(omission: Finding, found: Sequence[Finding]) -> bool:
    """Whether a figure finding already sets the silent side's missing number against a figure
    inside the omitted claim ("68 people died" against a side that gives no figure): one
    conflict, one finding, the figure's."""
    told = set(omission.positions[0].sides) if omission.positions else set()
    figure_spans = [
        s
        for f in found
        if f.kind == "figure"
        and any(p.value == NO_FIGURE and not told & set(p.sides) for p in f.positions)
        for s in f.spans
    ]
    return any(
        f.source == span.source
        and f.paragraph == span.paragraph
        and span.start <= f.start
        and f.end <= span.end
        for span in omission.spans
        for f in figure_spans
    )


def _particulars(corpus: Corpus, member: Member, k: int) -> tuple[dict[str, list[int]], bool]:
    """What a sentence is specific about, each with its token indices: the names it mentions,
    the weapons and targets it names (`ACTS`) and the figures it gives ("killed 7"); and
    whether it gives a figure."""
    parsed = corpus.parsed[member]
    tokens = parsed.sentence_tokens[k]
    found: dict[str, list[int]] = {}
    keys = corpus.token_keys[member]
    for i in tokens:
        if (key := keys[i] or ACTS.get(parsed.words[i])) is not None:
            found.setdefault(key, []).append(i)
    start, end = parsed.sentences[k]
    figure = False
    for f in corpus.figures_of[member]:
        if start <= f.start < end and f.quantity not in WHEN_QUANTITIES:
            key = f"{format_figure(f.quantity, f.value)} {f.quantity}"
            # the figure's tokens by bisection: one long sentence holds thousands of figures
            first = bisect.bisect_left(parsed.tokens, f.start, tokens.start, tokens.stop, key=START)
            last = bisect.bisect_left(parsed.tokens, f.end, first, tokens.stop, key=START)
            found.setdefault(key, []).extend(range(first, last))
            figure = True
    return found, figure


Read = dict[Member, list[tuple[dict[str, list[int]], bool]]]  # per sentence: particulars, figure


def _mentioned(
    corpus: Corpus, read: Read, side: str | None = None, source: str | None = None
) -> frozenset[str]:
    """Every particular any outlet of `side` (or the one `source`) mentions anywhere in its
    text."""
    return frozenset(
        key
        for member, sentences in read.items()
        if (member.source == source if source is not None else corpus.side(member.source) == side)
        for found, _ in sentences
        for key in found
    )


def _covers(particulars: frozenset[str], mentioned: frozenset[str]) -> bool:
    """Whether text mentioning `mentioned` reports a claim of these particulars: most of
    them, a figure weighing as much as two names (every account of an event names its place)."""
    total = sum(_weight(p) for p in particulars)
    return sum(_weight(p) for p in particulars & mentioned) >= COVERED * total


def _also(corpus: Corpus, group: list[_Claim], neutral: dict[str, frozenset[str]]) -> list[str]:
    """The neutral outlets that report the omitted fact too: on the claim's row, or, by the
    test that found the silence, anywhere in their text."""
    rows = {corpus.cluster_of[c.member] for c in group}
    on_row = {
        m.source for cluster in corpus.clusters if cluster.id in rows for m in cluster.members
    }
    return [
        source
        for source, mentioned in neutral.items()
        if source in on_row or any(_covers(c.particulars, mentioned) for c in group)
    ]


def _claims(
    corpus: Corpus,
    member: Member,
    read: list[tuple[dict[str, list[int]], bool]],
    others: list[frozenset[str]],
    core: frozenset[str],
) -> list[_Claim]:
    parsed = corpus.parsed[member]
    claims = []
    for k, tokens in enumerate(parsed.sentence_tokens):
        if not _states_a_fact(corpus, member, parsed, k, tokens):
            continue
        found, figure = dict(read[k][0]), read[k][1]
        for i in _speaker_tokens(parsed, tokens):  # who speaks is not what is reported
            for key in [key for key, where in found.items() if i in where]:
                del found[key]
        if not found or not (figure or core & set(found) or ACT_NAMES & set(found)):
            continue
        particulars = frozenset(found)
        # Omitted only if every other party's outlets, in all they wrote, lack most of it.
        if any(_covers(particulars, o) for o in others):
            continue
        missing = frozenset(p for p in particulars if all(p not in o for o in others))
        indices = sorted(i for p in missing for i in found[p])
        if not indices or (
            _names(parsed, missing, found) < MIN_MISSING
            and not any(p[:1].isdigit() or p in ACT_NAMES for p in missing)
        ):
            continue
        start, end = parsed.tokens[indices[0]].start, parsed.tokens[indices[-1]].end
        if end - start < 2 * len(parsed.tokens[indices[0]].text):
            start, end = parsed.sentences[k]  # one word alone says little: the claim
            runs = [(start, end)]
        else:
            runs = _runs(parsed, [(min(found[p]), max(found[p])) for p in missing])
        spans = tuple(
            make_span(member.source, member.paragraph, parsed.text, a, b) for a, b in runs
        )
        figure = any(p[:1].isdigit() for p in missing)
        claims.append(_Claim(member, k, particulars, missing, spans, figure))
    return claims


def _names(parsed: Parsed, missing: frozenset[str], found: dict[str, list[int]]) -> int:
    """How many names `missing` holds, a name of several words written one after another
    ("Red Cross") counted once: each word of it is a key of its own."""
    at = {i: p for p in missing for i in found[p]}
    joined = sum(
        1
        for p in missing
        if any(
            at.get(i + 1) not in (None, p)
            and not parsed.text[parsed.tokens[i].end : parsed.tokens[i + 1].start].strip()
            for i in found[p]
        )
    )
    return len(missing) - joined


def _runs(parsed: Parsed, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the missing particulars (token ranges), those that touch or sit a
    word apart joined: "Sotk, Vardenis, Goris" is one mark, a weapon and a toll far apart in
    the sentence are two."""
    runs: list[list[int]] = []
    for first, last in sorted(ranges):
        if runs and first <= runs[-1][1] + 2:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return [(parsed.tokens[a].start, parsed.tokens[b].end) for a, b in runs]


def _states_a_fact(corpus: Corpus, member: Member, parsed: Parsed, k: int, tokens: range) -> bool:
    start, end = parsed.sentences[k]
    words = parsed.words[tokens.start : tokens.stop]
    return (
        len(words) >= MIN_WORDS
        and not _FURNITURE.search(parsed.text, start, end)
        and not corpus.background[member][k]
        and corpus.denials[member][k] is None
        and not parsed.text[start:end].rstrip().endswith("?")
        and not any(w in RHETORIC for w in words)
    )


def _speaker_tokens(parsed: Parsed, tokens: range) -> set[int]:
    """Tokens naming who speaks, to whom and where: the capitalised run just before a
    reporting verb ("Spokesperson Shushan Stepanyan told"), with an apposition between them
    ("Gegham Stepanian, Karabakh's ombudsman, said"); the name in "in Stepanian's words";
    after "according to", and after "told" or "quoted" (the outlet spoken to or quoted); and
    the medium after "on" that follows a reporting verb ("said on Twitter")."""
    found: set[int] = set()
    for i in tokens:
        word = parsed.words[i]
        if word in REPORTING:
            j = _apposition(parsed, tokens, i)
            found.update(range(j + 1, i))
            while j >= tokens.start and (
                parsed.tokens[j].text[:1].isupper() or parsed.words[j] in {"of", "the"}
            ):
                found.add(j)
                j -= 1
            if i + 2 < tokens.stop and parsed.words[i + 1] == "on":
                found.update(_capitalised_run(parsed, tokens, i + 2))
        if word in RECIPIENT_CUES or word == "according":  # "told Ekho Moskvy", "according to"
            found.update(_capitalised_run(parsed, tokens, i + (2 if word == "according" else 1)))
        if word == "words" and i - 2 >= tokens.start and parsed.words[i - 2] == "in":
            found.add(i - 1)  # "in Stepanian's words"
    return found


def _apposition(parsed: Parsed, tokens: range, verb: int) -> int:
    """The last token before a reporting verb outside an apposition set off by commas just
    before it ("X, the region's ombudsman, said" → X), else the token just before the verb."""
    before = verb - 1
    if (
        before < tokens.start
        or "," not in parsed.text[parsed.tokens[before].end : parsed.tokens[verb].start]
    ):
        return before
    for j in range(before - 1, max(tokens.start, verb - SPEAKER_REACH) - 1, -1):
        if "," in parsed.text[parsed.tokens[j].end : parsed.tokens[j + 1].start]:
            return j
    return before


def _capitalised_run(parsed: Parsed, tokens: range, first: int) -> set[int]:
    """The capitalised words from `first` on, "of" and "the" between them."""
    found: set[int] = set()
    j = first
    while j < tokens.stop and (
        parsed.tokens[j].text[:1].isupper() or parsed.words[j] in {"of", "the"}
    ):
        found.add(j)
        j += 1
    return found


def _merged(claims: list[_Claim]) -> list[list[_Claim]]:
    """Claims grouped by the fact they state: most of their missing particulars shared, or a
    count of the same thing the other side never gives ("21 killed" and, from the hospital,
    "40 wounded" against a side that counts no casualties: one silence, not one per count)."""
    groups: list[list[_Claim]] = []
    for claim in claims:
        for group in groups:
            shared = len(claim.missing & group[0].missing)
            if shared >= SAME_FACT * min(len(claim.missing), len(group[0].missing)) or (
                _counted(claim) & _counted(group[0])
            ):
                group.append(claim)
                break
        else:
            groups.append([claim])
    return groups


def _finding(
    corpus: Corpus, side: str, silent: list[str], group: list[_Claim], also: list[str]
) -> Finding:
    """The finding: who reports the fact (the party's outlets, and the neutral ones `also`
    reporting it) against the silent parties, each named only if it really is silent."""
    first = group[0]
    parsed = corpus.parsed[first.member]
    start, end = parsed.sentences[first.sentence]
    reporting = [*(c.member.source for c in group), *also]
    lacking = sorted({p for c in group for p in c.missing}, key=lambda p: (not p[:1].isdigit(), p))
    absent = " or ".join(corpus.side_label(s) for s in silent)
    told = position(corpus, reporting, quote(parsed.text[start:end], 110))
    summary = (
        f"Only {' and '.join(corpus.side_label(s) for s in told.sides)} sources report "
        f"'{quote(parsed.text[start:end], 110)}'; no {absent} source mentions "
        f"{', '.join(_readable(p) for p in lacking[:4])}"
    )
    cut = [s for s in corpus.sources if corpus.side(s) in silent and _cut_short(corpus, s)]
    if cut:
        summary += f" (but {join_names(corpus.name(s) for s in cut)} may be cut short)"
    spans = tuple(dict.fromkeys(s for c in group for s in c.spans))
    positions = (
        told,
        *(
            position(corpus, [s for s in corpus.sources if corpus.side(s) == other])
            for other in silent
        ),
    )
    weight = (FIGURE_WEIGHT if any(c.figure for c in group) else 0.0) - (0.1 if cut else 0.0)
    return Finding(
        "omission",
        corpus.cluster_of[first.member],
        summary,
        spans,
        ", ".join(_readable(p) for p in lacking[:4]),
        positions,
        importance(corpus, "omission", positions, spans, weight=weight),
    )


def _counted(claim: _Claim) -> set[str]:
    """What the claim's missing figures count: "wounded" for "40 wounded" and for "40 wounded
    (in hospital)", a narrower count of the same thing."""
    return {p.split()[1] for p in claim.missing if p[:1].isdigit() and " " in p}


def _weight(particular: str) -> int:
    return FIGURE_PARTICULAR if particular[:1].isdigit() else 1


def _readable(particular: str) -> str:
    """A particular as a summary writes it: a figure and an act as they are ("21 killed",
    "cluster munitions"), a name capitalised ("Port Vell")."""
    if particular[:1].isdigit() or particular in ACT_NAMES:
        return particular
    return particular.replace("_", " ").title()


def _is_heading(parsed: Parsed) -> bool:
    """Too short to state a fact, or a title: one line with no closing punctuation, however
    long (a sub-headline restates the story in a few loaded words, as a headline does)."""
    return len(parsed.tokens) < MIN_WORDS or (
        len(parsed.sentences) == 1
        and not parsed.text.rstrip().endswith((".", "!", "?", ".”", '."'))
    )


def _cut_short(corpus: Corpus, source_id: str) -> bool:
    """Whether a source's text seems to stop early: it ends mid-sentence, or was cut."""
    source = corpus.sources[source_id]
    last = source.paragraphs[-1].rstrip() if source.paragraphs else ""
    return bool(source.note) or not last.endswith(_ENDS)
