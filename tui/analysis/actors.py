"""Which side a word names as an actor ("Armenian forces", "Baku", "Karabakh separatists").

Side ids are data, so the first source of actor words is the side id itself: a side called
"armenian" is named by "Armenian", "Armenians" and, by stripping the adjective ending,
"Armenia". For the shipped conflict a small built-in map adds capitals and other names that
cannot be derived from the id. It is the one place to extend for another conflict until
sources.yaml carries actor words of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from tui.text.wordlists import word_set

BUILTIN_ACTORS: dict[str, frozenset[str]] = {
    "armenian": word_set(
        "armenia armenian armenians yerevan karabakh nagorno-karabakh artsakh separatist "
        "separatists"
    ),
    "azerbaijani": word_set("azerbaijan azerbaijani azerbaijanis azeri azeris baku"),
}
# Adjective ending → country ending: armenian → armenia, azerbaijani → azerbaijan.
_ADJECTIVE_ENDINGS = (("ian", "ia"), ("i", ""), ("an", "a"))


@cache
def actor_words(side: str) -> frozenset[str]:
    """Folded words that name `side` as an actor."""
    folded = side.casefold()
    words = {folded, folded + "s"}
    for ending, country in _ADJECTIVE_ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            words.add(folded[: -len(ending)] + country)
            break
    return frozenset(words) | BUILTIN_ACTORS.get(folded, frozenset())


def actor_side(word: str, sides: Iterable[str]) -> str | None:
    """The side a folded token names, if any ("armenia's" → "armenian")."""
    word = word.removesuffix("'s").removesuffix("'")
    return next((side for side in sides if word in actor_words(side)), None)


def is_actor_word(word: str) -> bool:
    """Whether a folded word names any side of the shipped conflict (used to ignore them)."""
    return actor_side(word, BUILTIN_ACTORS) is not None
