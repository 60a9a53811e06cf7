"""Storing the outcomes workbook (inspections/statistics_import.py): the real file, imported once."""

import dataclasses
from datetime import date, datetime

import pytest

from authorities.models import Authority
from inspections.ingest.statistics import import_outcomes, save_outcomes
from inspections.models import Disagreement, Judgement, SourceDocument, Visit, VisitSource
from inspections.parsing.official_statistics import SHEET_HISTORY, SHEET_IN_YEAR, SHEET_LATEST, read_outcomes
from tests.statistics.conftest import WORKBOOK
from tests.statistics.odsfile import ods_bytes, read_sheets

pytestmark = pytest.mark.django_db


def visit(authority: str, start: str) -> Visit:
    return Visit.objects.get(authority__name=authority, start_date=date.fromisoformat(start))


def grades(v: Visit) -> dict[str, str]:
    return dict(v.judgements.values_list("area", "grade"))


def snapshot():
    return (
        sorted(
            Visit.objects.values_list("pk", "authority_id", "visit_type", "start_date", "published", "focus")
        ),
        sorted(Judgement.objects.values_list("visit_id", "area", "grade", "source_id")),
        sorted(VisitSource.objects.values_list("visit_id", "document_id", "row")),
        sorted(Disagreement.objects.values_list("visit_id", "field", "kept_value", "other_value")),
        SourceDocument.objects.count(),
    )


def test_summary_of_the_real_workbook(imported):
    assert (
        imported.summary()
        == "Imported 271 inspections and 60 visits: 331 new, 0 updated, 0 unchanged, 0 skipped"
    )
    assert imported.skipped == [] and imported.warnings == []


def test_271_ilacs_inspections_and_the_years_visits(imported):
    inspections = Visit.objects.filter(visit_type__in=["short_inspection", "standard_inspection"])
    assert inspections.count() == 271
    assert inspections.filter(visit_type="short_inspection").count() == 100
    assert Visit.objects.filter(visit_type="focused_visit").count() == 36
    assert Visit.objects.filter(visit_type="monitoring_visit").count() == 24
    assert Visit.objects.count() == 331
    assert not Visit.objects.filter(visit_type_stated=False).exists()
    assert not Visit.objects.filter(published__isnull=True).exists()
    assert Judgement.objects.count() == 271 * 4 + 103  # 103 inspections since 2023 judge care leavers apart


def test_one_source_document_for_the_workbook(imported, workbook_bytes):
    document = SourceDocument.objects.get()
    assert imported.document == document
    assert document.doc_kind == "statistics"
    assert document.format == "ods"
    assert document.title == "Ofsted: Local authority inspection outcomes as at 31 March 2025"
    assert document.status == "published"
    assert document.published == date(2025, 9, 25)
    assert bytes(document.original) == workbook_bytes
    assert document.size == len(workbook_bytes)
    assert document.sha256 == "cf995c5bba20da43e0d1930035b569061974982e386ccefc1ee98b776f0c9faf"
    assert VisitSource.objects.filter(document=document).count() == 331


def test_pre_2023_combined_judgement(imported):
    bradford = visit("Bradford", "2022-11-21")
    assert (bradford.visit_type, bradford.published) == ("standard_inspection", date(2023, 1, 31))
    assert grades(bradford) == {
        "overall_effectiveness": "inadequate",
        "leadership": "inadequate",
        "help_and_protection": "inadequate",
        "children_in_care_and_care_leavers": "inadequate",
    }


def test_2023_separate_care_leavers_judgement(imported):
    bexley = visit("Bexley", "2023-02-06")
    assert bexley.visit_type == "short_inspection"
    assert grades(bexley) == {
        "overall_effectiveness": "outstanding",
        "leadership": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "good",
        "care_leavers": "outstanding",
    }
    assert {j.source for j in bexley.judgements.all()} == {imported.document}


def test_one_visit_per_inspection_across_sheets(imported):
    tower_hamlets = visit("Tower Hamlets", "2024-11-11")  # .get(): exactly one
    link = tower_hamlets.visit_sources.get()
    assert link.row == (
        "ILACS_inspection_history, row 242; In-year_inspections, row 102; Inspections_as_at_31_March, row 136"
    )
    assert [r["row"] for r in link.stated["rows"]] == link.row.split("; ")
    assert link.stated["visit_type"] == "short_inspection"
    assert link.stated["judgements"]["care_leavers"] == "outstanding"
    assert grades(tower_hamlets)["help_and_protection"] == "good"
    # Every row of every sheet is accounted for by exactly one visit's source.
    rows = [r for link in VisitSource.objects.all() for r in link.row.split("; ")]
    assert len(rows) == len(set(rows)) == 271 + 112 + 153


