"""The one merging service: a report, the statistics and a news summary about one visit, in any order."""

import logging
from datetime import date

import pytest

from inspections.ingest import document_ingest, import_outcomes
from inspections.models import Disagreement, Judgement, Visit
from tests.paths import CORPUS, REPO

WORKBOOK = REPO / "sample_data" / "ofsted-la-inspection-outcomes-2025-03-31.ods"
REPORT = CORPUS / "80486_barking-and-dagenham_2023-09-04.pdf"


@pytest.fixture
def statistics(context):
    import_outcomes(data=WORKBOOK.read_bytes(), filename=WORKBOOK.name)


def barking_inspection() -> Visit:
    return Visit.objects.get(authority__slug="barking-and-dagenham", start_date=date(2023, 7, 10))


def test_a_report_after_the_statistics_joins_their_visit_and_its_grade_is_believed(statistics, context):
    visit = barking_inspection()
    Judgement.objects.filter(visit=visit, area="leadership").update(grade="inadequate")
    outcome = document_ingest(data=REPORT.read_bytes(), filename=REPORT.name, context=context)
    assert outcome.status == "new"
    assert outcome.visit == visit
    assert (
        Visit.objects.filter(authority__slug="barking-and-dagenham", start_date=date(2023, 7, 10)).count()
        == 1
    )
    leadership = visit.judgements.get(area="leadership")
    assert leadership.grade != "inadequate"
    assert leadership.source == outcome.document
    disagreement = Disagreement.objects.get(visit=visit, field="grade:leadership")
    assert (disagreement.kept_value, disagreement.kept_source) == (leadership.grade, outcome.document)
    assert disagreement.other_value == "inadequate"
    assert visit.visit_sources.count() == 2


def test_the_statistics_after_a_report_keep_the_reports_grades(context):
    outcome = document_ingest(data=REPORT.read_bytes(), filename=REPORT.name, context=context)
    grades = dict(outcome.visit.judgements.values_list("area", "grade"))
    import_outcomes(data=WORKBOOK.read_bytes(), filename=WORKBOOK.name)
    visit = barking_inspection()
    assert visit == outcome.visit
    assert dict(visit.judgements.values_list("area", "grade")) == grades
    assert {j.source for j in visit.judgements.all()} == {outcome.document}


def test_what_the_merge_decides_is_logged(statistics, context, caplog):
    Judgement.objects.filter(visit=barking_inspection(), area="leadership").update(grade="inadequate")
    with caplog.at_level(logging.INFO, logger="inspections"):
        document_ingest(data=REPORT.read_bytes(), filename=REPORT.name, context=context)
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("inspections.ingest")]
    assert any("grade:leadership kept" in m and "said 'inadequate'" in m for m in messages), messages
    assert any(m.startswith(REPORT.name) for m in messages), messages
