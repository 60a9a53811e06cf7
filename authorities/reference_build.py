"""Build the project's cleaned reference data of English local authorities from the shared sources.

Pure functions: they read the shared files (paths given), return plain records and write CSV files.
No database. `python manage.py build_reference_data` runs them; tests check their output.

Sources (see data/README.md for their licences):
- ``ofsted-provider-lookup.csv``: one row per authority (156, some abolished): codes, region, type,
  population aged 0-25, other names.
- ``dfe-statistical-neighbours-2025.csv``: DfE's ten nearest authorities each, by old LA code.
- ``ofsted-la-inspection-outcomes-2025-03-31.ods``: Ofsted's list of all 153 authorities (sheet
  ``Inspections_as_at_31_March``), the check of which lookup rows are current, and Ofsted's
  everyday names; sheet ``ILACS_inspection_history`` names the authorities that "no longer exist".
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.text import slugify
from python_calamine import CalamineWorkbook

LOOKUP_FILE = "ofsted-provider-lookup.csv"
NEIGHBOURS_FILE = "dfe-statistical-neighbours-2025.csv"
OUTCOMES_FILE = "ofsted-la-inspection-outcomes-2025-03-31.ods"

EXPECTED_CURRENT = 153
NEIGHBOURS_EACH = 10

# ONS region codes (RGN22CD) and the names the project uses (authorities.models.Region values).
REGION_CODES: dict[str, str] = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and the Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}
REGION_BY_KEY = {name.casefold(): name for name in REGION_CODES.values()}
CODE_BY_REGION = {name: code for code, name in REGION_CODES.items()}

# The ONS code's entity prefix says what kind of authority it is (authorities.models.AuthorityType).
TYPE_BY_PREFIX = {
    "E06": "unitary",
    "E08": "metropolitan_district",
    "E09": "london_borough",
    "E10": "county",
}

# Everyday spellings that none of the sources gives, by ONS code. Names the sources give (ONS,
# DfE, Ofsted, the lookup's also_known_as) are added automatically, with "&"/"and" variants.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "E09000033": ("City of Westminster", "Westminster City Council"),
    "E06000023": ("City of Bristol", "Bristol City Council"),
    "E06000010": ("Hull", "City of Kingston upon Hull", "Hull City Council"),
    "E06000058": ("BCP", "BCP Council"),
    "E06000047": ("County Durham", "Durham County Council"),
    "E06000019": ("County of Herefordshire", "Herefordshire Council"),
    "E09000020": ("Royal Borough of Kensington and Chelsea", "RBKC"),
    "E06000040": ("Royal Borough of Windsor and Maidenhead", "RBWM"),
    "E09000021": ("Royal Borough of Kingston upon Thames",),
    "E09000011": ("Royal Borough of Greenwich",),
    "E06000022": ("BANES", "B&NES"),
    "E06000033": ("Southend",),
    "E06000011": ("East Riding",),
    "E06000053": ("Council of the Isles of Scilly",),
    "E09000001": ("City of London Corporation", "Corporation of London"),
    "E08000013": ("Saint Helens",),
    "E06000055": ("Bedford Borough Council",),
    "E08000021": ("Newcastle",),
}


@dataclass(frozen=True)
class BoundaryChange:
    """An authority abolished in a reorganisation, with the authorities that took over its area."""

    ons_code: str
    name: str
    la_code: str
    region: str
    abolished: date  # the day the successors took over
    successors: tuple[str, ...]  # ONS codes
    aliases: tuple[str, ...] = ()


# Reorganisations since Ofsted's single inspection framework (2013). Not in any one source: the
# lookup keeps rows for Cumbria, Northamptonshire and Poole, Ofsted's history sheet has Bournemouth,
# and the old Dorset county appears in neither. Named so that no name is shared with a current
# authority ("Dorset" is the unitary authority of 2019).
PREDECESSORS: tuple[BoundaryChange, ...] = (
    BoundaryChange(
        "E10000006",
        "Cumbria",
        "909",
        "North West",
        date(2023, 4, 1),
        ("E06000063", "E06000064"),
        ("Cumbria County Council",),
    ),
    BoundaryChange(
        "E10000021",
        "Northamptonshire",
        "928",
        "East Midlands",
        date(2021, 4, 1),
        ("E06000061", "E06000062"),
        ("Northamptonshire County Council",),
    ),
    BoundaryChange(
        "E10000009",
        "Dorset County Council",
        "835",
        "South West",
        date(2019, 4, 1),
        ("E06000059", "E06000058"),
    ),
    BoundaryChange(
        "E06000028",
        "Bournemouth",
        "837",
        "South West",
        date(2019, 4, 1),
        ("E06000058",),
        ("Bournemouth Borough Council",),
    ),
    BoundaryChange(
        "E06000029",
        "Poole",
        "836",
        "South West",
        date(2019, 4, 1),
        ("E06000058",),
        ("Borough of Poole", "Poole Borough Council"),
    ),
)


class ReferenceBuildError(Exception):
    """The sources contradict each other in a way the cleaning rules do not settle."""


@dataclass(frozen=True)
class CleanAuthority:
    ons_code: str
    name: str
    slug: str
    ofsted_urn: str
    la_code: str
    region: str
    region_code: str
    authority_type: str
    aliases: tuple[str, ...]
    population_0_25: int | None
    abolished: date | None = None
    successors: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeighbourLink:
    ons_code: str
    name: str
    rank: int
    neighbour_ons_code: str
    neighbour_name: str
    closeness: str


@dataclass
class ReferenceData:
    authorities: list[CleanAuthority]  # the current ones, by name
    predecessors: list[CleanAuthority]
    neighbours: list[NeighbourLink]
    corrections: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading the sources


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _sheet_table(workbook: CalamineWorkbook, sheet: str, first_column: str) -> list[dict[str, object]]:
    """The table of a sheet as dicts, from its header row (the first row holding first_column)."""
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    for index, row in enumerate(rows):
        if first_column in [str(cell).strip() for cell in row]:
            header = [str(cell).strip() for cell in row]
            return [dict(zip(header, r, strict=False)) for r in rows[index + 1 :] if any(r)]
    raise ReferenceBuildError(f"{sheet}: no header row with {first_column!r}")


def read_ofsted_authorities(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """From Ofsted's outcomes workbook: (current authorities, authorities that no longer exist),
    each ONS code -> the name Ofsted gives."""
    workbook = CalamineWorkbook.from_path(str(path))
    code, name = "Local authority area code", "Local authority name"
    current = {
        str(r[code]).strip(): str(r[name]).strip()
        for r in _sheet_table(workbook, "Inspections_as_at_31_March", code)
    }
    gone = {
        str(r[code]).strip(): str(r[name]).strip()
        for r in _sheet_table(workbook, "ILACS_inspection_history", code)
        if str(r.get("Local authority status", "")).strip().casefold() == "no longer exists"
    }
    return current, gone


# ---------------------------------------------------------------- cleaning rules


def region_name(text: str) -> str | None:
    """A region's name in the project's spelling ("Yorkshire and The Humber" -> "... the Humber")."""
    return REGION_BY_KEY.get(" ".join(text.split()).casefold())


def clean_region(row: dict[str, str], dfe_region: str | None, label: str) -> tuple[str, str, list[str]]:
    """(region name, ONS region code, corrections) for one lookup row, checked across the sources.

    The region is what most sources say: the lookup's region_name and rgn22nm, DfE's region, and
    the name of the lookup's rgn22cd. A code that contradicts the agreed name is corrected.
    """
    votes = [region_name(row.get("region_name", "")), region_name(row.get("rgn22nm", ""))]
    if dfe_region:
        votes.append(region_name(dfe_region))
    stated_code = row.get("rgn22cd", "")
    votes.append(REGION_CODES.get(stated_code))
    counted = Counter(v for v in votes if v)
    if not counted:
        raise ReferenceBuildError(f"{label}: no region given")
    (region, support), *rest = counted.most_common()
    if rest and rest[0][1] == support:
        raise ReferenceBuildError(f"{label}: sources disagree on the region: {dict(counted)}")
    code = CODE_BY_REGION[region]
    corrections = []
    if stated_code != code:
        said = REGION_CODES.get(stated_code, "no region")
        corrections.append(
            f"{label}: region code {stated_code or '(blank)'} ({said}) contradicts region {region}; "
            f"corrected to {code}"
        )
    return region, code, corrections


def authority_type_for(ons_code: str) -> str:
    try:
        return TYPE_BY_PREFIX[ons_code[:3]]
    except KeyError:
        raise ReferenceBuildError(f"{ons_code}: not an English county or unitary-level code") from None


LOOKUP_TYPES = {
    "unitary authority": "unitary",
    "metropolitan district": "metropolitan_district",
    "london borough": "london_borough",
    "county": "county",
}


def everyday_name(ofsted_name: str) -> str:
    """Ofsted's name with "and" for "&" ("Telford & Wrekin" -> "Telford and Wrekin")."""
    return " ".join(ofsted_name.replace(" & ", " and ").split())


