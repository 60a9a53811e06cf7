"""Bytes -> text -> ParsedDocument. Nothing in this package touches the database."""

from __future__ import annotations

from inspections.vocabulary import DocumentKind

from .classify import ThemeRule, classify_findings
from .extract import extract
from .gazetteer import Gazetteer, Place
from .records import ParsedDocument, ParseError
from .theme_model import ThemeModel, ThemeModelError, findings_classify

PARSER_VERSION = "1"

# The kinds of document the parser reads (Ofsted's statistics come in through their own import).
DOC_KINDS = tuple(kind.value for kind in (DocumentKind.LETTER, DocumentKind.REPORT, DocumentKind.NEWS))

__all__ = [
    "DOC_KINDS",
    "PARSER_VERSION",
    "Gazetteer",
    "ParseError",
    "ParsedDocument",
    "Place",
    "ThemeModel",
    "ThemeModelError",
    "ThemeRule",
    "parse_document",
]


def parse_document(
    data: bytes,
    *,
    gazetteer: Gazetteer,
    theme_rules: list[ThemeRule],
    theme_model: ThemeModel | None = None,
    kind: str | None = None,
) -> ParsedDocument:
    """Read one document. Raises ParseError with a reason a person can act on.

    Themes and polarity come from the learned model where there is one, else from the rules alone.
    """
    from . import letters, news, reports

    extracted = extract(data)
    text = extracted.text
    if kind is None:
        if reports.is_report(text):
            kind = "report"
        elif letters.is_letter(text):
            kind = "letter"
        else:
            kind = "news"
    if kind == "report":
        parsed = reports.parse_report(extracted, gazetteer)
    elif kind == "letter":
        parsed = letters.parse_letter(extracted, gazetteer)
    elif kind == "news":
        parsed = news.parse_news(extracted, gazetteer)
    else:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {', '.join(DOC_KINDS)}")
    if parsed.authority is None:
        raise ParseError("no English local authority is named as the subject of this document")
    parsed.format = extracted.format
    parsed.text = text
    parsed.page_count = extracted.page_count
    parsed.title = parsed.title or extracted.title
    parsed.published = parsed.published or extracted.published
    parsed.source_url = parsed.source_url or extracted.canonical_url
    if theme_model is not None:
        findings_classify(parsed.findings, theme_rules, theme_model)
    else:
        classify_findings(parsed.findings, theme_rules)
    return parsed
