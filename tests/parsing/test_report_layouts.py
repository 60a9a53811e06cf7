"""A report reads the same whatever its page layout and whatever format it comes in."""

from __future__ import annotations

import html

import pytest

from inspections.parsing import parse_document
from inspections.parsing.extract import Extracted
from inspections.parsing.layout import clean_lines, paginate
from inspections.parsing.pdf import pdf_pages
from inspections.parsing.records import ParsedDocument, ParseError
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


# --- a report pasted as plain text or saved as HTML ------------------------------------------------


def as_text(pages: list[str]) -> bytes:
    """The report's text as one plain-text file: pages run on, a blank line between them."""
    return "\n\n".join(pages).encode()


def as_text_with_form_feeds(pages: list[str]) -> bytes:
    """As pdftotext writes it: a form feed between pages."""
    return "\f".join(pages).encode()


def as_html_pre(pages: list[str]) -> bytes:
    """The text file as a browser saves it as a web page: a <pre> in a page with its own chrome."""
    return (
        "<!DOCTYPE html><html><head><title>Ofsted report</title></head><body>"
        '<header><a href="/">Skip to main content</a></header><nav><a href="/">Home</a></nav>'
        f"<main><pre>{html.escape(as_text(pages).decode())}</pre></main>"
        "<footer>All content is available under the Open Government Licence</footer></body></html>"
    ).encode()


def as_html_lines(pages: list[str]) -> bytes:
    """One <br> a line break: blank lines are two <br> in a row."""
    lines = "<br>\n".join(html.escape(line) for line in as_text(pages).decode().split("\n"))
    return f"<html><body><div>{lines}</div></body></html>".encode()


def as_html_paragraphs(pages: list[str]) -> bytes:
    """One <p> a line (blank lines lost)."""
    lines = as_text(pages).decode().split("\n")
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return f"<html><body>{body}</body></html>".encode()


FORMATS = [as_text, as_text_with_form_feeds, as_html_pre, as_html_lines, as_html_paragraphs]
REPORTS = [
    "80464_dudley_2023-01-13.pdf",  # ILACS, standard inspection, running header of two lines
    "80545_kingston-upon-thames_2025-01-29.pdf",  # ILACS, short inspection
    "80571_thurrock_2016-05-24.pdf",  # single inspection framework and LSCB, page numbers at the top
    "80549_sandwell_2013-08-02.pdf",  # an older report, header "Sandwell Council Inspection of ... 1"
    "80567_surrey_2015-08-03.pdf",  # a review of the LSCB alone
]


@pytest.fixture(scope="module")
def read_pdf(gazetteer, theme_rules):
    cache: dict[str, tuple[list[str], dict]] = {}

    def read(name: str) -> tuple[list[str], dict]:
        if name not in cache:
            data = (CORPUS / name).read_bytes()
            doc = parse_document(data, gazetteer=gazetteer, theme_rules=theme_rules)
            cache[name] = (pdf_pages(data), reading(doc))
        return cache[name]

    return read


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("saved_as", FORMATS, ids=lambda f: f.__name__)
def test_a_report_reads_the_same_in_every_format(name, saved_as, read_pdf, gazetteer, theme_rules):
    """Its kind is told by its content: a report, with its judgement table, dates and paragraphs
    as the PDF gives them (page headers, footers and numbers gone)."""
    pages, expected = read_pdf(name)
    doc = parse_document(saved_as(pages), gazetteer=gazetteer, theme_rules=theme_rules)
    assert doc.doc_kind == "report"
    assert doc.format == ("text" if saved_as.__name__.startswith("as_text") else "html")
    assert reading(doc) == expected
    assert expected["findings"] and (expected["judgements"] or "older report" in expected["warnings"][0])


@pytest.mark.corpus
@pytest.mark.parametrize("saved_as", [as_text, as_html_lines], ids=lambda f: f.__name__)
def test_every_corpus_report_reads_the_same_as_text_and_as_html(saved_as, read_pdf, gazetteer, theme_rules):
    differ = []
    for path in sorted(CORPUS.glob("*.pdf")):
        try:
            pages, expected = read_pdf(path.name)
        except ParseError:
            continue  # the impostor: an HTML error page saved as .pdf
        doc = parse_document(saved_as(pages), gazetteer=gazetteer, theme_rules=theme_rules)
        got = reading(doc)
        differ += [(path.name, field) for field in expected if got[field] != expected[field]]
    assert differ == []


def test_pages_of_a_text_are_found_by_their_running_header():
    header = "Inspection of Kingston upon Thames local authority children’s services"
    pages = [
        f"{header}\n2 to 6 December 2024 {number}\n"
        + "\n".join(f"Line {line} of page {number}." for line in range(30))
        for number in range(2, 8)
    ]
    cover = "Inspection of Kingston upon Thames\nlocal authority children’s services\nGood\nGood\nGood"
    assert paginate("\n".join([cover, *pages])) == [cover, *pages]


def test_pages_of_a_text_are_found_by_their_numbers():
    pages = [f"{number}\nText of page {number}.\nMore text." for number in range(1, 5)]
    assert paginate("\n".join(pages)) == pages


def test_a_text_without_page_furniture_is_one_page():
    text = "Inspection of Kingston upon Thames\n1. Good.\n2. Better.\nGood\nGood\nGood"
    assert paginate(text) == [text]


def test_a_column_of_numbers_is_no_page_numbering():
    table = "\n".join(str(n) for n in range(1, 6))
    pages = [
        f"{number}\nText of page {number}.\n{table if number == 2 else 'More.'}" for number in range(1, 5)
    ]
    found = paginate("\n".join(pages))
    assert [page.split("\n")[0] for page in found] == ["1", "2", "3", "4"]