def name_key(name: str) -> str:
    """Two spellings are the same alias when they differ only in case and spacing."""
    return " ".join(name.split()).casefold()


def and_variants(name: str) -> list[str]:
    """The name and its spelling with " & " for " and " or the other way round."""
    if " and " in name:
        return [name, name.replace(" and ", " & ")]
    if " & " in name:
        return [name, name.replace(" & ", " and ")]
    return [name]


def split_also_known_as(text: str, known_names: Iterable[str] = ()) -> list[str]:
    """The lookup's also_known_as: "[BCP, Bournemouth, Christchurch & Poole]" -> two names.

    Items are comma-separated, but a name may hold a comma itself: consecutive items are joined
    back when together they spell one of the authority's known names ("&" and "and" alike).
    """
    text = text.strip().strip("[]").strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    known = {name_key(everyday_name(n)) for n in known_names}
    names: list[str] = []
    start = 0
    while start < len(parts):
        for stop in range(len(parts), start, -1):
            joined = ", ".join(parts[start:stop])
            if stop == start + 1 or name_key(everyday_name(joined)) in known:
                names.append(joined)
                start = stop
                break
    return names


def collect_aliases(name: str, candidates: Iterable[str], taken: set[str]) -> tuple[str, ...]:
    """The other spellings of one authority: distinct (by name_key), not its own name, not a name
    that belongs to another authority (taken holds every authority's name key)."""
    seen = {name_key(name)}
    aliases: list[str] = []
    for candidate in candidates:
        for variant in and_variants(" ".join(candidate.split())):
            key = name_key(variant)
            if not variant or key in seen or key in taken:
                continue
            seen.add(key)
            aliases.append(variant)
    return tuple(sorted(aliases, key=str.casefold))


