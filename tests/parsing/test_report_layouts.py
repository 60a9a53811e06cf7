"""A report reads the same whatever its page layout and whatever format it comes in."""

from __future__ import annotations

import pytest

from inspections.parsing.extract import Extracted
from inspections.parsing.layout import clean_lines
from inspections.parsing.pdf import pdf_pages
from inspections.parsing.records import ParsedDocument
from inspections.parsing.reports import parse_report
from tests.paths import CORPUS

DUDLEY = CORPUS / "80464_dudley_2023-01-13.pdf"
DUDLEY_TITLE = "Inspection of Dudley local authority children’s services"


def paged(pages: list[str]) -> Extracted:
    return Extracted(format="pdf", text="\n\n".join(pages), pages=pages)


def reading(doc: ParsedDocument) -> dict:
    """What a parse says, leaving out how the document was stored."""
    return {
        "title": doc.title,
        "authority": doc.authority,
        "visit": (doc.visit_type, doc.visit_type_stated, doc.visit_start, doc.visit_end, doc.published),
        "inspectors": doc.inspectors,
        "judgements": doc.judgements,
        "findings": [(f.section, f.area, f.text) for f in doc.findings],
        "warnings": doc.warnings,
        "other_authorities": doc.other_authorities,
    }


@pytest.fixture(scope="module")
def dudley_pages() -> list[str]:
    return pdf_pages(DUDLEY.read_bytes())


def test_dudley_as_published_has_its_title_on_two_lines_and_as_running_header(dudley_pages):
    assert dudley_pages[0].startswith("Inspection of Dudley local authority \nchildren’s services")
    assert all(page.startswith(DUDLEY_TITLE + "\n") for page in dudley_pages[1:])


# --- a running header that repeats the title ------------------------------------------------------


def test_a_cover_title_on_one_line_is_not_taken_for_the_running_header(gazetteer, dudley_pages):
    """The cover's title, on one line, is the very text of the running header of every other page:
    the clean-up must keep it on the cover, and the report read as it reads with a two-line title."""
    cover = dudley_pages[0].split("\n")
    one_line = [DUDLEY_TITLE, *cover[2:]]
    pages = ["\n".join(one_line), *dudley_pages[1:]]
    expected = reading(parse_report(paged(dudley_pages), gazetteer))
    assert reading(parse_report(paged(pages), gazetteer)) == expected
    assert expected["judgements"] and not expected["warnings"]


def test_a_title_only_header_on_every_page_the_cover_too(gazetteer, dudley_pages):
    """Each page, the cover included, starts with the title alone on a line; the cover then states it
    again as its own title. The title is read once, and nothing else changes."""
    cover = dudley_pages[0].split("\n")
    pages = ["\n".join([DUDLEY_TITLE, DUDLEY_TITLE, *cover[2:]]), *dudley_pages[1:]]
    assert reading(parse_report(paged(pages), gazetteer)) == reading(
        parse_report(paged(dudley_pages), gazetteer)
    )


BRACKNELL_TITLE = "Inspection of Bracknell Forest local authority children's services"


def bracknell_pages() -> list[str]:
    cover = f"""{BRACKNELL_TITLE}
Inspection dates: 6 to 10 January 2025
Lead inspector: Jane Doe, His Majesty's Inspector
Judgement Grade
The impact of leaders on social work practice with children and families Good
The experiences and progress of children who need help and protection Good
The experiences and progress of children in care Good
The experiences and progress of care leavers Requires improvement to be good
Overall effectiveness Good
Children in Bracknell Forest receive good help from skilled social workers who know them well.
What needs to improve?
◼ The suitability of accommodation for care leavers."""
    body = [
        """The experiences and progress of children who need help and protection: good
1. Children and families receive early help that makes a difference to them.""",
        """The experiences and progress of children in care: good
2. Children in care live in stable homes close to their families and friends.""",
        """The experiences and progress of care leavers: requires improvement to be good
3. Too many care leavers live in unsuitable accommodation.""",
        """The impact of leaders on social work practice with children and families: good
4. Leaders know their services well and act on what they find.""",
    ]
    return [cover, *(f"{BRACKNELL_TITLE}\n{page}" for page in body)]


def test_bracknell_forest_with_its_title_as_running_header(gazetteer):
    doc = parse_report(paged(bracknell_pages()), gazetteer)
    assert doc.title == BRACKNELL_TITLE
    assert doc.authority.name == "Bracknell Forest"
    assert doc.visit_type == "short_inspection"
    assert {(j.area, j.grade) for j in doc.judgements} == {
        ("leadership", "good"),
        ("help_and_protection", "good"),
        ("children_in_care", "good"),
        ("care_leavers", "requires_improvement"),
        ("overall_effectiveness", "good"),
    }
    assert [(f.section, f.area) for f in doc.findings] == [
        ("overview", None),
        ("improvement", None),
        ("finding", "help_and_protection"),
        ("finding", "children_in_care"),
        ("finding", "care_leavers"),
        ("finding", "leadership"),
    ]
    assert doc.warnings == []


def test_the_running_header_is_still_dropped_from_the_other_pages():
    texts = [line.text for line in clean_lines(bracknell_pages()) if line.page > 0]
    assert BRACKNELL_TITLE not in texts