def test_focused_and_monitoring_visits_with_their_focus(imported):
    focused = visit("Bexley", "2025-02-13")
    assert (focused.visit_type, focused.focus, focused.published) == (
        "focused_visit",
        "Children in need/subject to a plan",
        date(2025, 3, 14),
    )
    assert not focused.judgements.exists()
    bradford = Visit.objects.filter(authority__name="Bradford", visit_type="monitoring_visit").order_by(
        "start_date"
    )
    assert [(v.start_date, v.focus) for v in bradford] == [
        (date(2024, 5, 22), "Achieving permanence"),
        (date(2025, 2, 11), "Children in care"),
    ]


def test_inspections_of_abolished_authorities_stay_theirs(imported):
    cumbria = visit("Cumbria", "2022-09-20")
    assert cumbria.authority.abolished is not None
    assert grades(cumbria)["children_in_care_and_care_leavers"] == "good"
    assert Visit.objects.filter(authority__name="Bournemouth").count() == 1
    assert Visit.objects.filter(authority__name="Northamptonshire").count() == 1


def test_importing_the_same_file_twice_changes_nothing(imported, workbook_bytes):
    before = snapshot()
    again = import_outcomes(data=workbook_bytes, filename=WORKBOOK.name)
    assert (
        again.summary()
        == "Imported 271 inspections and 60 visits: 0 new, 0 updated, 331 unchanged, 0 skipped"
    )
    assert not again.document_created
    assert snapshot() == before


def doctored_edition() -> bytes:
    """A later edition: published later, one grade revised in all three sheets, a published date
    corrected, one visit added."""
    sheets = read_sheets(WORKBOOK)
    sheets["Cover"][4][1] = datetime(2026, 1, 15)
    assert sheets["Cover"][4][0] == "Published on:"
    # Tower Hamlets, November 2024: children in care "Good" -> "Outstanding" (checked rows).
    for sheet, row, column in ((SHEET_HISTORY, 242, 11), (SHEET_IN_YEAR, 102, 10), (SHEET_LATEST, 136, 9)):
        cells = sheets[sheet][row - 1]
        assert cells[2] == "Tower Hamlets" and cells[column] == "Good"
        cells[column] = "Outstanding"
    # Bexley's focused visit: published a day later.
    assert sheets[SHEET_IN_YEAR][7][2] == "Bexley"
    sheets[SHEET_IN_YEAR][7][5] = datetime(2025, 3, 15)
    # A focused visit to Wandsworth, new in this edition.
    new_row = list(sheets[SHEET_IN_YEAR][7])
    new_row[1:7] = [
        "E09000032",
        "Wandsworth",
        "London",
        datetime(2025, 3, 4),
        datetime(2025, 4, 2),
        "ILACS Focused Visit",
    ]
    new_row[12] = "Front door"
    sheets[SHEET_IN_YEAR].append(new_row)
    keep = ("Cover", SHEET_LATEST, SHEET_IN_YEAR, SHEET_HISTORY)
    return ods_bytes({name: sheets[name] for name in keep})


def test_a_later_edition_updates_the_same_visits(imported, workbook_bytes):
    first = imported.document
    result = import_outcomes(data=doctored_edition(), filename="outcomes-revised.ods")
    assert (result.created, result.updated, result.unchanged, result.skipped) == (1, 331, 0, [])
    assert (
        result.summary()
        == "Imported 271 inspections and 61 visits: 1 new, 331 updated, 0 unchanged, 0 skipped"
    )
    second = result.document
    assert second != first and second.published == date(2026, 1, 15)
    assert Visit.objects.count() == 332
    assert VisitSource.objects.filter(document=second).count() == 332

    # The revised grade replaces the earlier edition's, which a Disagreement keeps.
    tower_hamlets = visit("Tower Hamlets", "2024-11-11")
    judgement = tower_hamlets.judgements.get(area="children_in_care")
    assert (judgement.grade, judgement.source) == ("outstanding", second)
    disagreement = Disagreement.objects.get(visit=tower_hamlets)
    assert (disagreement.field, disagreement.kept_value, disagreement.kept_source) == (
        "grade:children_in_care",
        "outstanding",
        second,
    )
    assert (disagreement.other_value, disagreement.other_source) == ("good", first)
    assert grades(tower_hamlets)["care_leavers"] == "outstanding"  # unchanged grades keep their source
    assert tower_hamlets.judgements.get(area="care_leavers").source == first

    bexley = visit("Bexley", "2025-02-13")
    assert bexley.published == date(2025, 3, 15)
    assert Disagreement.objects.get(visit=bexley).other_value == "2025-03-14"
    assert visit("Wandsworth", "2025-03-04").focus == "Front door"
    assert Disagreement.objects.count() == 2

    # The earlier edition imported again: nothing changes, the later one still stands.
    before = snapshot()
    again = import_outcomes(data=workbook_bytes, filename=WORKBOOK.name)
    assert (again.created, again.updated) == (0, 0)
    assert snapshot() == before
    assert tower_hamlets.judgements.get(area="children_in_care").grade == "outstanding"


