"""DfE's children's social work workforce indicators (turnover, agency and vacancy rates, caseloads
by reporting year): cleaned from the shared file into authorities/data/workforce.csv by
`build_reference_data`, loaded by `load_authorities`.

The raw file mixes national, regional and authority rows; the cleaned copy keeps England's and each
authority's, keyed by ONS code. DfE marks figures it does not publish ("x" not available, "z" not
applicable, "u" low reliability, "c" confidential, "low"): they become blanks, never numbers.
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from authorities.models import WorkforceFigure
from authorities.reference import DATA_DIR

RAW_FILE = "dfe-social-work-workforce-2017-2025.csv"
WORKFORCE_CSV = DATA_DIR / "workforce.csv"
ENGLAND = "E92000001"
SOURCE = "Department for Education, Children’s social work workforce (Open Government Licence v3.0)"
SOURCE_URL = (
    "https://explore-education-statistics.service.gov.uk/find-statistics/childrens-social-work-workforce"
)
FIGURES = {  # cleaned column: raw column (full-time equivalent)
    "turnover_rate": "turnover_rate_fte",
    "agency_rate": "agency_rate_fte",
    "vacancy_rate": "vacancy_rate_fte",
    "caseload": "caseload_fte",
}
COLUMNS = ["area_code", "area_name", "year", *FIGURES]
NOT_PUBLISHED = {"", "x", "z", "u", "c", "low"}


class WorkforceDataError(ValueError):
    pass


def _figure(text: str, where: str) -> str:
    text = text.strip()
    if text.lower() in NOT_PUBLISHED:
        return ""
    try:
        return str(Decimal(text))
    except InvalidOperation:
        raise WorkforceDataError(f"{where}: {text!r} is neither a number nor a DfE marker") from None


def clean_workforce(rows: list[dict[str, str]], source: str = RAW_FILE) -> list[dict[str, str]]:
    """England's and each authority's rows, by area then year."""
    cleaned = []
    for number, row in enumerate(rows, start=2):
        level = row["geographic_level"]
        if level == "National":
            code, name = row["country_code"], row["country_name"]
        elif level == "Local authority":
            code, name = row["new_la_code"], row["la_name"]
        else:
            continue
        where = f"{source} line {number}"
        if not code:
            raise WorkforceDataError(f"{where}: no area code")
        figures = {column: _figure(row[raw], where) for column, raw in FIGURES.items()}
        cleaned.append({"area_code": code, "area_name": name, "year": row["time_period"], **figures})
    return sorted(cleaned, key=lambda row: (row["area_code"], row["year"]))


def build_workforce(source_dir: Path, out_dir: Path) -> tuple[Path, int]:
    """Write the cleaned copy; the path written and its number of rows."""
    with open(source_dir / RAW_FILE, newline="", encoding="utf-8-sig") as handle:
        rows = clean_workforce(list(csv.DictReader(handle)))
    path = out_dir / WORKFORCE_CSV.name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path, len(rows)


def _values(row: dict[str, str]) -> dict[str, Decimal | None]:
    return {column: Decimal(row[column]) if row[column] else None for column in FIGURES}


@transaction.atomic
def load_workforce(*, path: Path = WORKFORCE_CSV) -> tuple[int, int]:
    """Upsert every row of the cleaned copy: (created, updated). Loading twice changes nothing."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    stored = {(figure.area_code, figure.year): figure for figure in WorkforceFigure.objects.all()}
    to_create, to_update = [], []
    for row in rows:
        values = _values(row)
        figure = stored.get((row["area_code"], int(row["year"])))
        if figure is None:
            to_create.append(WorkforceFigure(area_code=row["area_code"], year=int(row["year"]), **values))
        elif any(getattr(figure, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(figure, name, value)
            to_update.append(figure)
    WorkforceFigure.objects.bulk_create(to_create)
    WorkforceFigure.objects.bulk_update(to_update, list(FIGURES))
    return len(to_create), len(to_update)
