"""Which side a word names as an actor ("Armenian forces", "Baku", "Karabakh separatists").

Side ids are data, so the first source of actor words is the side id itself: a side called
"armenian" is named by "Armenian", "Armenians" and, by stripping the adjective ending,
"Armenia". What cannot be derived from the id (capitals, other names of a side) comes from the
lexicon's `actors` in sources.yaml; no conflict's names live in code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.model import Lexicon
from tui.text.tokens import fold

# Adjective ending → country ending: armenian → armenia, azerbaijani → azerbaijan.
_ADJECTIVE_ENDINGS = (("ian", "ia"), ("i", ""), ("an", "a"))


def derived_words(side: str) -> frozenset[str]:
    """Folded words a side id gives by itself: the id, its plural, its country."""
    folded = side.casefold()
    words = {folded, folded + "s"}
    for ending, country in _ADJECTIVE_ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            words.add(folded[: -len(ending)] + country)
            break
    return frozenset(words)


@dataclass(frozen=True)
class Actors:
    """Actor words per side, built once per corpus from its sides and lexicon."""

    by_side: dict[str, frozenset[str]]  # in the corpus's side order

    def side_of(self, word: str, sides: Iterable[str] | None = None) -> str | None:
        """The side a folded token names, if any ("armenia's" → "armenian"), among `sides`
        (every side it knows if None)."""
        word = word.removesuffix("'s").removesuffix("'")
        candidates = self.by_side if sides is None else sides
        return next((s for s in candidates if word in self.by_side.get(s, ())), None)

    @property
    def words(self) -> frozenset[str]:
        """Every actor word of every side: words that name a camp, not a place or a thing."""
        return frozenset().union(*self.by_side.values())


def build_actors(lexicon: Lexicon, sides: Iterable[str]) -> Actors:
    """Actor words for `sides` (ids, in order) and for every side the lexicon lists actors of."""
    listed = {side: frozenset(fold(w) for w in words) for side, words in lexicon.actors}
    ordered = dict.fromkeys((*sides, *listed))
    return Actors({s: derived_words(s) | listed.get(s, frozenset()) for s in ordered})
