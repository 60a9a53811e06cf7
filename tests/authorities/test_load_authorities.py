"""load_reference_data (authorities/services.py) and the load_authorities command."""

import csv
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from authorities.models import Authority, AuthorityAlias, StatisticalNeighbour
from authorities.reference import DATA_DIR
from authorities.services import ReferenceDataError, load_reference_data
from tests.paths import REFERENCE

pytestmark = pytest.mark.django_db


def snapshot():
    """Every stored value of the reference tables."""
    return (
        list(Authority.objects.order_by("ons_code").values()),
        sorted(AuthorityAlias.objects.values_list("name", "authority__ons_code")),
        sorted(
            StatisticalNeighbour.objects.values_list(
                "authority__ons_code", "rank", "neighbour__ons_code", "closeness"
            )
        ),
        sorted(
            Authority.successors.through.objects.values_list(
                "from_authority__ons_code", "to_authority__ons_code"
            )
        ),
    )


@pytest.fixture
def loaded():
    return load_reference_data()


def test_loads_153_current_authorities_and_5_predecessors(loaded):
    assert Authority.objects.current().count() == 153
    assert Authority.objects.count() == 158
    assert loaded.created == 158
    westminster = Authority.objects.get(ons_code="E09000033")
    assert (westminster.name, westminster.slug, westminster.region, westminster.authority_type) == (
        "Westminster",
        "westminster",
        "London",
        "london_borough",
    )
    assert (westminster.ofsted_urn, westminster.la_code, westminster.population_0_25) == (
        "80519",
        "213",
        59615,
    )


def test_region_corrections_reach_the_database(loaded):
    assert Authority.objects.get(name="Gloucestershire").region == "South West"
    assert Authority.objects.get(name="Buckinghamshire").region == "South East"


def test_aliases_resolve(loaded):
    assert Authority.objects.named("City of Westminster").get().name == "Westminster"
    assert Authority.objects.named("city of westminster").get().name == "Westminster"
    assert Authority.objects.named("Hull").get().name == "Kingston upon Hull"
    assert Authority.objects.named("E06000023").get().name == "Bristol"
    assert Authority.objects.named("BCP").get().name == "Bournemouth, Christchurch and Poole"
    assert Authority.objects.named("Narnia").count() == 0
    assert list(Authority.objects.search("City of Westminster")) == [
        Authority.objects.get(name="Westminster")
    ]


def test_cumbria_is_a_predecessor_of_its_two_successors(loaded):
    cumbria = Authority.objects.get(name="Cumbria")
    assert cumbria.abolished is not None
    assert sorted(cumbria.successors.values_list("name", flat=True)) == [
        "Cumberland",
        "Westmorland and Furness",
    ]
    assert list(Authority.objects.get(name="Cumberland").predecessors.values_list("name", flat=True)) == [
        "Cumbria"
    ]
    bcp = Authority.objects.get(name="Bournemouth, Christchurch and Poole")
    assert sorted(bcp.predecessors.values_list("name", flat=True)) == [
        "Bournemouth",
        "Dorset County Council",
        "Poole",
    ]
    assert not Authority.objects.current().filter(name__in=["Cumbria", "Northamptonshire", "Poole"]).exists()


def test_ten_neighbours_per_current_authority(loaded):
    for authority in Authority.objects.current():
        assert list(authority.neighbour_links.values_list("rank", flat=True)) == list(range(1, 11)), authority
    assert StatisticalNeighbour.objects.count() == 1530


def test_westminsters_neighbours_are_dfes(loaded):
    """Checked against the DfE file itself: Westminster is LA 213."""
    with open(REFERENCE / "dfe-statistical-neighbours-2025.csv", newline="", encoding="utf-8-sig") as handle:
        row = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "213")
    expected = [Authority.objects.get(la_code=row[f"SN_{rank}"]).name for rank in range(1, 11)]
    westminster = Authority.objects.get(name="Westminster")
    stored = [link.neighbour.name for link in westminster.neighbour_links.select_related("neighbour")]
    assert stored == expected
    assert stored[:5] == [
        "Camden",
        "Islington",
        "Southwark",
        "Kensington and Chelsea",
        "Hammersmith and Fulham",
    ]
    assert westminster.neighbour_links.get(rank=1).closeness == "Close"
    assert set(westminster.statistical_neighbours.values_list("name", flat=True)) == set(expected)


def test_loading_twice_changes_nothing(loaded):
    before = snapshot()
    again = load_reference_data()
    assert not again.changed
    assert (again.created, again.updated, again.unchanged) == (0, 0, 158)
    assert snapshot() == before


def test_reloading_repairs_what_was_changed_and_keeps_hand_added_aliases(loaded):
    before = snapshot()
    Authority.objects.filter(name="Westminster").update(region="North East", ofsted_urn="")
    StatisticalNeighbour.objects.filter(authority__name="Westminster", rank=3).delete()
    Authority.successors.through.objects.filter(from_authority__name="Cumbria").delete()
    AuthorityAlias.objects.filter(name="Hull").update(authority=Authority.objects.get(name="York"))
    result = load_reference_data()
    assert (result.updated, result.aliases_moved, result.neighbours_removed, result.neighbours_created) == (
        1,
        1,
        9,
        10,
    )
    assert result.successor_links_created == 2
    assert snapshot() == before

    AuthorityAlias.objects.create(
        name="Westminster Council", authority=Authority.objects.get(name="Westminster")
    )
    assert not load_reference_data().changed
    assert Authority.objects.named("Westminster Council").get().name == "Westminster"


def test_inconsistent_files_are_refused(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "authorities.csv").read_text(encoding="utf-8")
    (tmp_path / "authorities.csv").write_text(text.replace(",London,", ",Londinium,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="Londinium"):
        load_reference_data(data_dir=tmp_path)
    assert not Authority.objects.exists()


def test_command_prints_one_line_summary():
    out = StringIO()
    call_command("load_authorities", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Loaded 158 authorities (153 current, 5 predecessors): 158 new, 0 updated")
    out = StringIO()
    call_command("load_authorities", stdout=out)
    assert "0 new, 0 updated, 158 unchanged" in out.getvalue()


def test_command_with_missing_files_fails(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_authorities", data_dir=tmp_path, stdout=StringIO())
