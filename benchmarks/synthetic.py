"""A large synthetic event: many outlets paraphrasing a shared pool of facts.

Real coverage of one event is a few dozen outlets telling an overlapping set of facts in their
own words and order: one writes "seven civilians were killed in Khankendi", another "7 people
died in Stepanakert". Benchmarks and tests need that at a size no hand-written fixture
reaches (30 outlets x 100 paragraphs), with the ground truth of which paragraph tells which
fact, so this module builds it from templates:

- a pool of facts (casualties, damage, claims, denials, witnesses, military losses,
  humanitarian and diplomatic news), each with its own places, numbers, actors and objects;
- every source, on one of the sides armenian / azerbaijani / international, reports a random
  subset of the pool (weighted towards its own side's facts) in shuffled order, each fact
  paraphrased: another wording of every clause, clauses reordered, synonyms, numbers as words
  or digits, its side's name for each place, sometimes a framing clause of its own; now and
  then a fact is split over two paragraphs (the one-to-many case);
- plus paragraphs only that source has.

Everything comes from one `random.Random(seed)`, so an event is identical for a seed.
Run it as a script for a summary: `python benchmarks/synthetic.py --sources 30 --paragraphs 100`.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tui.model import Lexicon, Member, NameGroup, Outlet, Source

SIDES = ("armenian", "azerbaijani", "international")
ENEMY = {"armenian": "Azerbaijani", "azerbaijani": "Armenian"}

# Places the sides name differently, as a lexicon name group; the international entry is the
# name wire agencies use.
NAME_GROUPS = (
    NameGroup(
        "stepanakert",
        (
            ("armenian", ("Stepanakert",)),
            ("azerbaijani", ("Khankendi", "Xankendi")),
            ("international", ("Stepanakert",)),
        ),
    ),
    NameGroup(
        "shusha",
        (("armenian", ("Shushi",)), ("azerbaijani", ("Shusha",)), ("international", ("Shusha",))),
    ),
    NameGroup(
        "martakert",
        (
            ("armenian", ("Martakert",)),
            ("azerbaijani", ("Aghdara", "Agdere")),
            ("international", ("Martakert",)),
        ),
    ),
    NameGroup("martuni", (("armenian", ("Martuni",)), ("azerbaijani", ("Khojavend",)))),
    NameGroup("karvachar", (("armenian", ("Karvachar",)), ("azerbaijani", ("Kalbajar",)))),
    NameGroup("jabrayil", (("armenian", ("Jrakan",)), ("azerbaijani", ("Jabrayil",)))),
    NameGroup(
        "karabakh",
        (
            ("armenian", ("Artsakh", "Republic of Artsakh")),
            ("azerbaijani", ("Karabakh",)),
            ("international", ("Nagorno-Karabakh",)),
        ),
    ),
)
# Places everyone names alike, with the side whose territory they are on.
PLAIN_PLACES = (
    ("Ganja", "azerbaijani"),
    ("Barda", "azerbaijani"),
    ("Tartar", "azerbaijani"),
    ("Mingachevir", "azerbaijani"),
    ("Beylagan", "azerbaijani"),
    ("Hadrut", "armenian"),
    ("Askeran", "armenian"),
    ("Berdzor", "armenian"),
)
GROUP_PLACES = (
    ("stepanakert", "armenian"),
    ("shusha", "armenian"),
    ("martakert", "armenian"),
    ("martuni", "armenian"),
    ("karvachar", "armenian"),
    ("jabrayil", "azerbaijani"),
)

ACTORS = {
    "armenian": (
        "the Armenian defence ministry",
        "defence ministry spokeswoman Shushan Stepanyan",
        "the human rights ombudsman Artak Beglaryan",
        "the Karabakh emergency service",
        "Armenian Prime Minister Nikol Pashinyan",
    ),
    "azerbaijani": (
        "the Azerbaijani foreign ministry",
        "presidential aide Hikmet Hajiyev",
        "the Azerbaijani defence ministry",
        "the prosecutor general's office in Baku",
        "President Ilham Aliyev",
    ),
    "international": (
        "the International Committee of the Red Cross",
        "Human Rights Watch",
        "the OSCE Minsk Group co-chairs",
        "Russian Foreign Minister Sergei Lavrov",
        "a United Nations spokesman",
    ),
}
WEAPONS = (
    "Smerch rockets",
    "cluster munitions",
    "artillery shells",
    "kamikaze drones",
    "Grad rockets",
    "a Tochka-U ballistic missile",
    "heavy mortar fire",
    "Bayraktar drones",
)
OBJECTS = (
    "apartment blocks",
    "market halls",
    "secondary schools",
    "kindergartens",
    "maternity hospitals",
    "road bridges",
    "power substations",
    "water pumping stations",
    "cathedrals",
    "mosques",
    "bakeries",
    "bus stations",
    "cotton mills",
    "textile factories",
    "post offices",
    "history museums",
    "public libraries",
    "police stations",
    "fire stations",
    "hotels",
    "cinemas",
    "gas pipelines",
    "grain warehouses",
    "railway depots",
    "television towers",
    "sports halls",
    "family houses",
    "cemetery chapels",
)
LANDMARKS = (
    "central square",
    "city park",
    "old fortress",
    "covered bazaar",
    "river embankment",
    "drama theatre",
    "university campus",
    "main hospital",
    "airport road",
    "railway station",
    "Nizami street",
    "Tigran Mets avenue",
)
EQUIPMENT = (
    ("tanks", "armoured vehicles"),
    "howitzers",
    "anti-aircraft units",
    ("drones", "unmanned aerial vehicles"),
    "military lorries",
    "arms dumps",
)
TIMES = (
    "overnight",
    "early on Sunday",
    "at dawn",
    "shortly after midnight",
    "late on Saturday",
    "on Sunday afternoon",
)
FIRST_NAMES = (
    "Zagit", "Leyla", "Rauf", "Gunel", "Elchin", "Nigar", "Aram", "Anahit", "Karen", "Lilit",
    "Tigran", "Narine", "Samir", "Aysel", "Vahe", "Mariam", "Farid", "Sona", "Levon", "Aida",
)  # fmt: skip
LAST_NAMES = (
    "Aliyev", "Mammadova", "Huseynov", "Guliyeva", "Ismayilov", "Abbasova", "Petrosyan",
    "Harutyunyan", "Sargsyan", "Grigoryan", "Hakobyan", "Avetisyan", "Karimov", "Rzayeva",
    "Vardanyan", "Mkrtchyan", "Babayev", "Nasirova", "Galstyan", "Ohanyan",
)  # fmt: skip
DENIALS = ("an absolute lie", "pure disinformation", "a provocation", "fabricated", "groundless")
FRAMING = {
    "armenian": (
        "in yet another act of Azerbaijani aggression",
        "as Turkish-backed forces pressed their offensive",
        "in a blatant breach of the humanitarian truce",
    ),
    "azerbaijani": (
        "in yet another act of Armenian terror",
        "as the occupying forces continued their provocations",
        "in a gross violation of the humanitarian ceasefire",
    ),
    "international": (
        "despite the Moscow-brokered humanitarian ceasefire",
        "as the heaviest fighting in decades continued",
        "a day after the truce took effect",
    ),
}
SYNONYMS = {
    "killed": ("killed", "killed"),
    "wounded": ("wounded", "injured"),
    "said": ("said", "stated", "reported"),
    "destroyed": ("destroyed", "flattened", "wrecked"),
    "shelling": ("shelling", "bombardment"),
    "residents": ("residents", "locals"),
    "civilians": ("civilians", "civilian residents", "peaceful residents"),
    "attack": ("attack", "strike", "assault"),
    "forces": ("forces", "troops", "units"),
}
_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """English words for 0..99, the way a copy editor writes them ("thirty-three")."""
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens - 2] + (f"-{_UNITS[unit]}" if unit else "")


@dataclass(frozen=True)
class Fact:
    """Something that happened, before any outlet has put it into words."""

    id: str
    side: str  # whose territory or claim it concerns, for coverage bias
    slots: dict[str, object]
    clauses: tuple[str, ...]  # clause kinds, rendered per source


@dataclass(frozen=True)
class Style:
    """How one outlet writes: which names it uses and how it spells numbers."""

    side: str
    numbers_as_words: float
    framing: float


# Each clause kind has several wordings; a source picks one per clause. Slots in {braces};
# {s:word} picks a synonym.
CLAUSES: dict[str, tuple[str, ...]] = {
    "casualties": (
        "{killed} {s:civilians} were {s:killed} and {wounded} {s:wounded} when {weapon} hit "
        "the {district} district of {place} {time}",
        "{weapon} struck {district} in {place} {time}, killing {killed} {s:civilians} and "
        "wounding {wounded}",
        "the {s:attack} on {place}'s {district} quarter {time} left {killed} {s:civilians} dead "
        "and {wounded} {s:wounded}",
    ),
    "damage": (
        "{objects_n} {objects} near the {landmark} on {street} street in {place} were "
        "{s:destroyed}",
        "the {s:attack} {s:destroyed} {objects_n} {objects} on {street} street, close to the "
        "{landmark} of {place}",
        "in {place}, {objects_n} {objects} by the {landmark} and {street} street were reduced "
        "to rubble",
    ),
    "claim": (
        "{actor} {s:said} {enemy} {s:forces} had targeted {place} with {weapon} from {village}",
        "according to {actor}, {enemy} {s:forces} fired {weapon} at {place} from positions "
        "near {village}",
        "{actor} accused {enemy} {s:forces} of firing {weapon} at {place} from {village}",
    ),
    "denial": (
        "{denier} denied firing at {place}, calling the claim {denial}",
        "{denier} rejected the accusation about {place} as {denial}",
        "the charge that {place} was shelled was dismissed by {denier} as {denial}",
    ),
    "witness": (
        "{witness}, {age}, a resident of {place}, {s:said} the blast destroyed the {landmark}",
        '"The {landmark} was gone in a second," {witness}, {age}, told reporters in {place}',
        "in {place}, {age}-year-old {witness} described how the {landmark} collapsed",
    ),
    "military": (
        "{actor} {s:said} its {s:forces} destroyed {units_n} {equipment} near {village}, {place}",
        "{units_n} {equipment} were destroyed near the village of {village} by {place}, "
        "{actor} {s:said}",
        "near {village} outside {place}, {actor} claimed to have knocked out {units_n} {equipment}",
    ),
    "humanitarian": (
        "{org} {s:said} {people_n} {s:residents} had sheltered in basements in {place} "
        "for {days} days",
        "some {people_n} people spent {days} days in cellars in {place}, {org} {s:said}",
        "according to {org}, {people_n} {s:residents} of {place} hid underground for {days} days",
    ),
    "diplomacy": (
        "{diplomat} urged both sides to respect the truce after a call with {envoy} from {city}",
        "in {city}, {diplomat} called on both sides to honour the ceasefire, {envoy} said",
        "{diplomat} and {envoy} appealed from {city} for both sides to keep to the truce",
    ),
}
# Syllables for the names real reports are full of (villages, streets, victims), which are
# what tells one fact from the next.
SYLLABLES = (
    "ka", "ra", "gul", "ba", "shen", "ar", "ta", "van", "mir", "zor", "nak", "lu", "dag",
    "bey", "han", "ser", "ov", "li", "dzor", "ga", "vet", "sa", "rin", "chai", "tu", "mes",
)  # fmt: skip


def _proper_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


CITIES = ("Moscow", "Geneva", "Paris", "Washington", "Ankara", "Tehran", "Vienna", "Brussels")
FACT_SHAPES = (
    ("casualties", "claim", "denial"),
    ("casualties", "damage", "witness"),
    ("claim", "denial", "casualties"),
    ("damage", "witness", "humanitarian"),
    ("military", "denial"),
    ("military", "claim"),
    ("humanitarian", "damage"),
    ("diplomacy", "humanitarian"),
    ("casualties", "damage"),
    ("witness", "casualties", "damage", "claim"),
    ("claim", "denial"),
    ("diplomacy", "claim", "denial"),
)


def _new_fact(rng: random.Random, fact_id: str) -> Fact:
    side = rng.choice(("armenian", "azerbaijani"))
    enemy_side = "azerbaijani" if side == "armenian" else "armenian"
    places = [p for p in PLAIN_PLACES + GROUP_PLACES if p[1] == side]
    place = rng.choice(places)[0]
    objects_n = rng.randint(2, 40)
    units_n = rng.randint(2, 30)
    slots: dict[str, object] = {
        "place": place,
        "time": rng.choice(TIMES),
        "weapon": rng.choice(WEAPONS),
        "killed": rng.randint(1, 40),
        "wounded": rng.randint(2, 90),
        "objects_n": objects_n,
        "objects": rng.choice(OBJECTS),
        "landmark": rng.choice(LANDMARKS),
        "actor": rng.choice(ACTORS[side]),
        "enemy": ENEMY[side],
        "denier": rng.choice(ACTORS[enemy_side]),
        "denial": rng.choice(DENIALS),
        "witness": f"{rng.choice(FIRST_NAMES)} {_proper_name(rng)}",
        "district": _proper_name(rng),
        "street": _proper_name(rng),
        "village": _proper_name(rng),
        "age": rng.randint(19, 88),
        "units_n": units_n,
        "equipment": rng.choice(EQUIPMENT),
        "org": rng.choice(ACTORS["international"][:3] + ACTORS[side][3:]),
        "people_n": rng.randint(20, 900),
        "days": rng.randint(2, 14),
        "diplomat": rng.choice(ACTORS["international"][2:]),
        "city": rng.choice(CITIES),
        "envoy": f"envoy {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
    }
    return Fact(fact_id, side, slots, rng.choice(FACT_SHAPES))


def _place_name(place: str, style: Style, rng: random.Random) -> str:
    group = next((g for g in NAME_GROUPS if g.id == place), None)
    if group is None:
        return place
    own = [names for side, names in group.variants if side == style.side]
    names = own[0] if own else group.names
    return rng.choice(names)


def _number(n: int, style: Style, rng: random.Random) -> str:
    if n < 100 and rng.random() < style.numbers_as_words:
        return number_words(n)
    return str(n)


def _render_clause(kind: str, fact: Fact, style: Style, rng: random.Random) -> str:
    template = rng.choice(CLAUSES[kind])
    slots = fact.slots
    values: dict[str, str] = {}
    for key, value in slots.items():
        if isinstance(value, int) and key != "age":
            values[key] = _number(value, style, rng)
        elif key == "place":
            values[key] = _place_name(str(value), style, rng)
        elif key == "equipment":
            values[key] = rng.choice(value)  # type: ignore[arg-type]
        else:
            values[key] = str(value)
    values["age"] = str(slots["age"])
    out: list[str] = []
    for piece in template.split("{"):
        if "}" not in piece:
            out.append(piece)
            continue
        name, _, rest = piece.partition("}")
        if name.startswith("s:"):
            out.append(rng.choice(SYNONYMS[name[2:]]))
        else:
            out.append(values[name])
        out.append(rest)
    return "".join(out)


def _sentence(clause: str) -> str:
    return clause[0].upper() + clause[1:] + "."


def _render_fact(fact: Fact, style: Style, rng: random.Random) -> list[str]:
    """One or (rarely) two paragraphs telling `fact` in this outlet's words."""
    clauses = [_render_clause(kind, fact, style, rng) for kind in fact.clauses]
    if len(clauses) > 1 and rng.random() < 0.5:
        rng.shuffle(clauses)
    if rng.random() < style.framing:
        clauses[0] = f"{clauses[0]}, {rng.choice(FRAMING[style.side])}"
    if len(clauses) >= 3 and rng.random() < 0.15:
        return [" ".join(_sentence(c) for c in clauses[:1]), " ".join(map(_sentence, clauses[1:]))]
    return [" ".join(_sentence(c) for c in clauses)]


