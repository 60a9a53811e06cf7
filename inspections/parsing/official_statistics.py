"""Reading Ofsted's official statistics workbook "Local authority inspection outcomes" (ODS).

Pure: bytes in, typed rows out; no database. ``statistics_import`` stores the rows.

Three sheets matter, each one table under a title and a note (the header is found by its
"Local authority area code" column, so a table that moves down a row is still read):

- ``ILACS_inspection_history``: every short and standard ILACS inspection since 2018, with its
  type, dates and judgements (and "No longer exists" for abolished authorities);
- ``In-year_inspections``: the year's inspections, focused visits and monitoring visits, with the
  theme of a visit;
- ``Inspections_as_at_31_March``: every authority's latest inspection (its type not given).

Before 1 January 2023 the framework judged "children in care and care leavers" together and the
workbook puts that judgement in its "children in care" column, leaving care leavers blank. A row
is read as the old framework when its inspection started before that date and it gives no care
leavers grade (the 2025 workbook has no row either side of that line).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from python_calamine import CalamineError, CalamineWorkbook

from ..vocabulary import Area, Grade, VisitType
from .limits import check_zip_inflation
from .records import ParseError

READER_VERSION = "outcomes-1"

SHEET_HISTORY = "ILACS_inspection_history"
SHEET_IN_YEAR = "In-year_inspections"
SHEET_LATEST = "Inspections_as_at_31_March"
SHEETS = (SHEET_HISTORY, SHEET_IN_YEAR, SHEET_LATEST)  # also the order of precedence within a workbook

# The judgement framework that split care leavers from children in care.
FRAMEWORK_2023 = date(2023, 1, 1)

COL_CODE = "local authority area code"
COL_NAME = "local authority name"
COL_STATUS = "local authority status"
COL_START = ("inspection date", "inspection/visit date", "visit date")
COL_PUBLISHED = ("publication date", "published date")
COL_TYPE = ("inspection type", "inspection/visit type", "visit type")
COL_THEME = ("visit theme", "theme")

# Judgement columns, by the start of their (case-folded) header.
GRADE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("overall effectiveness", Area.OVERALL_EFFECTIVENESS),
    ("the impact of leaders", Area.LEADERSHIP),
    ("the experiences and progress of children who need help", Area.HELP_AND_PROTECTION),
    (
        "the experiences and progress of children in care and care leavers",
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
    ),
    ("the experiences and progress of children in care", Area.CHILDREN_IN_CARE),
    ("the experiences and progress of care leavers", Area.CARE_LEAVERS),
)

GRADES = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
}

# Visit types by words in the sheet's text ("ILACS Short Inspection", "LA Monitoring visit").
VISIT_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("standard inspection", VisitType.STANDARD_INSPECTION),
    ("short inspection", VisitType.SHORT_INSPECTION),
    ("focused visit", VisitType.FOCUSED_VISIT),
    ("monitoring visit", VisitType.MONITORING_VISIT),
    ("joint targeted area inspection", VisitType.JTAI),
    ("jtai", VisitType.JTAI),
)
GRADED_TYPES = {VisitType.STANDARD_INSPECTION, VisitType.SHORT_INSPECTION}


class WorkbookError(Exception):
    """The file is not a readable outcomes workbook (not a spreadsheet, a sheet or column missing)."""


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int  # the spreadsheet's own row number, from 1
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, row {self.row}: {self.message}"


@dataclass(frozen=True)
class OutcomeRow:
    """One row of one sheet: one inspection or visit as that row gives it."""

    sheet: str
    row: int
    ons_code: str
    authority_name: str
    visit_type: str | None  # None: an inspection whose type the sheet does not say
    start_date: date
    published: date | None = None
    judgements: Mapping[str, str] = field(default_factory=dict)  # area -> grade
    focus: str = ""
    authority_status: str = ""

    @property
    def where(self) -> str:
        return f"{self.sheet}, row {self.row}"

    def stated(self) -> dict:
        """The values this row gave, in the vocabulary (for VisitSource.stated)."""
        return {
            "row": self.where,
            "authority": self.authority_name,
            "ons_code": self.ons_code,
            "visit_type": self.visit_type,
            "visit_start": self.start_date.isoformat(),
            "published": self.published.isoformat() if self.published else None,
            "judgements": dict(self.judgements),
            "focus": self.focus or None,
        }


@dataclass
class OutcomesWorkbook:
    title: str  # "Local authority inspection outcomes as at 31 March 2025"
    published: date | None  # the cover sheet's "Published on"
    rows: list[OutcomeRow]
    problems: list[RowProblem]


def _key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if value is not None else ""


def parse_date(value: object) -> date | None:
    """A cell's date: a date cell, or text as 2024-06-10 or 10/06/2024. Blank -> None; else ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def parse_grade(value: object) -> str | None:
    """A grade in the vocabulary. Blank -> None; an unknown grade -> ValueError."""
    text = _key(value)
    if not text:
        return None
    try:
        return str(GRADES[text])
    except KeyError:
        raise ValueError(f"unknown grade {_text(value)!r}") from None


def parse_visit_type(value: object) -> str:
    text = _key(value)
    for words, visit_type in VISIT_TYPE_WORDS:
        if words in text:
            return str(visit_type)
    raise ValueError(f"unknown inspection or visit type {_text(value)!r}" if text else "no inspection type")


