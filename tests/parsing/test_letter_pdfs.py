"""Letters as Ofsted publishes them (PDF: letterhead, header, footer, page numbers on each page)
read exactly as the plain-text capture of the same letter."""

from __future__ import annotations

import pytest

from inspections.parsing import parse_document
from inspections.parsing.records import ParsedDocument
from tests.parsing.letter_pdfs import LAYOUTS, as_visit, letter_pdf
from tests.paths import SEEDS

SEED_LETTER = next(SEEDS.glob("001_*.txt"))


def reading(doc: ParsedDocument) -> dict:
    """What a letter says, leaving out how it was stored."""
    return {
        "doc_kind": doc.doc_kind,
        "title": doc.title,
        "authority": doc.authority,
        "other_authorities": doc.other_authorities,
        "visit": (doc.visit_type, doc.visit_type_stated, doc.visit_start, doc.visit_end),
        "published": doc.published,
        "sequence": doc.sequence,
        "focus": doc.focus,
        "summary": doc.summary,
        "inspectors": doc.inspectors,
        "judgements": doc.judgements,
        "prior_judgements": doc.prior_judgements,
        "findings": [(f.section, f.area, f.text, f.polarity, f.themes) for f in doc.findings],
        "warnings": doc.warnings,
    }


@pytest.fixture(scope="module")
def text_version(gazetteer, theme_rules) -> dict:
    return reading(parse_document(SEED_LETTER.read_bytes(), gazetteer=gazetteer, theme_rules=theme_rules))


VISITS = {"focused": "focused_visit", "monitoring": "monitoring_visit", "jtai": "jtai"}


def test_the_text_version_is_read_fully(text_version):
    assert text_version["doc_kind"] == "letter"
    assert text_version["visit"][0] == "focused_visit"
    assert len(text_version["inspectors"]) == 2
    assert [section for section, *_ in text_version["findings"]].count("improvement") == 2
    assert text_version["warnings"] == []


@pytest.mark.parametrize("visit", VISITS)
@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_a_letter_pdf_reads_as_its_text(layout, visit, gazetteer, theme_rules):
    text = as_visit(SEED_LETTER.read_text(encoding="utf-8"), visit)
    expected = reading(parse_document(text.encode(), gazetteer=gazetteer, theme_rules=theme_rules))
    assert expected["visit"][:2] == (VISITS[visit], True)
    doc = parse_document(letter_pdf(text, layout), gazetteer=gazetteer, theme_rules=theme_rules)
    assert doc.format == "pdf" and doc.page_count >= 3
    got = reading(doc)
    assert {field: got[field] for field in got if got[field] != expected[field]} == {}


def test_the_monitoring_visit_letter_says_its_place_in_the_series(gazetteer, theme_rules):
    text = as_visit(SEED_LETTER.read_text(encoding="utf-8"), "monitoring")
    doc = parse_document(letter_pdf(text, LAYOUTS[0]), gazetteer=gazetteer, theme_rules=theme_rules)
    assert doc.sequence == "sixth monitoring visit"
