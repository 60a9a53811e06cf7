"""Writing small ODS workbooks in tests (doctored editions, malformed rows): the minimum calamine reads."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from python_calamine import CalamineWorkbook

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, datetime | date):
        iso = value.isoformat() if isinstance(value, datetime) else f"{value.isoformat()}T00:00:00"
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso[:10]}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An ODS workbook with these sheets (name -> rows of cell values; dates become date cells)."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def read_sheets(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of a workbook as rows of values, from row 1 (to copy and doctor)."""
    workbook = CalamineWorkbook.from_path(str(path))
    return {
        name: [list(row) for row in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        for name in workbook.sheet_names
    }