@dataclass(frozen=True)
class LabelledEvent:
    """Sources and lexicon, plus the fact every paragraph tells (the ground truth)."""

    sources: tuple[Source, ...]
    lexicon: Lexicon
    labels: dict[Member, str]


def make_labelled_event(
    n_sources: int = 30, n_paragraphs: int = 100, seed: int = 0
) -> LabelledEvent:
    rng = random.Random(seed)
    pool = [_new_fact(rng, f"f{i}") for i in range(max(1, round(n_paragraphs * 1.3)))]
    sources: list[Source] = []
    labels: dict[Member, str] = {}
    for i in range(n_sources):
        side = SIDES[i % len(SIDES)]
        outlet_id = f"{side[:2]}{i + 1:02d}"
        outlet = Outlet(outlet_id, f"{side.capitalize()} Outlet {i + 1}", side)
        style = Style(side, numbers_as_words=rng.choice((0.0, 0.3, 0.8)), framing=0.15)
        # Efraimidis-Spirakis weighted sampling: outlets favour their own side's facts.
        weight: Callable[[Fact], float] = lambda f, s=side: 2.0 if f.side == s else 1.0  # noqa: E731
        ranked = sorted(pool, key=lambda f: rng.random() ** (1 / weight(f)), reverse=True)
        shared = ranked[: round(n_paragraphs * rng.uniform(0.6, 0.8))]
        own = [_new_fact(rng, f"{outlet_id}-u{j}") for j in range(n_paragraphs - len(shared))]
        facts = shared + own
        rng.shuffle(facts)
        paragraphs: list[str] = []
        for fact in facts:
            for text in _render_fact(fact, style, rng):
                if len(paragraphs) < n_paragraphs:
                    labels[Member(outlet_id, len(paragraphs))] = fact.id
                    paragraphs.append(text)
        sources.append(
            Source(
                id=outlet_id,
                outlet=outlet,
                location=f"synthetic://seed-{seed}/{outlet_id}",
                status="ok",
                title=f"Shelling of Ganja and Stepanakert, as told by {outlet.name}",
                paragraphs=tuple(paragraphs),
            )
        )
    return LabelledEvent(tuple(sources), Lexicon(names=NAME_GROUPS), labels)


