"""Finding English local authorities by any of their names in free text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    name: str
    ons_code: str
    aliases: tuple[str, ...] = ()


def normalise_name(name: str) -> str:
    name = name.lower().replace("&", " and ").replace("’", "'")
    name = re.sub(r"[^a-z0-9' ]+", " ", name)
    name = re.sub(r"\b(city of|royal borough of|london borough of|county of|borough of|council)\b", " ", name)
    return " ".join(name.split())


@dataclass
class Gazetteer:
    """Every authority's names; built by the caller (from the database or the reference CSV)."""

    places: list[Place]
    _by_name: dict[str, Place] = field(init=False, repr=False)
    _pattern: re.Pattern | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self._by_name = {}
        for place in self.places:
            for name in (place.name, *place.aliases):
                self._by_name.setdefault(normalise_name(name), place)
        names = sorted({n for p in self.places for n in (p.name, *p.aliases)}, key=len, reverse=True)
        if names:
            alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def lookup(self, name: str) -> Place | None:
        """The authority called exactly this (any alias, case and 'City of' ignored)."""
        return self._by_name.get(normalise_name(name))

    def mentions(self, text: str) -> list[Place]:
        """Authorities named in the text, most mentioned first, ties by first appearance."""
        if self._pattern is None:
            return []
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        places: dict[str, Place] = {}
        for match in self._pattern.finditer(text):
            place = self.lookup(match.group(0))
            if place is None:
                continue
            counts[place.ons_code] = counts.get(place.ons_code, 0) + 1
            first.setdefault(place.ons_code, match.start())
            places[place.ons_code] = place
        order = sorted(counts, key=lambda code: (-counts[code], first[code]))
        return [places[code] for code in order]
