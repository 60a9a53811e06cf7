"""The project's cleaned reference data of English local authorities (files in data/).

Plain reading, no ORM: the loader (services.load_reference_data) and the parser's tests both use it.
The files are built by `python manage.py build_reference_data` (reference_build/), which writes them
with authority_record(); data/README.md says where they come from.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
AUTHORITIES_CSV = DATA_DIR / "authorities.csv"
PREDECESSORS_CSV = DATA_DIR / "predecessors.csv"
NEIGHBOURS_CSV = DATA_DIR / "statistical_neighbours.csv"

AUTHORITY_COLUMNS = [
    "ons_code",
    "name",
    "slug",
    "ofsted_urn",
    "la_code",
    "region",
    "authority_type",
    "aliases",
    "region_code",
    "population_0_25",
]
PREDECESSOR_COLUMNS = [*AUTHORITY_COLUMNS, "abolished", "successors"]


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
    region_code: str = ""
    population_0_25: int | None = None
    abolished: date | None = None  # predecessors only
    successors: tuple[str, ...] = ()  # predecessors only: ONS codes


@dataclass(frozen=True)
class NeighbourRow:
    ons_code: str
    rank: int
    neighbour_ons_code: str
    closeness: str


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(";") if part.strip())


def _row(row: dict[str, str]) -> AuthorityRow:
    population = (row.get("population_0_25") or "").strip()
    abolished = (row.get("abolished") or "").strip()
    return AuthorityRow(
        ons_code=row["ons_code"],
        name=row["name"],
        slug=row["slug"],
        ofsted_urn=row["ofsted_urn"],
        la_code=row["la_code"],
        region=row["region"],
        authority_type=row["authority_type"],
        aliases=_split(row["aliases"]),
        region_code=row.get("region_code") or "",
        population_0_25=int(population) if population else None,
        abolished=date.fromisoformat(abolished) if abolished else None,
        successors=_split(row.get("successors")),
    )


def authority_record(a: AuthorityRow) -> dict[str, object]:
    """One row of authorities.csv or predecessors.csv: what _row() reads back."""
    return {
        **asdict(a),
        "aliases": ";".join(a.aliases),
        "population_0_25": "" if a.population_0_25 is None else a.population_0_25,
        "abolished": a.abolished.isoformat() if a.abolished else "",
        "successors": ";".join(a.successors),
    }


def read_authorities(path: Path = AUTHORITIES_CSV) -> list[AuthorityRow]:
    """The 153 current authorities with children's services responsibilities."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [_row(row) for row in csv.DictReader(handle)]


def read_predecessors(path: Path = PREDECESSORS_CSV) -> list[AuthorityRow]:
    """Abolished authorities (Cumbria, Northamptonshire, ...), each with its successors' ONS codes."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [_row(row) for row in csv.DictReader(handle)]


def read_neighbours(path: Path = NEIGHBOURS_CSV) -> list[NeighbourRow]:
    """DfE's statistical neighbours: ten per current authority, rank 1 (closest) to 10."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            NeighbourRow(
                ons_code=row["ons_code"],
                rank=int(row["rank"]),
                neighbour_ons_code=row["neighbour_ons_code"],
                closeness=row["closeness"],
            )
            for row in csv.DictReader(handle)
        ]