def make_event(
    n_sources: int = 30, n_paragraphs: int = 100, seed: int = 0
) -> tuple[tuple[Source, ...], Lexicon]:
    """A deterministic event of `n_sources` outlets with `n_paragraphs` paragraphs each."""
    event = make_labelled_event(n_sources, n_paragraphs, seed)
    return event.sources, event.lexicon


def event_parser(description: str) -> argparse.ArgumentParser:
    """The size and seed of the synthetic event, the same flags in every benchmark."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sources", type=int, default=30, help="outlets (default: 30)")
    parser.add_argument("--paragraphs", type=int, default=100, help="per outlet (default: 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    return parser


def main() -> None:
    args = event_parser(__doc__.splitlines()[0]).parse_args()
    event = make_labelled_event(args.sources, args.paragraphs, args.seed)
    words = [len(p.split()) for s in event.sources for p in s.paragraphs]
    per_fact = Counter(event.labels.values())
    shared = sum(1 for n in per_fact.values() if n > 1)
    print(f"sources: {len(event.sources)} ({Counter(s.side for s in event.sources)})")
    print(f"paragraphs: {len(words)}, words per paragraph {min(words)}-{max(words)}, "
          f"mean {sum(words) / len(words):.1f}")  # fmt: skip
    print(f"facts told: {len(per_fact)}, told by more than one paragraph: {shared}")
    print("example paragraphs of the first shared fact:")
    first = next(f for f, n in per_fact.items() if n > 1)
    for member, fact in list(event.labels.items()):
        if fact == first:
            source = next(s for s in event.sources if s.id == member.source)
            print(f"  [{source.id}/{member.paragraph}] {source.paragraphs[member.paragraph]}")


if __name__ == "__main__":
    main()
