"""Reading pages as a person would: text with collapsed whitespace, rows of tables."""

import re


def text_of(element) -> str:
    """Visible text, whitespace collapsed, no space before punctuation."""
    return re.sub(r" ([.,;:)])", r"\1", " ".join(element.get_text(" ").split()))


def table_rows(table) -> list[list[str]]:
    """The text of each body row's cells (header cells included), row by row."""
    body = table.find("tbody") or table
    return [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in body.find_all("tr")]


def column_headers(table) -> list[str]:
    return [text_of(cell) for cell in table.find("thead").find_all("th")]
