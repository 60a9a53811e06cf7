"""The body of an inspection report: its findings, section by section.

`BodyReader` reads the cleaned lines once, top to bottom. Known headings (`report_headings`)
set the section and the judgement area of what follows, one method a kind of heading;
paragraphs numbered 1..N in sequence become findings; bullets under an improvement heading
become improvement points; unnumbered prose under an overview becomes overview findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspections.vocabulary import Area, Grade, Section, read_grade

from .judgements import GRADE_CELL_RE
from .layout import Line, join_lines
from .records import FindingRecord
from .report_headings import NUMBERED_RE, Heading, match_heading

_BULLET_RE = re.compile(r"^[•◼▪■●◾\-–]\s*(.*)$")
_SENTENCE_END = (".", ":", "?", "!", "’", "”", '"', ")", ";")
_RECOMMENDATION_TAG_RE = re.compile(r"\s*\((?:Recommendation|Recommendations)\)(?=\.?\s*$)", re.IGNORECASE)

# Where the reader is: the kind of section the text belongs to.
_OVERVIEW, _IMPROVE, _FINDINGS, _SKIP = "overview", "improve", "findings", "skip"


def _join(lines: list[str]) -> str:
    """A paragraph's lines as one text, without an older report's "(Recommendation)" tag."""
    text = ""
    for line in lines:
        text = join_lines(text, line) if text else line
    if text.endswith((")", ").")):
        text = _RECOMMENDATION_TAG_RE.sub("", text)
    return text.strip()


def _prose_paragraphs(lines: list[str], width: int) -> list[str]:
    """Split a run of prose lines into paragraphs.

    A short line ending a sentence ends a paragraph; a bullet starts one (each bullet is a
    point of its own); a short unpunctuated line just before a bullet is a sub-heading, dropped.
    """
    paragraphs: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        bullet = _BULLET_RE.match(line)
        if bullet:
            paragraphs.append([bullet.group(1)])
            continue
        if (
            _BULLET_RE.match(following)
            and not line.endswith((*_SENTENCE_END, ","))
            and len(line) < 0.7 * width
            and line[:1].isupper()
        ):
            paragraphs.append([])  # a sub-heading over a list of points
            continue
        paragraphs[-1].append(line)
        if (
            line.endswith((".", "!", "?", ".’", ".”", '."'))
            and len(line) < 0.85 * width
            and following[:1].isupper()
        ):
            paragraphs.append([])
    return [_join(p) for p in paragraphs if p]


@dataclass
class _Block:
    """A numbered paragraph or a bullet point being read."""

    section: str
    area: str | None
    lines: list[str] = field(default_factory=list)
    bullet: bool = False


@dataclass
class Body:
    findings: list[FindingRecord]
    numbered: int  # how many numbered paragraphs
    area_grades: dict[Area, Grade]  # grades the area headings state
    end_at: int  # where the closing boilerplate (back page) starts


class BodyReader:
    """Reads the findings of a report's body; `framework` is ilacs, sif, lscb_review or legacy."""

    def __init__(self, lines: list[Line], framework: str) -> None:
        self.lines = lines
        self.framework = framework
        self.width = sorted(len(line.text) for line in lines)[int(len(lines) * 0.9)] if lines else 80
        self.findings: list[FindingRecord] = []
        self.area_grades: dict[Area, Grade] = {}
        self.context = _OVERVIEW if framework == "ilacs" else _SKIP
        self.lscb_only = framework == "lscb_review"  # a review of the LSCB alone: everything is about it
        self.in_lscb = self.lscb_only
        self.area: Area | None = Area.LSCB if self.in_lscb else None
        self.expected = 1  # the number the next numbered paragraph must have
        self.block: _Block | None = None
        self.prose: list[str] = []
        self.end_at: int | None = None
        self.start = self.index = 0

    def read(self, start: int) -> Body:
        """The findings from line `start` on."""
        self.start = self.index = start
        while self.index < len(self.lines):
            self._step()
        self._close()
        for position, finding in enumerate(self.findings):
            finding.position = position
        end_at = len(self.lines) if self.end_at is None else self.end_at
        return Body(self.findings, self.expected - 1, self.area_grades, end_at)

    def _step(self) -> None:
        text = self.lines[self.index].text
        numbered = NUMBERED_RE.match(text)
        if numbered and int(numbered.group(1)) == self.expected:
            self._numbered(numbered.group(2))
            self.index += 1
            return
        heading = self._heading_here()
        if heading is not None:
            self._close()
            getattr(self, f"_on_{heading.kind}")(heading)
            self.index += heading.width
            return
        self._text(text)
        self.index += 1

    # --- what the text becomes ------------------------------------------------------------------

    def _emit(self, text: str, section: str, area: str | None) -> None:
        text = " ".join(text.split())
        if len(text) >= 3:
            self.findings.append(FindingRecord(text, section, area, position=len(self.findings)))

    def _flush_prose(self) -> None:
        if self.prose and self.context == _OVERVIEW:
            for paragraph in _prose_paragraphs(self.prose, self.width):
                if len(paragraph) >= 40 and paragraph[-1:] in ".!?’”":
                    self._emit(paragraph, Section.OVERVIEW, self.area)
        elif self.prose and self.context == _IMPROVE and self.framework == "ilacs":
            self._emit(_join(self.prose), Section.IMPROVEMENT, None)
        self.prose = []

    def _close(self) -> None:
        """End the paragraph or point being read, and the prose before it."""
        if self.block is not None:
            self._emit(_join(self.block.lines), self.block.section, self.block.area)
            self.block = None
        self._flush_prose()

    def _numbered(self, first_line: str) -> None:
        """Paragraph number `expected` begins: a finding, an improvement point, or text to skip."""
        self._close()
        self.expected += 1
        if self.framework == "ilacs" or self.context == _FINDINGS:
            section = Section.FINDING
        elif self.context == _IMPROVE:
            section = Section.IMPROVEMENT
        elif self.context == _SKIP:
            section = None
        else:
            section = Section.FINDING if self.area is not None else Section.OVERVIEW
        self.end_at = None
        if section is not None:
            self.block = _Block(section, self.area, [first_line] if first_line else [])

    def _text(self, text: str) -> None:
        """A line that is neither a heading nor the start of a numbered paragraph."""
        bullet = _BULLET_RE.match(text)
        if self.context == _IMPROVE and bullet:
            self._close()
            self.block = _Block(Section.IMPROVEMENT, None, [bullet.group(1)], bullet=True)
        elif self.block is not None:
            if not self._unknown_heading(text):
                self.block.lines.append(text)
        elif self.context in (_OVERVIEW, _IMPROVE):
            self.prose.append(text)

    def _unknown_heading(self, text: str) -> bool:
        """An unnumbered heading we do not know, between two paragraphs, is not their text."""
        following = self.index + 1
        return bool(
            self.block.lines
            and self.block.lines[-1].endswith(_SENTENCE_END)
            and not text.endswith((".", ",", ";"))
            and len(text) < 0.8 * self.width
            and following < len(self.lines)
            and (
                (NUMBERED_RE.match(self.lines[following].text) or match_heading(self.lines, following))
                and text[:1].isupper()
            )
            and not self.block.bullet
        )

    # --- headings, one method a kind ----------------------------------------------------------------

    def _heading_here(self) -> Heading | None:
        """The heading starting at this line. A heading follows a finished sentence (or starts a
        page); only a judgement area's heading or the back page may interrupt text that reads on."""
        pending = self.block.lines if self.block is not None else self.prose
        last = pending[-1] if pending else ("" if self.block is not None else ".")
        index = self.index
        previous_complete = last.endswith(_SENTENCE_END) or (
            index > self.start and self.lines[index].page != self.lines[index - 1].page
        )
        heading = match_heading(self.lines, index)
        if heading is not None and not previous_complete and heading.kind not in ("area", "end"):
            return None
        return heading

    def _on_area(self, heading: Heading) -> None:
        """A judgement area: "The experiences and progress of children in care: outstanding"."""
        area = self.area = heading.area
        self.in_lscb = False
        if heading.grade and area:
            self.area_grades.setdefault(area, heading.grade)
        self.context = _FINDINGS if self.framework == "ilacs" else _OVERVIEW
        # A SIF heading's grade may sit on the next line on its own.
        follow = self.index + heading.width
        if follow < len(self.lines) and GRADE_CELL_RE.fullmatch(self.lines[follow].text.rstrip(". ")):
            if area and not heading.grade:
                grade = read_grade(self.lines[follow].text)
                if grade:
                    self.area_grades.setdefault(area, grade)
            self.index += 1

    def _on_legacy_area(self, heading: Heading) -> None:
        """An area of the pre-2013 frameworks, graded on their scale ("Grade 3 (Adequate)")."""
        self.context, self.area, self.in_lscb = _FINDINGS, None, False

    def _on_improve(self, heading: Heading) -> None:
        """ "What needs to improve?", "Recommendations"."""
        self.context = _IMPROVE
        self.area = Area.LSCB if self.in_lscb or self.lscb_only else None

    def _on_overview(self, heading: Heading) -> None:
        """ "Executive summary", "Summary"; a judgement area's own "Summary" keeps its area."""
        self.context = _OVERVIEW
        if self.lines[self.index].text.lower() != "summary":
            self.area = Area.LSCB if self.in_lscb or self.lscb_only else None

    def _on_findings(self, heading: Heading) -> None:
        """ "Inspection findings", or "Inspection findings - the Local Safeguarding Children Board"."""
        self.context = _FINDINGS
        if heading.area == Area.LSCB:
            self.area, self.in_lscb = Area.LSCB, True

    def _on_lscb_findings(self, heading: Heading) -> None:
        self.context, self.area, self.in_lscb = _FINDINGS, Area.LSCB, True

    def _on_lscb(self, heading: Heading) -> None:
        """The Local Safeguarding Children Board's section of a SIF report."""
        self.context, self.area, self.in_lscb = _OVERVIEW, Area.LSCB, True

    def _on_skip(self, heading: Heading) -> None:
        """A boilerplate section ("Contents", "Information about this inspection")."""
        self.context = _SKIP
        self.area = Area.LSCB if self.lscb_only else None
        self.in_lscb = self.lscb_only or self.in_lscb

    def _on_end(self, heading: Heading) -> None:
        """The back page (Ofsted's address, the licence)."""
        if self.end_at is None:
            self.end_at = self.index
        self.context = _SKIP
        self.area = Area.LSCB if self.lscb_only else None
        self.in_lscb = self.lscb_only

    def _on_ignore(self, heading: Heading) -> None:
        """A table's header row ("Key judgement Judgement grade"): nothing changes."""
