"""find_visit (inspections/ingest/visits.py): the visit matching shared by document ingest and the import."""

from datetime import date

import pytest

from authorities.models import Authority
from inspections.ingest.visits import find_visit
from inspections.models import Visit
from inspections.vocabulary import compatible_types, visit_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorities():
    westminster = Authority.objects.create(
        name="Westminster",
        slug="westminster",
        ons_code="E09000033",
        region="London",
        authority_type="london_borough",
    )
    wandsworth = Authority.objects.create(
        name="Wandsworth",
        slug="wandsworth",
        ons_code="E09000032",
        region="London",
        authority_type="london_borough",
    )
    return westminster, wandsworth


def test_families():
    assert visit_family("short_inspection") == visit_family("standard_inspection") == "inspection"
    assert visit_family("focused_visit") == "focused_visit"
    assert sorted(compatible_types("short_inspection")) == ["short_inspection", "standard_inspection"]
    assert compatible_types("jtai") == ["jtai"]


def test_short_and_standard_inspections_are_one_family(authorities):
    westminster, _ = authorities
    stored = Visit.objects.create(
        authority=westminster, visit_type="standard_inspection", start_date=date(2024, 11, 11)
    )
    assert (
        find_visit(authority=westminster, visit_type="short_inspection", start_date=date(2024, 11, 11))
        == stored
    )
    assert (
        find_visit(authority=westminster, visit_type="standard_inspection", start_date=date(2024, 11, 11))
        == stored
    )


def test_other_families_dates_and_authorities_do_not_match(authorities):
    westminster, wandsworth = authorities
    Visit.objects.create(authority=westminster, visit_type="focused_visit", start_date=date(2018, 8, 7))
    assert (
        find_visit(authority=westminster, visit_type="focused_visit", start_date=date(2018, 8, 7)) is not None
    )
    assert (
        find_visit(authority=westminster, visit_type="short_inspection", start_date=date(2018, 8, 7)) is None
    )
    assert (
        find_visit(authority=westminster, visit_type="monitoring_visit", start_date=date(2018, 8, 7)) is None
    )
    assert find_visit(authority=westminster, visit_type="focused_visit", start_date=date(2018, 8, 8)) is None
    assert find_visit(authority=wandsworth, visit_type="focused_visit", start_date=date(2018, 8, 7)) is None


def test_an_undated_visit_is_never_matched(authorities):
    westminster, _ = authorities
    Visit.objects.create(authority=westminster, visit_type="standard_inspection")
    assert find_visit(authority=westminster, visit_type="standard_inspection", start_date=None) is None
