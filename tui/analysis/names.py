"""The one lexicon-name matcher every detector reads: which tokens of a paragraph name what.

The aligner and the detectors must agree on what a name is, or "Agdam" and "Ağdam" are one place
to naming and two to blame, and "Nagorno Karabakh" matches only where the lexicon spells it with
a hyphen. So names are matched in one way everywhere: on the aligner's fold
(`tui.text.tokens.fold`: case, accents, apostrophes and the possessive dropped), as whole
token sequences, the longest name winning where names overlap ("Nagorno-Karabakh" over
"Karabakh"; the tokenizer keeps inner hyphens, so "Nagorno Karabakh" is listed as its own token
sequence too). `Names` is compiled once per lexicon and the corpus finds every paragraph's names
with it once (`Corpus.name_uses`), for naming, blame, figures and wording alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.analysis.normalise import NameMatcher
from tui.model import Lexicon, NameGroup
from tui.text.tokens import fold, tokenize


@dataclass(frozen=True)
class NameUse:
    """One lexicon name in a paragraph: tokens `first`..`last` (inclusive), characters
    `start`..`end`."""

    group: str  # the name group's id ("stepanakert")
    spelling: str  # the name as the lexicon spells it ("Khankendi")
    side: str | None  # the side it is listed under, if any
    first: int
    last: int
    start: int
    end: int

    @property
    def range(self) -> range:
        """Its token indices."""
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class Names:
    """A lexicon's names compiled for matching folded tokens."""

    groups: dict[str, NameGroup]  # by id
    spellings: dict[tuple[str, ...], str]  # folded words → the lexicon's spelling
    matcher: NameMatcher  # folded words → the group's id

    def find(self, folded: Sequence[str], tokens: Sequence[tuple[str, int, int]]) -> list[NameUse]:
        """Every name among `folded` (one folded word per token), longest first, no overlaps."""
        if not self.matcher.sequences:
            return []
        words = list(folded)
        found = []
        i = 0
        while i < len(words):
            hit = self.matcher.match(words, i)
            if hit is None:
                i += 1
                continue
            group, length = hit
            spelling = self.spellings[tuple(words[i : i + length])]
            side = self.groups[group].side_of(spelling)
            last = i + length - 1
            found.append(NameUse(group, spelling, side, i, last, tokens[i][1], tokens[last][2]))
            i += length
        return found


@lru_cache(maxsize=16)
def names_for(lexicon: Lexicon) -> Names:
    """Compile the lexicon's names once (lexicons are frozen and hashable)."""
    spellings: dict[tuple[str, ...], str] = {}
    sequences: dict[tuple[str, ...], str] = {}
    for group in lexicon.names:
        for name in group.names:
            for words in _forms(name):
                if words and words not in sequences:
                    sequences[words] = group.id
                    spellings[words] = name
    return Names(
        {group.id: group for group in lexicon.names},
        spellings,
        NameMatcher(
            sequences,
            max((len(s) for s in sequences), default=0),
            frozenset(s[0] for s in sequences),
        ),
    )


def _forms(name: str) -> tuple[tuple[str, ...], ...]:
    """The folded token sequences a name is written as: as listed, and with its hyphens read
    as spaces or its spaces as hyphens ("Nagorno-Karabakh" = "Nagorno Karabakh")."""
    words = tuple(fold(t.text) for t in tokenize(name))
    split = tuple(part for word in words for part in word.split("-") if part)
    joined = ("-".join(split),) if len(split) > 1 else split
    return tuple(dict.fromkeys((words, split, joined)))