def _int_or_none(text: str) -> int | None:
    text = text.replace(",", "").strip()
    return int(text) if text.isdigit() else None


# ---------------------------------------------------------------- the build


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
    corrections: list[str] = []
    dfe_by_la = {r["old_la_code"]: r for r in dfe}
    predecessors_by_la = {p.la_code: p for p in PREDECESSORS}
    predecessor_codes = {p.ons_code for p in PREDECESSORS}

    current_rows = [r for r in lookup if r.get("la_code_new")]
    abolished_rows = {r["la_code"]: r for r in lookup if not r.get("la_code_new")}

    # Which lookup rows are current: those with a current ONS code; checked against Ofsted's list.
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
    if unknown := sorted(set(abolished_rows) - set(predecessors_by_la)):
        raise ReferenceBuildError(f"lookup rows without a current ONS code and no known successor: {unknown}")
    if unknown := sorted(set(ofsted_gone) - predecessor_codes):
        raise ReferenceBuildError(f"Ofsted lists authorities that no longer exist, not known here: {unknown}")

    names = {r["la_code_new"]: everyday_name(ofsted_current[r["la_code_new"]]) for r in current_rows}
    all_names = {name_key(n) for n in names.values()} | {name_key(p.name) for p in PREDECESSORS}
    predecessor_names = {name_key(p.name) for p in PREDECESSORS}

    authorities: list[CleanAuthority] = []
    for row in current_rows:
        code = row["la_code_new"]
        name = names[code]
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

        population = _int_or_none(row.get("ons_population_0-25", ""))
        if population is not None and name_key(row.get("utla23nm", "")) in predecessor_names:
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

        others = all_names - {name_key(name)}
        candidates = [
            ofsted_current[code],
            ons_name,
            *split_also_known_as(row.get("also_known_as", ""), (name, ons_name)),
            row.get("ltla23nm", ""),
            row.get("utla23nm", ""),
            dfe_row["la_name"] if dfe_row else "",
            *EXTRA_ALIASES.get(code, ()),
        ]
        authorities.append(
            CleanAuthority(
                ons_code=code,
                name=name,
                slug=slugify(name),
                ofsted_urn=row.get("urn", ""),
                la_code=row.get("la_code", ""),
                region=region,
                region_code=region_code,
                authority_type=kind,
                aliases=collect_aliases(name, candidates, others),
                population_0_25=population,
            )
        )
    authorities.sort(key=lambda a: a.name.casefold())

    predecessors: list[CleanAuthority] = []
    for change in PREDECESSORS:
        row = abolished_rows.get(change.la_code, {})
        label = f"{change.name} ({change.ons_code})"
        if row and row.get("ltla23cd") and row["ltla23cd"] != change.ons_code:
            raise ReferenceBuildError(f"{label}: the lookup gives ONS code {row['ltla23cd']}")
        region, region_code = change.region, CODE_BY_REGION[change.region]
        if row:
            region, region_code, fixes = clean_region(row, None, label)
            corrections += fixes
            if region != change.region:
                raise ReferenceBuildError(f"{label}: the lookup puts it in {region}, not {change.region}")
        others = all_names - {name_key(change.name)}
        candidates = [
            row.get("local_authority_ons_name", ""),
            ofsted_gone.get(change.ons_code, ""),
            *change.aliases,
        ]
        predecessors.append(
            CleanAuthority(
                ons_code=change.ons_code,
                name=change.name,
                slug=slugify(change.name),
                ofsted_urn=row.get("urn", ""),
                la_code=change.la_code,
                region=region,
                region_code=region_code,
                authority_type=authority_type_for(change.ons_code),
                aliases=collect_aliases(change.name, candidates, others),
                population_0_25=_int_or_none(row.get("ons_population_0-25", "")),
                abolished=change.abolished,
                successors=change.successors,
            )
        )

    neighbours = clean_neighbours(authorities, dfe)
    check_unique(authorities + predecessors)
    return ReferenceData(authorities, predecessors, neighbours, corrections)


