"""The headings of an inspection report's body, and what each says about the text under it.

A heading is one to four lines of one page that read, as a whole, as one of the known headings
(`_HEADINGS`): a judgement area (with its grade, in the older reports), "What needs to improve?",
"Recommendations", "Executive summary", "Inspection findings", the Local Safeguarding Children
Board's sections, boilerplate sections to skip, the back page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspections.vocabulary import Area, Grade, read_grade

from .judgements import GRADE_CELL, LSCB_HEADLINE_RE, area_for
from .layout import Line

_APOS = "[’'`]"
NUMBERED_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*(.*)$")

_AREA_TEXT = (
    r"(?:The\s+)?(?:experiences?\s+(?:and|of)\s+progress\s+of\s+)?(?P<label>"
    r"children\s+who\s+need\s+help\s+and\s+protection"
    r"|children\s+in\s+care\s+and\s+care\s+leavers"
    r"|children\s+in\s+care"
    r"|care\s+leavers"
    r"|children\s+looked\s+after\s+and\s+achieving\s+permanence"
    r"|adoption\s+performance"
    r"|impact\s+of\s+leaders\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families"
    r"|leadership,?\s+management,?\s+and\s+governance)"
)
_GRADE_TAIL = (
    r"(?:\s*(?::|-|–|\bare\b:?|\bis\b:?|\bis\s+that\s+it\s+(?:is)?)?\s*(?P<grade>" + GRADE_CELL + r"))?\s*\.?"
)

# (pattern, kind). Kinds: area, improve, overview, findings, lscb, skip, end, ignore.
_HEADINGS: list[tuple[re.Pattern, str]] = [
    (re.compile(_AREA_TEXT + _GRADE_TAIL, re.I), "area"),
    (
        re.compile(
            r"The\s+graded\s+judge?ment\s+(?:for|about|on)\s+(?:the\s+)?(?P<label>.{5,90}?)(?:\s+is"
            r"(?:\s+that\s+(?:it|they)\s+(?:is|are)?)?\s*(?P<grade>" + GRADE_CELL + r"))?\s*\.?",
            re.I,
        ),
        "area",
    ),
    (
        re.compile(
            r"(?P<label>[A-Z][\w ,’'-]{3,150}?)\s+Grade\s+\d\s*\((?:Outstanding|Good|Adequate|Inadequate)\)",
            re.I,
        ),
        "legacy_area",
    ),
    (re.compile(r"Key\s+judgement\s+Judgement\s+grade", re.I), "ignore"),
    (re.compile(r"What\s+needs\s+to\s+improve\s*\??\s*:?", re.I), "improve"),
    (
        re.compile(r"What\s+does\s+the\s+(?:local\s+authority|LSCB|board)\s+need\s+to\s+improve\s*\??", re.I),
        "improve",
    ),
    (
        re.compile(
            r"Recommendations?|Priority\s+and\s+immediate\s+action|Areas\s+for\s+(?:improvement|development)"
            r"|(?:Immediately|Within\s+\w+\s+(?:months?|weeks?))\s*:",
            re.I,
        ),
        "improve",
    ),
    (
        re.compile(
            r"Executive\s+summary|Summary(?:\s+of\s+(?:key\s+)?findings)?|The\s+local\s+authority"
            + _APOS
            + r"s\s+strengths|The\s+local\s+authority\s+has\s+the\s+following\s+strengths"
            r"|Progress\s+since\s+the\s+last\s+inspection",
            re.I,
        ),
        "overview",
    ),
    (
        re.compile(
            r"Inspection\s+findings(?:\s*[-–—:]\s*the\s+(?P<lscb>Local\s+Safeguarding\s+Children\s+Board"
            r"|LSCB))?",
            re.I,
        ),
        "findings",
    ),
    (
        re.compile(
            r"Key\s+strengths\s+and\s+weaknesses\s+of\s+the\s+LSCB|Inspection\s+judge?ment\s+about\s+the\s+LSCB",
            re.I,
        ),
        "lscb_findings",
    ),
    (
        re.compile(
            r"(?:Section\s+2\s*:?\s*)?The\s+(?:effectiveness\s+of\s+the\s+)?Local\s+Safeguarding\s+Children"
            r"\s+Board(?:\s+\(LSCB\))?",
            re.I,
        ),
        "lscb",
    ),
    (LSCB_HEADLINE_RE, "lscb"),
    (
        re.compile(
            r"Contents|The\s+local\s+authority|Information\s+about\s+this\s+(?:local\s+authority\s+area|"
            r"inspection|review)\d?|Summary\s+for\s+children\s+and\s+young\s+people|What\s+the\s+inspection\s+"
            r"judge?ments\s+mean.*|The\s+inspection\s+team|About\s+this\s+inspection|Service\s+information"
            r"|The\s+inspection\s+judge?ments\s+and\s+what\s+they\s+mean|Section\s+1\s*:?.*"
            r"|Inspection\s+judge?ments\s+about\s+the\s+local\s+authority|Record\s+of\s+main\s+findings"
            r"|Previous\s+Ofsted\s+inspections|Children\s+living\s+in\s+this\s+area",
            re.I,
        ),
        "skip",
    ),
    (
        re.compile(
            r"(?:The\s+Office\s+for\s+Standards\s+in\s+Education|Ofsted\s+has\s+a\s+duty|If\s+you\s+would\s+"
            r"like\s+a\s+copy|You\s+may\s+reuse\s+this|©\s*Crown\s+copyright|Piccadilly\s+Gate|Interested"
            r"\s+in\s+our\s+work).*",
            re.I,
        ),
        "end",
    ),
]
_HEADING_START_RE = re.compile(
    r"^(?:The\s|Leadership|What\s|Recommendation|Priority|Areas\s|Executive|Summary|Inspection\s|Key\s"
    r"|Section\s|Contents|Information|About|Service|Record|Previous|Children\s+(?:living|who|in|looked)"
    r"|Experiences|Adoption|Care\s+leavers|If\s|You\s|©|Piccadilly|Interested|Ofsted\s+has|Progress|Immediately"
    r"|Within\s|Capacity|Outcomes|Quality|Leadership|Overall)",
    re.IGNORECASE,
)
NUMBERED_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*(.*)$")


@dataclass
class Heading:
    kind: str
    width: int  # lines consumed
    area: Area | None = None
    grade: Grade | None = None


def match_heading(lines: list[Line], index: int) -> Heading | None:
    first = lines[index].text
    if len(first) > 120 or not (first[0].isupper() or first[0] == "©") or not _HEADING_START_RE.match(first):
        return None
    best: Heading | None = None
    candidate = ""
    for width in range(1, 5):
        if index + width > len(lines):
            break
        line = lines[index + width - 1]
        if width > 1 and (line.page != lines[index].page or NUMBERED_RE.match(line.text)):
            break
        candidate = f"{candidate} {line.text}" if candidate else line.text
        if len(candidate) > 200:
            break
        for pattern, kind in _HEADINGS:
            match = pattern.fullmatch(candidate)
            if match is None:
                continue
            groups = match.groupdict()
            area = None
            if kind == "area":
                area = area_for(groups.get("label") or "")
                if area is None:
                    continue
            elif kind in ("lscb", "lscb_findings") or (kind == "findings" and groups.get("lscb")):
                area = Area.LSCB
            grade = read_grade(groups["grade"]) if groups.get("grade") else None
            if kind == "end" and width > 1:
                continue
            best = Heading(kind, width, area, grade)
            break
    return best
