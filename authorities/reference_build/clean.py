"""The build: the lookup's rows checked against Ofsted's list and DfE's, cleaned into the current
authorities, their predecessors and their statistical neighbours."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from django.utils.text import slugify

from authorities.reference import AuthorityRow

from .known import EXTRA_ALIASES, PREDECESSORS, BoundaryChange
from .names import (
    CODE_BY_REGION,
    LOOKUP_TYPES,
    authority_type_for,
    clean_region,
    collect_aliases,
    everyday_name,
    int_or_none,
    name_key,
    split_also_known_as,
)
from .records import NeighbourLink, ReferenceBuildError, ReferenceData
from .sources import LOOKUP_FILE, NEIGHBOURS_FILE, OUTCOMES_FILE, read_csv, read_ofsted_authorities

EXPECTED_CURRENT = 153
NEIGHBOURS_EACH = 10


def build_reference(source_dir: Path) -> ReferenceData:
    """Read the shared reference files in source_dir and return the cleaned reference data."""
    lookup = read_csv(source_dir / LOOKUP_FILE)
    dfe = read_csv(source_dir / NEIGHBOURS_FILE)
    ofsted_current, ofsted_gone = read_ofsted_authorities(source_dir / OUTCOMES_FILE)
    return clean_reference(lookup=lookup, dfe=dfe, ofsted_current=ofsted_current, ofsted_gone=ofsted_gone)


def clean_reference(
    *,
    lookup: Sequence[dict[str, str]],
    dfe: Sequence[dict[str, str]],
    ofsted_current: dict[str, str],
    ofsted_gone: dict[str, str],
) -> ReferenceData:
    current_rows = [r for r in lookup if r.get("la_code_new")]
    abolished_rows = {r["la_code"]: r for r in lookup if not r.get("la_code_new")}
    _check_which_are_current(current_rows, abolished_rows, ofsted_current, ofsted_gone)

    names = {r["la_code_new"]: everyday_name(ofsted_current[r["la_code_new"]]) for r in current_rows}
    all_names = {name_key(n) for n in names.values()} | {name_key(p.name) for p in PREDECESSORS}
    dfe_by_la = {r["old_la_code"]: r for r in dfe}
    corrections: list[str] = []
    authorities = [
        _current_authority(row, names[row["la_code_new"]], ofsted_current, dfe_by_la, all_names, corrections)
        for row in current_rows
    ]
    authorities.sort(key=lambda a: a.name.casefold())
    predecessors = [
        _predecessor(change, abolished_rows.get(change.la_code, {}), ofsted_gone, all_names, corrections)
        for change in PREDECESSORS
    ]
    neighbours = clean_neighbours(authorities, dfe)
    check_unique(authorities + predecessors)
    return ReferenceData(authorities, predecessors, neighbours, corrections)


def _check_which_are_current(current_rows, abolished_rows, ofsted_current, ofsted_gone) -> None:
    """The lookup rows with a current ONS code are Ofsted's 153, once each; every other row and
    every authority Ofsted says no longer exists is a known predecessor."""
    codes = Counter(r["la_code_new"] for r in current_rows)
    if duplicated := sorted(c for c, n in codes.items() if n > 1):
        raise ReferenceBuildError(f"lookup: ONS codes on more than one row: {duplicated}")
    if set(codes) != set(ofsted_current):
        raise ReferenceBuildError(
            "lookup and Ofsted's list of authorities differ: "
            f"only in lookup {sorted(set(codes) - set(ofsted_current))}, "
            f"only in Ofsted's {sorted(set(ofsted_current) - set(codes))}"
        )
    if len(codes) != EXPECTED_CURRENT:
        raise ReferenceBuildError(f"{len(codes)} current authorities, expected {EXPECTED_CURRENT}")
    if unknown := sorted(set(abolished_rows) - {p.la_code for p in PREDECESSORS}):
        raise ReferenceBuildError(f"lookup rows without a current ONS code and no known successor: {unknown}")
    if unknown := sorted(set(ofsted_gone) - {p.ons_code for p in PREDECESSORS}):
        raise ReferenceBuildError(f"Ofsted lists authorities that no longer exist, not known here: {unknown}")


def _current_authority(
    row: dict[str, str],
    name: str,
    ofsted_current: dict[str, str],
    dfe_by_la: dict[str, dict[str, str]],
    all_names: set[str],
    corrections: list[str],
) -> AuthorityRow:
    """One current authority from its lookup row, under Ofsted's name; what was corrected is
    added to `corrections`."""
    code = row["la_code_new"]
    label = f"{name} ({code})"
    dfe_row = dfe_by_la.get(row["la_code"])
    region, region_code, fixes = clean_region(row, dfe_row["region_name"] if dfe_row else None, label)
    corrections += fixes

    kind = authority_type_for(code)
    stated_kind = LOOKUP_TYPES.get(row.get("ons_la_type", "").casefold())
    if stated_kind != kind:
        corrections.append(
            f"{label}: type {row.get('ons_la_type') or '(blank)'} in the lookup, but an {code[:3]} "
            f"code is a {kind.replace('_', ' ')}; corrected"
        )

    population = int_or_none(row.get("ons_population_0-25", ""))
    if population is not None and name_key(row.get("utla23nm", "")) in {
        name_key(p.name) for p in PREDECESSORS
    }:
        corrections.append(
            f"{label}: population aged 0-25 {population} is the former {row['utla23nm']}'s "
            "(2023 geography); left blank"
        )
        population = None

    ons_name = row.get("local_authority_ons_name", "")
    if name_key(ons_name) != name_key(name):
        corrections.append(
            f"{label}: lookup name {ons_name!r}; Ofsted's {name!r} used, the other kept as alias"
        )

    candidates = [
        ofsted_current[code],
        ons_name,
        *split_also_known_as(row.get("also_known_as", ""), (name, ons_name)),
        row.get("ltla23nm", ""),
        row.get("utla23nm", ""),
        dfe_row["la_name"] if dfe_row else "",
        *EXTRA_ALIASES.get(code, ()),
    ]
    return AuthorityRow(
        ons_code=code,
        name=name,
        slug=slugify(name),
        ofsted_urn=row.get("urn", ""),
        la_code=row.get("la_code", ""),
        region=region,
        region_code=region_code,
        authority_type=kind,
        aliases=collect_aliases(name, candidates, all_names - {name_key(name)}),
        population_0_25=population,
    )


def _predecessor(
    change: BoundaryChange,
    row: dict[str, str],
    ofsted_gone: dict[str, str],
    all_names: set[str],
    corrections: list[str],
) -> AuthorityRow:
    """An abolished authority, from what is known of its reorganisation and its lookup row if any."""
    label = f"{change.name} ({change.ons_code})"
    if row and row.get("ltla23cd") and row["ltla23cd"] != change.ons_code:
        raise ReferenceBuildError(f"{label}: the lookup gives ONS code {row['ltla23cd']}")
    region, region_code = change.region, CODE_BY_REGION[change.region]
    if row:
        region, region_code, fixes = clean_region(row, None, label)
        corrections += fixes
        if region != change.region:
            raise ReferenceBuildError(f"{label}: the lookup puts it in {region}, not {change.region}")
    candidates = [
        row.get("local_authority_ons_name", ""),
        ofsted_gone.get(change.ons_code, ""),
        *change.aliases,
    ]
    return AuthorityRow(
        ons_code=change.ons_code,
        name=change.name,
        slug=slugify(change.name),
        ofsted_urn=row.get("urn", ""),
        la_code=change.la_code,
        region=region,
        region_code=region_code,
        authority_type=authority_type_for(change.ons_code),
        aliases=collect_aliases(change.name, candidates, all_names - {name_key(change.name)}),
        population_0_25=int_or_none(row.get("ons_population_0-25", "")),
        abolished=change.abolished,
        successors=change.successors,
    )


def clean_neighbours(
    authorities: Sequence[AuthorityRow], dfe: Sequence[dict[str, str]]
) -> list[NeighbourLink]:
    """DfE's ten statistical neighbours of every current authority, as ONS codes, rank 1-10."""
    by_la = {a.la_code: a for a in authorities}
    links: list[NeighbourLink] = []
    seen: set[str] = set()
    for row in dfe:
        authority = by_la.get(row["old_la_code"])
        if authority is None:
            raise ReferenceBuildError(
                f"DfE neighbours: unknown LA code {row['old_la_code']} ({row['la_name']})"
            )
        seen.add(authority.ons_code)
        ranked = []
        for rank in range(1, NEIGHBOURS_EACH + 1):
            neighbour = by_la.get(row.get(f"SN_{rank}", ""))
            if neighbour is None:
                raise ReferenceBuildError(f"DfE neighbours of {authority.name}: unknown LA code in SN_{rank}")
            ranked.append(neighbour.ons_code)
            links.append(
                NeighbourLink(
                    ons_code=authority.ons_code,
                    name=authority.name,
                    rank=rank,
                    neighbour_ons_code=neighbour.ons_code,
                    neighbour_name=neighbour.name,
                    closeness=" ".join(row.get(f"SN_{rank}P", "").split()),
                )
            )
        if len(set(ranked)) != NEIGHBOURS_EACH or authority.ons_code in ranked:
            raise ReferenceBuildError(f"DfE neighbours of {authority.name}: repeated or itself")
    if missing := sorted(a.name for a in authorities if a.ons_code not in seen):
        raise ReferenceBuildError(f"DfE neighbours: no row for {missing}")
    links.sort(key=lambda link: (link.name.casefold(), link.rank))
    return links


def check_unique(authorities: Sequence[AuthorityRow]) -> None:
    """Names, slugs, ONS codes and aliases must each be unique across every authority."""
    for label, values in (
        ("ONS code", [a.ons_code for a in authorities]),
        ("slug", [a.slug for a in authorities]),
        ("name or alias", [name_key(n) for a in authorities for n in (a.name, *a.aliases)]),
    ):
        if repeated := sorted(v for v, n in Counter(values).items() if n > 1):
            raise ReferenceBuildError(f"{label} not unique: {repeated}")
