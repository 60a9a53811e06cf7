"""The cleaning rules that turn the shared sources into authorities/data/ (no database)."""

import csv
from datetime import date

import pytest

from authorities.reference_build import (
    ReferenceBuildError,
    build_reference,
    clean_reference,
    clean_region,
    collect_aliases,
    read_csv,
    split_also_known_as,
    write_reference,
)
from authorities.reference_build import (
    name_key as build_name_key,
)
from tests.paths import REFERENCE


@pytest.fixture(scope="module")
def built():
    return build_reference(REFERENCE)


@pytest.fixture(scope="module")
def by_name(built):
    return {a.name: a for a in built.authorities + built.predecessors}


def test_153_current_authorities_exactly_ofsteds(built):
    assert len(built.authorities) == 153
    assert len({a.ons_code for a in built.authorities}) == 153
    names = {a.name for a in built.authorities}
    assert {"Cumbria", "Northamptonshire", "Poole", "Bournemouth"}.isdisjoint(names)
    assert {"Cumberland", "Westmorland and Furness", "North Northamptonshire", "Isles of Scilly"} <= names


def test_region_codes_contradicting_their_region_are_corrected(built, by_name):
    lookup = {r["local_authority_ons_name"]: r for r in read_csv(REFERENCE / "ofsted-provider-lookup.csv")}
    # The errors are really in the source ...
    assert lookup["Gloucestershire"]["rgn22cd"] == "E12000003"
    assert lookup["Buckinghamshire"]["rgn22cd"] == "E12000004"
    # ... and corrected here.
    assert (by_name["Gloucestershire"].region, by_name["Gloucestershire"].region_code) == (
        "South West",
        "E12000009",
    )
    assert (by_name["Buckinghamshire"].region, by_name["Buckinghamshire"].region_code) == (
        "South East",
        "E12000008",
    )
    region_fixes = [c for c in built.corrections if "region code" in c]
    assert len(region_fixes) == 2
    assert any(c.startswith("Gloucestershire") for c in region_fixes)
    assert any(c.startswith("Buckinghamshire") for c in region_fixes)


def test_every_region_code_matches_its_region(built):
    codes = {}
    for authority in built.authorities + built.predecessors:
        codes.setdefault(authority.region, set()).add(authority.region_code)
    assert all(len(c) == 1 for c in codes.values())
    counts = {region: 0 for region in codes}
    for authority in built.authorities:
        counts[authority.region] += 1
    # England's 153: as DfE's neighbour file counts them by region.
    assert counts == {
        "London": 33,
        "North West": 24,
        "South East": 19,
        "Yorkshire and the Humber": 15,
        "South West": 15,
        "West Midlands": 14,
        "North East": 12,
        "East of England": 11,
        "East Midlands": 10,
    }


def test_region_disagreement_without_majority_stops_the_build():
    row = {"region_name": "London", "rgn22nm": "South East", "rgn22cd": ""}
    with pytest.raises(ReferenceBuildError):
        clean_region(row, None, "Somewhere")


def test_everyday_names_with_aliases_for_other_spellings(by_name):
    expected = {
        "Bristol": {"Bristol, City of", "City of Bristol"},
        "Kingston upon Hull": {"Hull", "Kingston Upon Hull, City of"},
        "Durham": {"County Durham"},
        "Bournemouth, Christchurch and Poole": {"BCP", "Bournemouth, Christchurch & Poole"},
        "St Helens": {"St. Helens"},
        "Herefordshire": {"Herefordshire, County of"},
        "Westminster": {"City of Westminster"},
        "Hammersmith and Fulham": {"Hammersmith & Fulham"},
        "Bedford": {"Bedford Borough"},
        "Telford and Wrekin": {"Telford & Wrekin"},
    }
    for name, aliases in expected.items():
        assert aliases <= set(by_name[name].aliases), name


def test_aliases_unique_and_never_another_authoritys_name(built):
    everyone = built.authorities + built.predecessors
    keys = [build_name_key(n) for a in everyone for n in (a.name, *a.aliases)]
    assert len(keys) == len(set(keys))
    # Cumberland's 2023 geography is called "Cumbria" in the lookup: that name is the predecessor's.
    cumberland = next(a for a in built.authorities if a.name == "Cumberland")
    assert "Cumbria" not in cumberland.aliases


def test_authority_types_follow_the_ons_code(by_name):
    assert by_name["Westminster"].authority_type == "london_borough"
    assert by_name["City of London"].authority_type == "london_borough"
    assert by_name["Manchester"].authority_type == "metropolitan_district"
    assert by_name["Kent"].authority_type == "county"
    # The lookup says "County" for these three unitary authorities.
    for name in ("Cumberland", "Westmorland and Furness", "North Yorkshire"):
        assert by_name[name].authority_type == "unitary", name


