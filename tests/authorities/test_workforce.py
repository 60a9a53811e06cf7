"""DfE's social work workforce figures: cleaned from the shared file, loaded idempotently."""

import csv
from decimal import Decimal

import pytest

from authorities.models import WorkforceFigure
from authorities.workforce import (
    WORKFORCE_CSV,
    WorkforceDataError,
    build_workforce,
    clean_workforce,
    load_workforce,
)
from tests.paths import REFERENCE

RAW = {
    "time_period": "2025",
    "geographic_level": "Local authority",
    "country_code": "E92000001",
    "country_name": "England",
    "new_la_code": "E09000030",
    "la_name": "Tower Hamlets",
    "turnover_rate_fte": "8.6",
    "agency_rate_fte": "21.2",
    "vacancy_rate_fte": "x",
    "caseload_fte": "13.1",
}


def test_cleaning_keeps_england_and_authorities_and_blanks_what_dfe_withheld():
    rows = clean_workforce(
        [
            RAW,
            {**RAW, "geographic_level": "Regional", "new_la_code": ""},
            {**RAW, "geographic_level": "National", "new_la_code": "", "la_name": ""},
        ]
    )
    assert rows == [
        {"area_code": "E09000030", "area_name": "Tower Hamlets", "year": "2025", "turnover_rate": "8.6",
         "agency_rate": "21.2", "vacancy_rate": "", "caseload": "13.1"},
        {"area_code": "E92000001", "area_name": "England", "year": "2025", "turnover_rate": "8.6",
         "agency_rate": "21.2", "vacancy_rate": "", "caseload": "13.1"},
    ]  # fmt: skip


def test_a_value_that_is_not_a_figure_names_the_file_and_line():
    with pytest.raises(WorkforceDataError, match=r"dfe-social-work-workforce-2017-2025.csv line 3: 'n/a'"):
        clean_workforce([RAW, {**RAW, "caseload_fte": "n/a"}])


def test_the_shared_file_builds_and_loads_once(tmp_path, db):
    path, count = build_workforce(REFERENCE, tmp_path)
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == 1364  # 9 years of England and of each authority DfE lists
    assert load_workforce(path=path) == (1364, 0)
    assert load_workforce(path=path) == (0, 0)
    figure = WorkforceFigure.objects.get(area_code="E09000030", year=2017)
    assert (figure.turnover_rate, figure.agency_rate, figure.caseload) == (
        Decimal("26.6"),
        Decimal("49.2"),
        Decimal("19.3"),
    )
    assert WorkforceFigure.objects.get(area_code="E09000033", year=2025).vacancy_rate is None


def test_the_shipped_copy_is_what_the_shared_file_builds(tmp_path):
    path, _ = build_workforce(REFERENCE, tmp_path)
    assert path.read_text() == WORKFORCE_CSV.read_text()
