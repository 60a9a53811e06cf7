"""Loading the cleaned reference data (data/*.csv) into the database.

Upserts by ONS code: loading the same files twice changes nothing. What the files say wins for the
fields they hold; aliases added by hand in the admin are kept (an alias the files give to another
authority is moved there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Authority, AuthorityAlias, AuthorityType, Region, StatisticalNeighbour
from .reference import (
    DATA_DIR,
    PREDECESSOR_COLUMNS,
    AuthorityRow,
    NeighbourRow,
    read_authorities,
    read_neighbours,
    read_predecessors,
)

# The Authority fields the files set: every column but the key, the aliases (a table of their own),
# the region's code and the successors (links of their own).
FIELDS = tuple(
    c for c in PREDECESSOR_COLUMNS if c not in {"ons_code", "aliases", "region_code", "successors"}
)


class ReferenceDataError(Exception):
    """The reference files are inconsistent (unknown region, neighbour not listed, ...)."""


@dataclass
class LoadResult:
    current: int = 0
    predecessors: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases_created: int = 0
    aliases_moved: int = 0
    neighbours_created: int = 0
    neighbours_removed: int = 0
    successor_links_created: int = 0
    successor_links_removed: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.created,
                self.updated,
                self.aliases_created,
                self.aliases_moved,
                self.neighbours_created,
                self.neighbours_removed,
                self.successor_links_created,
                self.successor_links_removed,
            )
        )

    def summary(self) -> str:
        return (
            f"Loaded {self.current + self.predecessors} authorities ({self.current} current, "
            f"{self.predecessors} predecessors): {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged; aliases {self.aliases_created} new, {self.aliases_moved} moved; "
            f"statistical neighbours {self.neighbours_created} new, {self.neighbours_removed} removed; "
            f"successor links {self.successor_links_created} new, {self.successor_links_removed} removed"
        )


def _check(rows: list[AuthorityRow]) -> None:
    codes = [r.ons_code for r in rows]
    if len(set(codes)) != len(codes):
        raise ReferenceDataError("an ONS code is listed twice")
    for row in rows:
        if row.region not in Region.values:
            raise ReferenceDataError(f"{row.name}: unknown region {row.region!r}")
        if row.authority_type not in AuthorityType.values:
            raise ReferenceDataError(f"{row.name}: unknown authority type {row.authority_type!r}")
        if missing := [code for code in row.successors if code not in codes]:
            raise ReferenceDataError(f"{row.name}: successors not listed: {missing}")


def _values(row: AuthorityRow) -> dict[str, object]:
    return {name: getattr(row, name) for name in FIELDS}


@transaction.atomic
def load_reference_data(*, data_dir: Path = DATA_DIR) -> LoadResult:
    """Upsert every authority (current and predecessors), its aliases, successors and neighbours."""
    current = read_authorities(data_dir / "authorities.csv")
    predecessors = read_predecessors(data_dir / "predecessors.csv")
    neighbours = read_neighbours(data_dir / "statistical_neighbours.csv")
    rows = current + predecessors
    _check(rows)
    result = LoadResult(current=len(current), predecessors=len(predecessors))
    pks = _upsert_authorities(rows, result)
    _place_aliases(rows, pks, result)
    _link_successors(rows, pks, result)
    _replace_changed_neighbours(neighbours, pks, result)
    return result


def _upsert_authorities(rows: list[AuthorityRow], result: LoadResult) -> dict[str, int]:
    """Authorities by ONS code, created or updated; {ONS code: pk}."""
    existing = {a.ons_code: a for a in Authority.objects.all()}
    to_create: list[Authority] = []
    to_update: list[Authority] = []
    for row in rows:
        values = _values(row)
        authority = existing.get(row.ons_code)
        if authority is None:
            to_create.append(Authority(ons_code=row.ons_code, **values))
            continue
        changed = [name for name, value in values.items() if getattr(authority, name) != value]
        if changed:
            for name in changed:
                setattr(authority, name, values[name])
            to_update.append(authority)
    Authority.objects.bulk_create(to_create)
    if to_update:
        Authority.objects.bulk_update(to_update, FIELDS)
    result.created, result.updated = len(to_create), len(to_update)
    result.unchanged = len(rows) - result.created - result.updated
    return dict(
        Authority.objects.filter(ons_code__in=[r.ons_code for r in rows]).values_list("ons_code", "pk")
    )


def _place_aliases(rows: list[AuthorityRow], pks: dict[str, int], result: LoadResult) -> None:
    """Each alias belongs to the authority the files say (moved there from another if need be)."""
    wanted = {alias: pks[row.ons_code] for row in rows for alias in row.aliases}
    stored = {a.name: a for a in AuthorityAlias.objects.filter(name__in=wanted)}
    moved = []
    for name, authority_id in wanted.items():
        alias = stored.get(name)
        if alias is not None and alias.authority_id != authority_id:
            alias.authority_id = authority_id
            moved.append(alias)
    new_aliases = [AuthorityAlias(name=n, authority_id=a) for n, a in wanted.items() if n not in stored]
    AuthorityAlias.objects.bulk_create(new_aliases)
    if moved:
        AuthorityAlias.objects.bulk_update(moved, ["authority"])
    result.aliases_created, result.aliases_moved = len(new_aliases), len(moved)


def _link_successors(rows: list[AuthorityRow], pks: dict[str, int], result: LoadResult) -> None:
    """Successor links as the files give them, for every authority in the files."""
    through = Authority.successors.through
    wanted_links = {(pks[row.ons_code], pks[code]) for row in rows for code in row.successors}
    stored_links = set(
        through.objects.filter(from_authority_id__in=pks.values()).values_list(
            "from_authority_id", "to_authority_id"
        )
    )
    for from_id, to_id in stored_links - wanted_links:
        through.objects.filter(from_authority_id=from_id, to_authority_id=to_id).delete()
    through.objects.bulk_create(
        [through(from_authority_id=f, to_authority_id=t) for f, t in sorted(wanted_links - stored_links)]
    )
    result.successor_links_created = len(wanted_links - stored_links)
    result.successor_links_removed = len(stored_links - wanted_links)


def _replace_changed_neighbours(
    neighbours: list[NeighbourRow], pks: dict[str, int], result: LoadResult
) -> None:
    """Statistical neighbours: an authority whose list changed at all gets its list replaced."""
    wanted_lists: dict[int, list[tuple[int, int, str]]] = {}
    for link in neighbours:
        if link.ons_code not in pks or link.neighbour_ons_code not in pks:
            raise ReferenceDataError(f"neighbour link {link} names an authority not listed")
        wanted_lists.setdefault(pks[link.ons_code], []).append(
            (link.rank, pks[link.neighbour_ons_code], link.closeness)
        )
    stored_lists: dict[int, list[tuple[int, int, str]]] = {}
    for authority_id, rank, neighbour_id, closeness in StatisticalNeighbour.objects.filter(
        authority_id__in=pks.values()
    ).values_list("authority_id", "rank", "neighbour_id", "closeness"):
        stored_lists.setdefault(authority_id, []).append((rank, neighbour_id, closeness))
    replace = [
        authority_id
        for authority_id in set(wanted_lists) | set(stored_lists)
        if sorted(wanted_lists.get(authority_id, [])) != sorted(stored_lists.get(authority_id, []))
    ]
    if replace:
        result.neighbours_removed, _ = StatisticalNeighbour.objects.filter(authority_id__in=replace).delete()
        new_links = [
            StatisticalNeighbour(authority_id=a, rank=rank, neighbour_id=n, closeness=closeness)
            for a in replace
            for rank, n, closeness in sorted(wanted_lists.get(a, []))
        ]
        StatisticalNeighbour.objects.bulk_create(new_links)
        result.neighbours_created = len(new_links)
