"""The JSON API over the real national data: all 153 authorities and Ofsted's statistics."""

import pytest
from django.core.management import call_command

from tests.paths import REPO

WORKBOOK = REPO / "sample_data" / "ofsted-la-inspection-outcomes-2025-03-31.ods"


@pytest.fixture
def national(db):
    call_command("load_authorities", verbosity=0)
    call_command("import_outcomes", str(WORKBOOK), verbosity=0)


def test_every_authority_with_its_latest_overall_grade(national, client):
    data = client.get("/api/authorities/").json()
    assert len(data) == 153
    assert len({a["ons_code"] for a in data}) == 153
    graded = [a for a in data if any(j["area"] == "overall_effectiveness" for j in a["latest_judgements"])]
    assert len(graded) == 153  # every authority has had an ILACS inspection by March 2025
    westminster = next(a for a in data if a["slug"] == "westminster")
    assert westminster["region"] == "London" and westminster["ons_code"] == "E09000033"


def test_an_authoritys_visits_come_from_the_official_statistics(national, client):
    data = client.get("/api/authorities/westminster/").json()
    inspections = [
        v for v in data["visits"] if v["visit_type"] in {"short_inspection", "standard_inspection"}
    ]
    assert inspections and all(v["sources"][0]["doc_kind"] == "statistics" for v in inspections)
    assert all(len(v["sources"][0]["sha256"]) == 64 for v in inspections)
