"""Reading the shared source files as they are: CSV rows and the tables of Ofsted's workbook."""

from __future__ import annotations

import csv
from pathlib import Path

from python_calamine import CalamineWorkbook

from .records import ReferenceBuildError

LOOKUP_FILE = "ofsted-provider-lookup.csv"
NEIGHBOURS_FILE = "dfe-statistical-neighbours-2025.csv"
OUTCOMES_FILE = "ofsted-la-inspection-outcomes-2025-03-31.ods"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _sheet_table(workbook: CalamineWorkbook, sheet: str, first_column: str) -> list[dict[str, object]]:
    """The table of a sheet as dicts, from its header row (the first row holding first_column)."""
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    for index, row in enumerate(rows):
        if first_column in [str(cell).strip() for cell in row]:
            header = [str(cell).strip() for cell in row]
            return [dict(zip(header, r, strict=False)) for r in rows[index + 1 :] if any(r)]
    raise ReferenceBuildError(f"{sheet}: no header row with {first_column!r}")


def read_ofsted_authorities(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """From Ofsted's outcomes workbook: (current authorities, authorities that no longer exist),
    each ONS code -> the name Ofsted gives."""
    workbook = CalamineWorkbook.from_path(str(path))
    code, name = "Local authority area code", "Local authority name"
    current = {
        str(r[code]).strip(): str(r[name]).strip()
        for r in _sheet_table(workbook, "Inspections_as_at_31_March", code)
    }
    gone = {
        str(r[code]).strip(): str(r[name]).strip()
        for r in _sheet_table(workbook, "ILACS_inspection_history", code)
        if str(r.get("Local authority status", "")).strip().casefold() == "no longer exists"
    }
    return current, gone
