"""Reading Ofsted's outcomes workbook into typed rows (inspections/official_statistics.py; no database)."""

import io
import zipfile
from collections import Counter
from datetime import date, datetime

import pytest

from inspections.parsing.limits import MAX_INFLATED_BYTES
from inspections.parsing.official_statistics import (
    FRAMEWORK_2023,
    SHEET_HISTORY,
    SHEET_IN_YEAR,
    SHEET_LATEST,
    WorkbookError,
    parse_date,
    parse_grade,
    parse_visit_type,
    read_outcomes,
)
from tests.statistics.odsfile import ods_bytes

HISTORY_HEADER = [
    "Web link",
    "Local authority area code",
    "Local authority name",
    "Local authority status",
    "Ofsted region",
    "Inspection date",
    "Publication date",
    "Inspection type",
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]
IN_YEAR_HEADER = [
    "Web link",
    "Local authority area code",
    "Local authority name",
    "Region",
    "Inspection/Visit date",
    "Publication date",
    "Inspection/Visit type",
    *HISTORY_HEADER[8:],
    "Visit Theme",
]
LATEST_HEADER = [h for h in HISTORY_HEADER if h not in ("Local authority status", "Inspection type")]


@pytest.fixture(scope="module")
def workbook(workbook_bytes):
    return read_outcomes(workbook_bytes)


def rows_of(workbook, sheet):
    return {row.row: row for row in workbook.rows if row.sheet == sheet}


def test_every_row_of_the_three_sheets_is_read(workbook):
    assert workbook.problems == []
    counts = Counter(row.sheet for row in workbook.rows)
    assert counts == {SHEET_HISTORY: 271, SHEET_IN_YEAR: 112, SHEET_LATEST: 153}
    types = Counter(row.visit_type for row in workbook.rows if row.sheet == SHEET_IN_YEAR)
    assert types == {
        "focused_visit": 36,
        "short_inspection": 30,
        "monitoring_visit": 24,
        "standard_inspection": 22,
    }
    history = Counter(row.visit_type for row in workbook.rows if row.sheet == SHEET_HISTORY)
    assert history == {"standard_inspection": 171, "short_inspection": 100}


def test_title_and_publication_date_from_the_cover(workbook):
    assert workbook.title == "Local authority inspection outcomes as at 31 March 2025"
    assert workbook.published == date(2025, 9, 25)


def test_row_numbers_are_the_spreadsheets(workbook):
    """Checked by eye in the sheet: the table starts at row 3, so the first inspection is row 4."""
    history = rows_of(workbook, SHEET_HISTORY)
    assert min(history) == 4 and max(history) == 274
    assert history[4].authority_name == "Barking and Dagenham"
    assert history[274].authority_name == "York"


def test_pre_2023_combined_judgement(workbook):
    """Bradford, inspected from 21 November 2022 (published January 2023): old framework."""
    bradford = rows_of(workbook, SHEET_HISTORY)[27]
    assert (bradford.ons_code, bradford.start_date, bradford.published) == (
        "E08000032",
        date(2022, 11, 21),
        date(2023, 1, 31),
    )
    assert bradford.visit_type == "standard_inspection"
    assert bradford.judgements == {
        "overall_effectiveness": "inadequate",
        "leadership": "inadequate",
        "help_and_protection": "inadequate",
        "children_in_care_and_care_leavers": "inadequate",
    }


def test_2023_separate_care_leavers_judgement(workbook):
    """Bexley's short inspection of February 2023: children in care good, care leavers outstanding."""
    bexley = rows_of(workbook, SHEET_HISTORY)[13]
    assert (bexley.authority_name, bexley.start_date, bexley.visit_type) == (
        "Bexley",
        date(2023, 2, 6),
        "short_inspection",
    )
    assert bexley.judgements == {
        "overall_effectiveness": "outstanding",
        "leadership": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "good",
        "care_leavers": "outstanding",
    }


def test_framework_line_holds_for_every_inspection(workbook):
    for row in workbook.rows:
        if not row.judgements:
            continue
        if row.start_date < FRAMEWORK_2023:
            assert "children_in_care_and_care_leavers" in row.judgements, row.where
            assert not {"children_in_care", "care_leavers"} & set(row.judgements), row.where
        else:
            assert {"children_in_care", "care_leavers"} <= set(row.judgements), row.where


def test_focused_and_monitoring_visits_with_their_theme(workbook):
    in_year = rows_of(workbook, SHEET_IN_YEAR)
    bexley = in_year[8]
    assert (bexley.authority_name, bexley.visit_type, bexley.start_date, bexley.published) == (
        "Bexley",
        "focused_visit",
        date(2025, 2, 13),
        date(2025, 3, 14),
    )
    assert bexley.focus == "Children in need/subject to a plan"
    assert bexley.judgements == {}
    assert (in_year[13].visit_type, in_year[13].focus) == ("monitoring_visit", "Children in care")
    assert (in_year[14].visit_type, in_year[14].focus) == ("monitoring_visit", "Achieving permanence")
    assert in_year[107].focus == ""  # Westminster's short inspection: graded, no theme


def test_latest_sheet_rows_do_not_say_the_type(workbook):
    latest = rows_of(workbook, SHEET_LATEST)
    westminster = latest[147]
    assert (westminster.authority_name, westminster.visit_type, westminster.start_date) == (
        "Westminster",
        None,
        date(2024, 11, 11),
    )
    assert westminster.judgements["care_leavers"] == "outstanding"


