"""Which English local authorities a text names: every such question of the parser is answered here.

- `Gazetteer.lookup`: the authority called exactly this ("City of Westminster", "Bristol, City of");
- `Gazetteer.resolve`: the authority a name as a document prints it stands for ("Durham County
  Council", "East Riding"), or with exact=True only one it names once its affixes are gone;
- `Gazetteer.mentions` and `Gazetteer.counts`: the authorities a text names, most named first.

Names are compared through one normaliser, `normalise_name`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .records import AuthorityMention


@dataclass(frozen=True)
class Place:
    name: str
    ons_code: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def normalise_name(name: str) -> str:
    """A name as the gazetteer compares it: lower case, '&' as 'and', no 'City of' or 'Council'."""
    name = name.lower().replace("&", " and ").replace("’", "'")
    name = re.sub(r"[^a-z0-9' ]+", " ", name)
    name = re.sub(r"\b(city of|royal borough of|london borough of|county of|borough of|council)\b", " ", name)
    return " ".join(name.split())


_APOS = "[’'`]"
# What a document prints around an authority's name: "Council of the", "London Borough of",
# "County Council", "Safeguarding Children Board", ", City of", "local authority".
_AFFIXES_RE = re.compile(
    r"^(?:the\s+)?(?:council\s+of\s+(?:the\s+)?|(?:royal\s+|london\s+|metropolitan\s+)?borough\s+of\s+"
    r"|city\s+(?:and\s+county\s+)?of\s+|county\s+of\s+)"
    r"|\s+(?:(?:metropolitan\s+)?(?:borough|county|city|district)\s+)?council$"
    r"|\s+unitary\s+authority$|\s+safeguarding\s+children" + _APOS + r"?s?\s+(?:board|partnership)$"
    r"|,?\s+city\s+of$|\s+local\s+authority$",
    re.IGNORECASE,
)
# A word as names begin (capitalised), and the words of a name.
_CAPITALISED_RE = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*")
_TOKEN_RE = re.compile(r"[\w’'.-]+")
_POSSESSIVE_RE = re.compile(r"['’]s?$")


@dataclass
class Gazetteer:
    """Every authority's names; built by the caller (from the database or the reference CSV)."""

    places: list[Place]
    _by_name: dict[str, Place] = field(init=False, repr=False)
    _first_words: frozenset[str] = field(init=False, repr=False)
    _longest: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {}
        for place in self.places:
            for name in place.names:
                self._by_name.setdefault(normalise_name(name), place)
        words = [_TOKEN_RE.findall(name) for place in self.places for name in place.names]
        self._first_words = frozenset(w[0].lower() for w in words if w)
        self._longest = max((len(w) for w in words), default=1)

    def lookup(self, name: str) -> Place | None:
        """The authority called exactly this (any alias, case and 'City of' ignored)."""
        return self._by_name.get(normalise_name(name))

    def resolve(self, name: str, *, exact: bool = False) -> Place | None:
        """The authority for a name as a document prints it ("Durham County Council"). With exact,
        only a name that is an authority's once its affixes are gone ("Council", "London Borough
        of"): no authority merely mentioned in it or whose name it begins."""
        name = " ".join(name.split()).strip(" ,.:;")
        if not name:
            return None
        place = self.lookup(name)
        if place is not None:
            return place
        stripped = name
        for _ in range(3):
            shorter = _AFFIXES_RE.sub("", stripped).strip(" ,")
            if shorter == stripped:
                break
            stripped = shorter
            place = self.lookup(stripped)
            if place is not None:
                return place
        if exact:
            return None
        mentioned = self.mentions(name)
        if mentioned:
            return mentioned[0]
        return self._shortened(stripped)

    def _shortened(self, name: str) -> Place | None:
        """The one authority whose name a shortened name begins: "East Riding" for "East Riding of
        Yorkshire"."""
        key = normalise_name(name)
        if len(key) < 4:
            return None
        matches = {
            place.ons_code: place
            for place in self.places
            for full in place.names
            if normalise_name(full).startswith(key + " ")
        }
        return next(iter(matches.values())) if len(matches) == 1 else None

    def mentions(self, text: str) -> list[Place]:
        """Authorities named in the text, most named first (ties: first named first)."""
        return [place for place, _ in self.counts(text)]

    def counts(self, text: str) -> list[tuple[Place, int]]:
        """(authority, times named) for the authorities a text names, most named first (ties: first
        named first).

        A name counts only where it starts with a capital letter ("Reading", not "reading"; "Bury",
        not "bury"). Fast on a whole report: it looks up only the runs of words that begin with the
        first word of some authority's name, the longest run that is a name first.
        """
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        places: dict[str, Place] = {}
        position = 0
        for word in _CAPITALISED_RE.finditer(text):
            first = _POSSESSIVE_RE.sub("", word.group(0)).lower().rstrip(".")
            if word.start() < position or first not in self._first_words:
                continue
            window = min(len(text), word.start() + 120)
            ends = [m.end() for m in _TOKEN_RE.finditer(text, word.start(), window)]
            for count in range(min(self._longest, len(ends)), 0, -1):
                candidate = text[word.start() : ends[count - 1]]
                place = self.lookup(candidate) or self.lookup(_POSSESSIVE_RE.sub("", candidate))
                if place is not None:
                    counts[place.ons_code] += 1
                    first_seen.setdefault(place.ons_code, word.start())
                    places[place.ons_code] = place
                    position = ends[count - 1]
                    break
        order = sorted(counts, key=lambda code: (-counts[code], first_seen[code]))
        return [(places[code], counts[code]) for code in order]

    def others(self, text: str, subject: Place | None) -> list[str]:
        """The names of the authorities a text names besides its subject, most named first."""
        return [
            place.name
            for place in self.mentions(text)
            if subject is None or place.ons_code != subject.ons_code
        ]


def mention(place: Place) -> AuthorityMention:
    """The authority as a parse records it."""
    return AuthorityMention(name=place.name, ons_code=place.ons_code)