def clean_neighbours(
    authorities: Sequence[CleanAuthority], dfe: Sequence[dict[str, str]]
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


def check_unique(authorities: Sequence[CleanAuthority]) -> None:
    """Names, slugs, ONS codes and aliases must each be unique across every authority."""
    for label, values in (
        ("ONS code", [a.ons_code for a in authorities]),
        ("slug", [a.slug for a in authorities]),
        ("name or alias", [name_key(n) for a in authorities for n in (a.name, *a.aliases)]),
    ):
        if repeated := sorted(v for v, n in Counter(values).items() if n > 1):
            raise ReferenceBuildError(f"{label} not unique: {repeated}")


# ---------------------------------------------------------------- writing

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
NEIGHBOUR_COLUMNS = ["ons_code", "name", "rank", "neighbour_ons_code", "neighbour_name", "closeness"]


def _authority_record(a: CleanAuthority) -> dict[str, object]:
    return {
        "ons_code": a.ons_code,
        "name": a.name,
        "slug": a.slug,
        "ofsted_urn": a.ofsted_urn,
        "la_code": a.la_code,
        "region": a.region,
        "authority_type": a.authority_type,
        "aliases": ";".join(a.aliases),
        "region_code": a.region_code,
        "population_0_25": "" if a.population_0_25 is None else a.population_0_25,
        "abolished": a.abolished.isoformat() if a.abolished else "",
        "successors": ";".join(a.successors),
    }


def _write(path: Path, columns: list[str], records: Iterable[dict[str, object]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)


def write_reference(data: ReferenceData, out_dir: Path) -> list[Path]:
    """Write authorities.csv, predecessors.csv and statistical_neighbours.csv; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [
        out_dir / "authorities.csv",
        out_dir / "predecessors.csv",
        out_dir / "statistical_neighbours.csv",
    ]
    _write(paths[0], AUTHORITY_COLUMNS, (_authority_record(a) for a in data.authorities))
    _write(paths[1], PREDECESSOR_COLUMNS, (_authority_record(a) for a in data.predecessors))
    _write(paths[2], NEIGHBOUR_COLUMNS, (vars(link) for link in data.neighbours))
    return paths