def test_stated_values_are_plain_json(workbook):
    import json

    row = rows_of(workbook, SHEET_HISTORY)[13]
    stated = json.loads(json.dumps(row.stated()))
    assert stated["row"] == "ILACS_inspection_history, row 13"
    assert stated["visit_start"] == "2023-02-06"
    assert stated["judgements"]["care_leavers"] == "outstanding"


def small_workbook(history_rows=(), in_year_rows=(), latest_rows=(), blank_rows_above=0):
    lead = [["Title"], ["A note about the table"]] + [[] for _ in range(blank_rows_above)]
    return ods_bytes(
        {
            "Cover": [
                ["Local authority inspection outcomes as at 31 March 2026"],
                ["Published on:", date(2026, 9, 1)],
            ],
            SHEET_LATEST: [*lead, LATEST_HEADER, *latest_rows],
            SHEET_IN_YEAR: [*lead, IN_YEAR_HEADER, *in_year_rows],
            SHEET_HISTORY: [*lead, HISTORY_HEADER, *history_rows],
        }
    )


def history_row(
    code="E09000033", name="Westminster", start=datetime(2024, 11, 11), kind="ILACS Short Inspection"
):
    grades = ["Outstanding"] * 5
    return ["link", code, name, "Current", "London", start, datetime(2025, 1, 13), kind, *grades]


def test_malformed_rows_are_reported_by_sheet_and_row_and_the_rest_read():
    data = small_workbook(
        history_rows=[
            history_row(),  # row 4
            history_row(start="soon"),  # row 5
            [
                "link",
                "E09000033",
                "Westminster",
                "Current",
                "London",
                datetime(2019, 9, 9),
                "",
                "ILACS Short Inspection",
                "Brilliant",
            ],
            [],  # row 7: blank, ignored
            ["link", "", "", "Current", "London", datetime(2019, 9, 9)],  # row 8
            history_row(kind="A nice chat"),  # row 9
            history_row(code="X123"),  # row 10
            [
                "link",
                "E09000033",
                "Westminster",
                "Current",
                "London",
                datetime(2019, 9, 9),
                "",
                "ILACS Short Inspection",
            ],
        ],
        in_year_rows=[
            [
                "link",
                "E09000033",
                "Westminster",
                "London",
                datetime(2025, 2, 1),
                "",
                "ILACS Focused Visit",
                "Good",
            ],
        ],
    )
    workbook = read_outcomes(data)
    assert [str(p) for p in workbook.problems] == [
        "ILACS_inspection_history, row 5: not a date: 'soon'",
        "ILACS_inspection_history, row 6: unknown grade 'Brilliant'",
        "ILACS_inspection_history, row 8: no local authority code or name",
        "ILACS_inspection_history, row 9: unknown inspection or visit type 'A nice chat'",
        "ILACS_inspection_history, row 10: malformed local authority area code 'X123'",
        "ILACS_inspection_history, row 11: an inspection without an overall effectiveness grade",
        "In-year_inspections, row 4: judgements given for a focused visit, which is not graded",
    ]
    assert [(r.sheet, r.row) for r in workbook.rows] == [(SHEET_HISTORY, 4)]
    assert workbook.published == date(2026, 9, 1)


def test_a_table_further_down_is_still_found_with_the_right_row_numbers():
    workbook = read_outcomes(small_workbook(history_rows=[history_row()], blank_rows_above=2))
    assert [(r.sheet, r.row) for r in workbook.rows] == [(SHEET_HISTORY, 6)]


def test_not_a_workbook():
    with pytest.raises(WorkbookError, match="not a readable spreadsheet"):
        read_outcomes(b"%PDF-1.4 this is no spreadsheet")


def test_a_workbook_inflating_past_the_limit_is_refused_before_it_is_read():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b" " * (MAX_INFLATED_BYTES + 1))
    with pytest.raises(
        WorkbookError, match=r"^workbook inflates to more than 32 MB: refused as a decompression bomb$"
    ):
        read_outcomes(bomb.getvalue())


def test_a_workbook_without_the_sheets():
    with pytest.raises(WorkbookError, match="ILACS_inspection_history"):
        read_outcomes(ods_bytes({"Sheet1": [["hello"]]}))


def test_a_sheet_without_the_columns():
    data = ods_bytes(
        {
            SHEET_LATEST: [LATEST_HEADER],
            SHEET_IN_YEAR: [IN_YEAR_HEADER],
            SHEET_HISTORY: [["Local authority area code", "Local authority name"]],
        }
    )
    with pytest.raises(WorkbookError, match="inspection date"):
        read_outcomes(data)


def test_cell_parsers():
    assert parse_date(datetime(2024, 6, 10, 0, 0)) == date(2024, 6, 10)
    assert parse_date("10/06/2024") == date(2024, 6, 10)
    assert parse_date("2024-06-10") == date(2024, 6, 10)
    assert parse_date("") is None
    assert parse_grade("Requires improvement to be good") == "requires_improvement"
    assert parse_grade(" good ") == "good"
    assert parse_grade("") is None
    assert parse_visit_type("LA Monitoring visit") == "monitoring_visit"
    assert parse_visit_type("Joint targeted area inspection") == "jtai"
    with pytest.raises(ValueError):
        parse_visit_type("")