def test_predecessors_and_their_successors(built, by_name):
    successors = {p.name: {by_name_code for by_name_code in p.successors} for p in built.predecessors}
    code = {a.name: a.ons_code for a in built.authorities}
    assert successors["Cumbria"] == {code["Cumberland"], code["Westmorland and Furness"]}
    assert successors["Northamptonshire"] == {code["North Northamptonshire"], code["West Northamptonshire"]}
    assert successors["Bournemouth"] == {code["Bournemouth, Christchurch and Poole"]}
    assert successors["Poole"] == {code["Bournemouth, Christchurch and Poole"]}
    assert successors["Dorset County Council"] == {
        code["Dorset"],
        code["Bournemouth, Christchurch and Poole"],
    }
    assert by_name["Cumbria"].abolished == date(2023, 4, 1)
    assert by_name["Northamptonshire"].abolished == date(2021, 4, 1)
    assert by_name["Bournemouth"].ons_code == "E06000028"
    assert by_name["Cumbria"].ons_code == "E10000006"


def test_population_of_cumbrias_successors_is_not_cumbrias(by_name):
    assert by_name["Cumberland"].population_0_25 is None
    assert by_name["Westmorland and Furness"].population_0_25 is None
    assert by_name["Westminster"].population_0_25 == 59615


def test_ten_neighbours_each_from_dfe(built):
    per_authority = {}
    for link in built.neighbours:
        per_authority.setdefault(link.ons_code, []).append(link)
    assert len(per_authority) == 153
    assert all(sorted(x.rank for x in links) == list(range(1, 11)) for links in per_authority.values())
    westminster = [x.neighbour_name for x in sorted(per_authority["E09000033"], key=lambda x: x.rank)]
    assert westminster[:4] == ["Camden", "Islington", "Southwark", "Kensington and Chelsea"]
    assert all(x.closeness == x.closeness.strip() for x in built.neighbours)


def test_committed_files_are_what_the_build_writes(built, tmp_path):
    """authorities/data/ is exactly the build's output: nobody edited it by hand."""
    from authorities.reference import DATA_DIR

    for path in write_reference(built, tmp_path):
        assert path.read_bytes() == (DATA_DIR / path.name).read_bytes(), path.name


def test_also_known_as_splits_on_commas_but_keeps_names_with_commas():
    known = ["Bournemouth, Christchurch and Poole"]
    assert split_also_known_as("[BCP, Bournemouth, Christchurch & Poole]", known) == [
        "BCP",
        "Bournemouth, Christchurch & Poole",
    ]
    assert split_also_known_as("[Kingston Upon Hull, Hull]", ["Kingston upon Hull"]) == [
        "Kingston Upon Hull",
        "Hull",
    ]
    assert split_also_known_as("") == []


def test_collect_aliases_drops_own_name_case_variants_and_others_names():
    aliases = collect_aliases(
        "Kingston upon Hull", ["Kingston Upon Hull", "Hull", "Cumbria", "Hull"], {build_name_key("Cumbria")}
    )
    assert aliases == ("Hull",)


def _lookup_row(code, la_code, name):
    return {
        "la_code": la_code,
        "la_code_new": code,
        "local_authority_ons_name": name,
        "region_name": "London",
        "rgn22nm": "London",
        "rgn22cd": "E12000007",
        "ons_la_type": "London Borough",
        "urn": "1",
    }


def test_lookup_and_ofsted_disagreeing_on_the_authorities_stops_the_build():
    lookup = [_lookup_row("E09000001", "201", "City of London"), _lookup_row("E09000002", "301", "Barking")]
    with pytest.raises(ReferenceBuildError, match="differ"):
        clean_reference(lookup=lookup, dfe=[], ofsted_current={"E09000001": "City of London"}, ofsted_gone={})


def test_abolished_row_with_no_known_successor_stops_the_build():
    lookup = [{**_lookup_row("", "999", "Atlantis")}]
    with pytest.raises(ReferenceBuildError):
        clean_reference(lookup=lookup, dfe=[], ofsted_current={}, ofsted_gone={})


def test_written_authorities_csv_keeps_the_columns_parsers_read(built, tmp_path):
    write_reference(built, tmp_path)
    with open(tmp_path / "authorities.csv", newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:8] == [
        "ons_code",
        "name",
        "slug",
        "ofsted_urn",
        "la_code",
        "region",
        "authority_type",
        "aliases",
    ]