@dataclass(frozen=True)
class _Table:
    sheet: str
    header_row: int  # spreadsheet row number of the header
    columns: dict[str, int]  # case-folded header -> index
    rows: list[list[object]]  # the rows under the header

    def find(self, names: str | tuple[str, ...]) -> int | None:
        for name in (names,) if isinstance(names, str) else names:
            if name in self.columns:
                return self.columns[name]
        return None

    def grade_columns(self) -> list[tuple[int, str]]:
        found = []
        for header, index in self.columns.items():
            for prefix, area in GRADE_COLUMNS:
                if header.startswith(prefix):
                    found.append((index, str(area)))
                    break
        return found


def _table(workbook: CalamineWorkbook, sheet: str) -> _Table:
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)  # from row 1: numbers hold
    for index, row in enumerate(rows):
        headers = [_key(cell) for cell in row]
        if COL_CODE in headers:
            columns: dict[str, int] = {}
            for position, header in enumerate(headers):
                if header and header not in columns:
                    columns[header] = position
            return _Table(sheet, index + 1, columns, rows[index + 1 :])
    raise WorkbookError(f"sheet {sheet}: no table with a column {COL_CODE!r}")


def _cover(workbook: CalamineWorkbook) -> tuple[str, date | None]:
    """The workbook's title and publication date, from its cover sheet (if it has one)."""
    if "Cover" not in workbook.sheet_names:
        return "", None
    rows = workbook.get_sheet_by_name("Cover").to_python(skip_empty_area=False)
    title = _text(rows[0][0]) if rows and rows[0] else ""
    published = None
    for row in rows:
        if len(row) > 1 and _key(row[0]).startswith("published on"):
            try:
                published = parse_date(row[1])
            except ValueError:
                published = None
    return title, published


def read_outcomes(data: bytes) -> OutcomesWorkbook:
    """Read the workbook. Rows that cannot be read are listed as problems; the rest are returned."""
    try:
        check_zip_inflation(data, "workbook")
    except ParseError as error:
        raise WorkbookError(str(error)) from None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as error:
        raise WorkbookError(f"not a readable spreadsheet: {error}") from error
    if missing := [s for s in SHEETS if s not in workbook.sheet_names]:
        raise WorkbookError(f"not Ofsted's inspection outcomes workbook: no sheet {', '.join(missing)}")
    title, published = _cover(workbook)
    rows: list[OutcomeRow] = []
    problems: list[RowProblem] = []
    for sheet in SHEETS:
        table = _table(workbook, sheet)
        required = [COL_NAME, COL_START] + ([COL_TYPE] if sheet != SHEET_LATEST else [])
        if absent := [c if isinstance(c, str) else c[0] for c in required if table.find(c) is None]:
            raise WorkbookError(f"sheet {sheet}: no column {', '.join(repr(a) for a in absent)}")
        for offset, cells in enumerate(table.rows):
            number = table.header_row + 1 + offset
            if not any(_text(cell) for cell in cells):
                continue
            try:
                rows.append(_row(table, number, cells))
            except ValueError as error:
                problems.append(RowProblem(sheet, number, str(error)))
    return OutcomesWorkbook(title=title, published=published, rows=rows, problems=problems)


def _row(table: _Table, number: int, cells: list[object]) -> OutcomeRow:
    def cell(index: int | None) -> object:
        return cells[index] if index is not None and index < len(cells) else ""

    ons_code = _text(cell(table.find(COL_CODE))).upper()
    name = _text(cell(table.find(COL_NAME)))
    if not ons_code and not name:
        raise ValueError("no local authority code or name")
    if ons_code and not re.fullmatch(r"E\d{8}", ons_code):
        raise ValueError(f"malformed local authority area code {ons_code!r}")
    start = parse_date(cell(table.find(COL_START)))
    if start is None:
        raise ValueError("no inspection date")
    published = parse_date(cell(table.find(COL_PUBLISHED)))
    visit_type = parse_visit_type(cell(table.find(COL_TYPE))) if table.find(COL_TYPE) is not None else None

    judgements: dict[str, str] = {}
    for index, area in table.grade_columns():
        grade = parse_grade(cell(index))
        if grade is not None:
            judgements[area] = grade
    if visit_type is None or visit_type in GRADED_TYPES:
        if Area.OVERALL_EFFECTIVENESS not in judgements:
            raise ValueError("an inspection without an overall effectiveness grade")
        if (
            Area.CHILDREN_IN_CARE in judgements
            and Area.CARE_LEAVERS not in judgements
            and start < FRAMEWORK_2023
        ):
            judgements[str(Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS)] = judgements.pop(Area.CHILDREN_IN_CARE)
    elif judgements:
        raise ValueError(f"judgements given for a {visit_type.replace('_', ' ')}, which is not graded")

    return OutcomeRow(
        sheet=table.sheet,
        row=number,
        ons_code=ons_code,
        authority_name=name,
        visit_type=visit_type,
        start_date=start,
        published=published,
        judgements=judgements,
        focus=_text(cell(table.find(COL_THEME))) if visit_type and visit_type not in GRADED_TYPES else "",
        authority_status=_text(cell(table.find(COL_STATUS))),
    )
