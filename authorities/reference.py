"""The project's cleaned reference data of English local authorities (files in data/).

Plain reading, no ORM: the loader command and the parser's tests both use it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from inspections.parsing.gazetteer import Gazetteer, Place

DATA_DIR = Path(__file__).resolve().parent / "data"
AUTHORITIES_CSV = DATA_DIR / "authorities.csv"


@dataclass(frozen=True)
class AuthorityRow:
    ons_code: str
    name: str
    slug: str
    ofsted_urn: str
    la_code: str
    region: str
    authority_type: str
    aliases: tuple[str, ...]


def read_authorities(path: Path = AUTHORITIES_CSV) -> list[AuthorityRow]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            AuthorityRow(
                ons_code=row["ons_code"],
                name=row["name"],
                slug=row["slug"],
                ofsted_urn=row["ofsted_urn"],
                la_code=row["la_code"],
                region=row["region"],
                authority_type=row["authority_type"],
                aliases=tuple(a for a in row["aliases"].split(";") if a),
            )
            for row in csv.DictReader(handle)
        ]


def reference_gazetteer(path: Path = AUTHORITIES_CSV) -> Gazetteer:
    return Gazetteer([Place(r.name, r.ons_code, r.aliases) for r in read_authorities(path)])
