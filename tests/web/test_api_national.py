"""The JSON API and the pages over the real national data: all 153 authorities and Ofsted's
statistics (and some of the real reports)."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from authorities.models import Authority
from tests.paths import REPO
from tests.web.html import table_rows, text_of

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


# The workbook's words for each grade, as the overview's columns give them.
OFFICIAL_GRADES = {
    "Outstanding": "Outstanding",
    "Good": "Good",
    "Requires improvement to be good": "Requires improvement",
    "Inadequate": "Inadequate",
}


def test_the_overview_counts_agree_with_the_official_statistics(national, client):
    rows = (
        CalamineWorkbook.from_path(str(WORKBOOK)).get_sheet_by_name("Inspections_as_at_31_March").to_python()
    )
    header = rows[2]
    code, grade = header.index("Local authority area code"), header.index("Overall effectiveness")
    region_of = dict(Authority.objects.values_list("ons_code", "region"))
    official = Counter((region_of[row[code]], OFFICIAL_GRADES[row[grade]]) for row in rows[3:] if row[code])
    assert sum(official.values()) == 153

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    table = soup.find(id="grades-by-region-table")
    columns = [text_of(th) for th in table.find("thead").find_all("th")]
    shown = {row[0]: dict(zip(columns[1:], row[1:], strict=True)) for row in table_rows(table)}
    for (region, label), count in official.items():
        assert shown[region][label] == str(count), (region, label)
    assert shown["England"] == {
        "Outstanding": "36",
        "Good": "67",
        "Requires improvement": "31",
        "Inadequate": "19",
        "Not graded": "0",
        "Total": "153",
    }


def test_recent_publications_put_a_2025_report_before_a_2017_one(national, client):
    # The Kingston report states no publication date (Ofsted's statistics do: 29 January 2025); the
    # Bath and North East Somerset one states 7 July 2017. The newer must come first.
    reports = REPO / "sample_data" / "documents" / "reports"
    call_command(
        "ingest",
        str(reports / "80545_kingston-upon-thames_2025-01-29.pdf"),
        str(reports / "80427_bath-and-north-east-somerset_2017-07-07.pdf"),
        verbosity=0,
    )
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    items = [
        text_of(li) for li in soup.find("h2", string="Recent publications").find_next("ul").find_all("li")
    ]
    assert "Kingston upon Thames" in items[0] and "published 29 January 2025" in items[0]
    assert "Bath and North East Somerset" in items[1] and "published 7 July 2017" in items[1]
