"""The cleaning rules for one authority's names, aliases, region and type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .records import ReferenceBuildError

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


def int_or_none(text: str) -> int | None:
    text = text.replace(",", "").strip()
    return int(text) if text.isdigit() else None