def test_a_report_outranks_the_statistics(imported):
    """A grade taken from Ofsted's report is not overwritten by the statistics; the difference is kept."""
    report = SourceDocument.objects.create(
        sha256="0" * 64, filename="report.pdf", format="pdf", doc_kind="report", original=b"%PDF", size=4
    )
    tower_hamlets = visit("Tower Hamlets", "2024-11-11")
    VisitSource.objects.create(visit=tower_hamlets, document=report)
    tower_hamlets.judgements.filter(area="children_in_care").update(
        grade="requires_improvement", source=report
    )
    import_outcomes(data=doctored_edition(), filename="outcomes-revised.ods")
    judgement = tower_hamlets.judgements.get(area="children_in_care")
    assert (judgement.grade, judgement.source) == ("requires_improvement", report)
    disagreement = Disagreement.objects.get(visit=tower_hamlets, field="grade:children_in_care")
    assert (disagreement.kept_value, disagreement.kept_source) == ("requires_improvement", report)
    assert disagreement.other_value == "outstanding"


def test_a_visit_typed_from_its_dates_takes_the_stated_type(imported, workbook_bytes):
    """A report's visit classified by its dates (type not stated) is found and given the sheet's type."""
    westminster = visit("Westminster", "2024-11-11")
    Visit.objects.filter(pk=westminster.pk).update(visit_type="standard_inspection", visit_type_stated=False)
    result = import_outcomes(data=workbook_bytes, filename=WORKBOOK.name)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 330)
    westminster.refresh_from_db()
    assert (westminster.visit_type, westminster.visit_type_stated) == ("short_inspection", True)
    assert not Disagreement.objects.exists()


def test_unknown_authorities_and_unmatched_rows_are_skipped_by_row(imported, workbook_bytes):
    """The store takes typed rows: doctor them directly."""
    workbook = read_outcomes(workbook_bytes)
    rows = list(workbook.rows)
    first = rows[0]
    rows[0] = dataclasses.replace(first, ons_code="E06999999", authority_name="Narnia")
    rows[1] = dataclasses.replace(rows[1], authority_name="Wandsworth")  # code is Barking and Dagenham's
    latest = next(i for i, r in enumerate(rows) if r.sheet == SHEET_LATEST)
    rows[latest] = dataclasses.replace(rows[latest], start_date=date(2025, 3, 31))
    workbook = dataclasses.replace(workbook, rows=rows)
    result = save_outcomes(workbook=workbook, data=workbook_bytes + b"x", filename="edited.ods")
    assert [str(p) for p in result.skipped] == [
        "ILACS_inspection_history, row 4: unknown authority 'Narnia' (E06999999)",
        "ILACS_inspection_history, row 5: area code E09000002 is Barking and Dagenham, but the name says 'Wandsworth'",
        "Inspections_as_at_31_March, row 4: the inspection of Barking and Dagenham on 2025-03-31 is in no other "
        "sheet and its type is not given",
    ]
    assert result.summary().endswith("3 skipped")
    assert result.document.warnings == [str(p) for p in result.skipped]
    assert Visit.objects.count() == 331  # the rest went in, onto the same visits


def test_nothing_without_authorities(imported, workbook_bytes):
    from inspections.ingest.statistics import StatisticsImportError

    Visit.objects.all().delete()
    Authority.objects.all().delete()
    with pytest.raises(StatisticsImportError, match="load_authorities"):
        import_outcomes(data=workbook_bytes, filename=WORKBOOK.name)
