"""Ofsted inspection reports: ILACS (2018 on) and the single inspection framework (2013-2017).

The parser reads the documents' structure rather than fitting individual files, one layer at a time:

1. `layout.clean_lines` drops what the page layout adds (running headers and footers, page
   numbers, footnote blocks), so that a paragraph broken across pages reads on; the cover keeps
   its title even where the running header repeats it word for word.
2. The cover (first page, read here) gives the metadata: title and authority (through the
   gazetteer), inspection dates, the publication date where stated, and which framework the
   report belongs to; `inspectors` reads the role lines, `judgements` the judgement table.
3. `report_body.BodyReader` reads the body: headings set the section and area, numbered
   paragraphs become findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.vocabulary import Area, DocumentKind, Section, VisitType

from . import inspectors as inspector_lines
from .dates import parse_date, parse_date_range
from .extract import Extracted
from .gazetteer import Gazetteer, Place
from .judgements import lscb_judgement, sif_judgements, table_end, table_judgements
from .layout import Line, clean_lines, is_page_number, paginate
from .records import AuthorityMention, JudgementRecord, ParsedDocument, ParseError
from .report_body import Body, BodyReader
from .visits import inspection_type_from_dates, stated_inspection_type

__all__ = ["is_report", "parse_report"]

_APOS = "[’'`]"

# --- telling a report from other documents ---------------------------------------------------------

_LETTER_RE = re.compile(r"^\s*Dear\s+\S", re.MULTILINE)
_TITLE_RE = re.compile(
    r"^\s*(?:Re-?\s?inspection|Inspection|Review)\s+of\b[^\n]{0,200}", re.MULTILINE | re.IGNORECASE
)
_REPORT_TITLE_RE = re.compile(
    r"(?:Re-?\s?inspection|Inspection)\s+of\s+(?:.{0,120}?children"
    + _APOS
    + r"s\s+(?:social\s+care\s+)?services"
    r"|services\s+for\s+children\s+in\s+need"
    r"|(?:safeguarding\s+and\s+)?looked\s+after\s+children(?:" + _APOS + r"s)?\s+services"
    r"|safeguarding\s+services)"
    r"|Review\s+of\s+the\s+effectiveness\s+of\s+the\s+Local\s+Safeguarding\s+Children\s+Board",
    re.IGNORECASE | re.DOTALL,
)
_REPORT_MARKER_RE = re.compile(
    r"^\s*(?:Inspection\s+dates?\b|Judgement\s+Grade|Report\s+published|Lead\s+inspector|Reporting\s+inspector)",
    re.MULTILINE | re.IGNORECASE,
)
_HEAD_CHARS = 2500


def is_report(text: str) -> bool:
    """Is this an Ofsted inspection report on an LA's children's services (not a visit letter)?"""
    head = text[:_HEAD_CHARS]
    title = _TITLE_RE.search(head)
    if title is None:
        return False
    letter = _LETTER_RE.search(head)
    if letter is not None and letter.start() < title.start() + 1500:
        return False
    if not _REPORT_TITLE_RE.search(head[title.start() : title.start() + 400]):
        return False
    return _REPORT_MARKER_RE.search(head) is not None


# --- the cover page ---------------------------------------------------------------------------------

_DATES_LINE_RE = re.compile(r"^Inspection\s+dates?\b:?\s*(.*)$", re.IGNORECASE)
_PUBLISHED_RE = re.compile(r"^(?:Report\s+)?published:?\s+(.*)$", re.IGNORECASE)
_TITLE_START_RE = re.compile(r"^(?:Re-?\s?inspection|Inspection|Review)\s+of\b", re.IGNORECASE)
_ILACS_TITLE_RE = re.compile(
    r"^Inspection\s+of\s+(?!local\s+authority\b)(?!children" + _APOS + r"s\b)(?P<name>.+?)\s+"
    r"(?:local\s+authority\s+)?children" + _APOS + r"s\s+(?:social\s+care\s+)?services\b",
    re.IGNORECASE,
)
_ANY_ILACS_TITLE_RE = re.compile(
    r"Inspection\s+of\s+(?:local\s+authority\s+)?children" + _APOS + r"s\s+(?:social\s+care\s+)?services",
    re.IGNORECASE,
)
_SIF_RE = re.compile(r"(?:Re-?\s?inspection|Inspection)\s+of\s+services\s+for\s+children\s+in\s+need", re.I)
_LSCB_REVIEW_RE = re.compile(r"Review\s+of\s+the\s+effectiveness\s+of\s+the\s+Local\s+Safeguarding", re.I)
_ILACS_MARKER_RE = re.compile(
    r"impact\s+of\s+leaders\s+on\s+social\s+work\s+practice|Judgement\s+Grade", re.IGNORECASE
)


def _is_title(line: str) -> bool:
    return _TITLE_START_RE.match(line) is not None


def _framework(cover_text: str) -> str:
    """sif | lscb_review | ilacs | legacy, from the cover page."""
    flat = " ".join(cover_text.split())
    if _SIF_RE.search(flat):
        return "sif"
    if _LSCB_REVIEW_RE.search(flat):
        return "lscb_review"
    title = _ILACS_TITLE_RE.search(flat) or _ANY_ILACS_TITLE_RE.search(flat)
    if title and _ILACS_MARKER_RE.search(flat):
        return "ilacs"
    return "legacy"


@dataclass
class _Cover:
    lines: list[Line]  # the first page's (and the second's, when the first has little on it)
    first_page_lines: int  # how many lines the first page has
    framework: str
    head: list[Line]  # what comes before the inspection dates: the title, the authority
    dates_at: int | None  # the "Inspection dates" line

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _read_cover(lines: list[Line]) -> _Cover:
    first_page = lines[0].page
    cover = [line for line in lines if line.page == first_page]
    first_page_lines = len(cover)
    if len(cover) < 8:  # a cover page with little on it: read the next page as well
        cover = [line for line in lines if line.page <= first_page + 1]
    dates_at = next((i for i, line in enumerate(cover) if _DATES_LINE_RE.match(line.text)), None)
    head = cover[:dates_at] if dates_at is not None else cover[:10]
    framework = _framework("\n".join(line.text for line in cover))
    return _Cover(cover, first_page_lines, framework, head, dates_at)


def _subject(head: list[Line], gazetteer: Gazetteer) -> Place | None:
    """The authority the report is about, from the title or the lines around it."""
    texts = [line.text for line in head]
    title_at = next((i for i, text in enumerate(texts) if _TITLE_START_RE.match(text)), None)
    if title_at is not None:
        joined = " ".join(texts[title_at : title_at + 4])
        match = _ILACS_TITLE_RE.match(joined)
        if match:
            place = gazetteer.resolve(match["name"])
            if place:
                return place
    before = [t for t in texts[: title_at or 0] if not is_page_number(t)]
    if before:
        place = gazetteer.resolve(" ".join(before))
        if place:
            return place
    for text in texts:
        if _TITLE_START_RE.match(text) or _DATES_LINE_RE.match(text):
            continue
        place = gazetteer.resolve(text)
        if place:
            return place
    return None


def _authority(cover: _Cover, text: str, gazetteer: Gazetteer, warnings: list[str]) -> Place | None:
    place = _subject(cover.head, gazetteer)
    if place is None:
        mentioned = gazetteer.mentions(cover.text) or gazetteer.mentions(text[:20000])
        if mentioned:
            place = mentioned[0]
            warnings.append(f"authority read from the text, not the title: {place.name}")
    if place is None:
        warnings.append("authority not found")
    return place


def _title(head: list[Line]) -> str | None:
    parts = []
    for line in head:
        if _DATES_LINE_RE.match(line.text) or _PUBLISHED_RE.match(line.text):
            break
        if is_page_number(line.text):
            continue
        parts.append(re.sub(r"(?<=[a-z])\d$", "", line.text))
        if len(parts) >= 8:
            break
    return " ".join(parts) or None


def _inspection_dates(cover: _Cover) -> tuple:
    if cover.dates_at is None:
        return None, None
    lines = cover.lines
    date_text = _DATES_LINE_RE.match(lines[cover.dates_at].text).group(1)
    if cover.dates_at + 1 < len(lines) and not re.search(r"(?:19|20)\d\d\W*$", date_text):
        date_text += " " + lines[cover.dates_at + 1].text  # the dates run on to the next line
    return parse_date_range(date_text)


def _published(cover: _Cover):
    for line in cover.lines[:25]:
        match = _PUBLISHED_RE.match(line.text)
        if match:
            return parse_date(match.group(1))
    return None


# --- judgements, findings, visit type ----------------------------------------------------------------


def _judgements(cover: _Cover, lines: list[Line]) -> list[JudgementRecord]:
    """The judgements the cover states (an ILACS table, a SIF report's list), and the LSCB's."""
    if cover.framework == "ilacs":
        judgements = table_judgements(cover.text)
    elif cover.framework == "sif":
        judgements = sif_judgements(" ".join(cover.text.split()))
    else:
        judgements = []
    if cover.framework in ("sif", "lscb_review"):
        lscb = lscb_judgement(lines)
        if lscb and all(j.area != Area.LSCB for j in judgements):
            judgements.append(lscb)
    return judgements


def _check_ilacs(judgements: list[JudgementRecord], body: Body, warnings: list[str]) -> None:
    """An ILACS report's judgements from its area headings too, and what it should have but lacks."""
    have = {j.area for j in judgements}
    for area, grade in body.area_grades.items():
        if area not in have:
            judgements.append(JudgementRecord(area, grade))
    if not any(j.area == Area.OVERALL_EFFECTIVENESS for j in judgements):
        warnings.append("overall effectiveness judgement not found")
    if not any(f.section == Section.IMPROVEMENT for f in body.findings):
        warnings.append("'What needs to improve?' points not found")
    if body.numbered == 0:
        warnings.append("numbered paragraphs not found")


def _visit_type(framework: str, text: str, dates: tuple, warnings: list[str]) -> tuple[str | None, bool]:
    """(visit type, whether the report states it)."""
    if framework == "sif":
        return VisitType.SIF_INSPECTION, False
    if framework == "ilacs":
        stated = stated_inspection_type(text)
        if stated:
            return stated, True
        visit_type = inspection_type_from_dates(*dates)
        if visit_type is None:
            warnings.append("visit type could not be told from the inspection dates")
        return visit_type, False
    warnings.append(
        "review of the Local Safeguarding Children Board only: no visit type in the vocabulary"
        if framework == "lscb_review"
        else "older report format: visit type not classified"
    )
    return None, False


def parse_report(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    """Read an inspection report. Raises ParseError if the document is not one."""
    text = extracted.text
    if not is_report(text):
        raise ParseError(
            "not an Ofsted inspection report of a local authority's children's services "
            "(no report title, or it reads as a letter)"
        )
    pages = extracted.pages or paginate(text)
    lines = clean_lines(pages, own=_is_title)
    if not lines:
        raise ParseError("the report has no text")
    cover = _read_cover(lines)
    framework = cover.framework
    warnings: list[str] = []
    place = _authority(cover, text, gazetteer, warnings)
    dates = _inspection_dates(cover)
    if dates[0] is None:
        warnings.append("inspection dates not found")
    inspectors = inspector_lines.role_lines(lines)
    if not any(i.role == "Lead inspector" for i in inspectors) and framework == "ilacs":
        warnings.append("lead inspector not found")

    judgements = _judgements(cover, lines)
    # the body: an ILACS report's starts after the judgement table; other reports' after the cover
    start = table_end(cover.lines) if framework == "ilacs" else min(cover.first_page_lines, len(lines) - 1)
    body = BodyReader(lines, framework).read(start)
    if framework == "ilacs":
        _check_ilacs(judgements, body, warnings)
    if framework == "sif" and not judgements:
        warnings.append("judgements not found")
    visit_type, stated = _visit_type(framework, text, dates, warnings)

    return ParsedDocument(
        format=extracted.format,
        doc_kind=DocumentKind.REPORT,
        text=text,
        title=_title(cover.head),
        authority=AuthorityMention(place.name, place.ons_code) if place else None,
        other_authorities=gazetteer.others("\n".join(line.text for line in lines[: body.end_at]), place),
        visit_type=visit_type,
        visit_type_stated=stated,
        visit_start=dates[0],
        visit_end=dates[1],
        published=_published(cover),
        inspectors=inspectors,
        judgements=judgements,
        findings=body.findings,
        warnings=warnings,
        page_count=len(pages) if extracted.pages else None,
    )
