"""The import_outcomes command: thin over statistics_import; summary, problems by row, exit status."""

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from authorities.models import Authority
from inspections.models import Visit
from tests.statistics.conftest import WORKBOOK
from tests.statistics.odsfile import ods_bytes, read_sheets

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_outcomes", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_importing_the_imported_workbook_again_prints_the_summary(imported):
    out, err = run(WORKBOOK)
    assert out.strip() == "Imported 271 inspections and 60 visits: 0 new, 0 updated, 331 unchanged, 0 skipped"
    assert err == ""


def test_bad_rows_are_reported_by_row_the_rest_goes_in_and_the_status_is_1(imported, tmp_path):
    sheets = read_sheets(WORKBOOK)
    history = sheets["ILACS_inspection_history"]
    history[3][2], history[3][1] = "Narnia", "E06999999"  # row 4
    history[9][5] = "sometime in 2019"  # row 10
    sheets["In-year_inspections"][5][6] = "A friendly chat"  # row 6
    path = tmp_path / "edited.ods"
    path.write_bytes(ods_bytes(sheets))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_outcomes", str(path), stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert "3 rows skipped" in str(raised.value)
    assert err.getvalue().splitlines() == [
        "skipped ILACS_inspection_history, row 4: unknown authority 'Narnia' (E06999999)",
        "skipped ILACS_inspection_history, row 10: not a date: 'sometime in 2019'",
        "skipped In-year_inspections, row 6: unknown inspection or visit type 'A friendly chat'",
    ]
    # Skipped rows aside, the edition went in. Barking and Dagenham's 2019 inspection (row 4) and
    # Barnsley's focused visit (row 6) have no other row; Bath and North East Somerset's 2022
    # inspection (row 10) is still linked through its row of Inspections_as_at_31_March.
    assert out.getvalue().strip().endswith("3 skipped")
    linked = Visit.objects.filter(visit_sources__document__filename="edited.ods")
    assert linked.count() == 329
    assert linked.filter(authority__name="Bath and North East Somerset", start_date="2022-02-28").exists()
    assert not linked.filter(authority__name="Barnsley", visit_type="focused_visit").exists()


def test_a_workbook_over_the_size_limit_is_refused_from_its_size(db, tmp_path, settings):
    settings.MAX_DOCUMENT_BYTES = 1_000
    path = tmp_path / "huge.ods"
    with path.open("wb") as file:
        file.truncate(2 * 1024**3)  # sparse: no disk used, and nothing may read it
    with pytest.raises(CommandError) as raised:
        run(path)
    assert str(raised.value) == f"{path}: file is 2,147,483,648 bytes, over the limit of 1,000 bytes"


def test_a_missing_file_is_bad_usage(db):
    with pytest.raises(CommandError) as raised:
        run("/nonexistent/outcomes.ods")
    assert raised.value.returncode == 2


def test_a_file_that_is_no_workbook_fails(imported, tmp_path):
    path = tmp_path / "report.ods"
    path.write_bytes(b"%PDF-1.7 not a spreadsheet")
    with pytest.raises(CommandError, match="not a readable spreadsheet"):
        run(path)


def test_without_authorities_the_command_says_what_to_run(imported, tmp_path):
    Visit.objects.all().delete()
    Authority.objects.all().delete()
    path = tmp_path / "tiny.ods"
    path.write_bytes(
        ods_bytes(
            {
                "Inspections_as_at_31_March": [
                    ["Local authority area code", "Local authority name", "Inspection date"]
                ],
                "In-year_inspections": [
                    [
                        "Local authority area code",
                        "Local authority name",
                        "Inspection/Visit date",
                        "Inspection/Visit type",
                    ]
                ],
                "ILACS_inspection_history": [
                    [
                        "Local authority area code",
                        "Local authority name",
                        "Inspection date",
                        "Inspection type",
                    ],
                    ["E09000033", "Westminster", datetime(2024, 11, 11), "ILACS Short Inspection"],
                ],
            }
        )
    )
    with pytest.raises(CommandError, match="load_authorities"):
        run(path)
