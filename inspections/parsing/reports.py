"""Ofsted inspection reports: ILACS (2018 on) and the single inspection framework (2013-2017).

The parser reads the documents' structure rather than fitting individual files:

1. ``clean_lines`` drops what the page layout adds: running headers and footers (lines that
   recur at the top or bottom of many pages), page numbers and footnote blocks, so that a
   paragraph broken across pages reads on.
2. The cover (first page) gives the metadata: title and authority, inspection dates, the
   publication date where stated, the lead inspector and the judgement table.
3. The body is read line by line by a small state machine: known headings (judgement
   areas, "What needs to improve?", "Recommendations", "Executive summary", boilerplate
   sections, the back page) set the section and area; paragraphs numbered 1..N in sequence
   become findings; bullets under an improvement heading become improvement findings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .dates import parse_date, parse_date_range
from .extract import Extracted
from .gazetteer import Gazetteer, Place, normalise_name
from .records import (
    AuthorityMention,
    FindingRecord,
    Inspector,
    JudgementRecord,
    ParsedDocument,
    ParseError,
)

__all__ = ["clean_lines", "is_report", "parse_report"]

# ---------------------------------------------------------------------------------------------
# Vocabulary

_APOS = "[’'`]"
GRADE = r"(?:outstanding|good|requires?\s+improvement(?:\s+to\s+be(?:come)?\s+good)?|inadequate|not\s+judged)"
_GRADE_RE = re.compile(GRADE, re.IGNORECASE)


def normalise_grade(text: str) -> str | None:
    """'Requires improvement to be good' -> 'requires_improvement'; 'Not judged' -> None."""
    text = " ".join(text.lower().split())
    if text.startswith("outstanding"):
        return "outstanding"
    if text.startswith("good"):
        return "good"
    if text.startswith(("requires improvement", "require improvement")):
        return "requires_improvement"
    if text.startswith("inadequate"):
        return "inadequate"
    return None


# Area labels, most specific first. Matched against lower-cased, whitespace-collapsed text.
_AREA_LABELS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"overall effectiveness|overall judgement"), "overall_effectiveness"),
    (re.compile(r"local safeguarding children board|\blscb\b"), "lscb"),
    (re.compile(r"leadership,? management,? and governance"), "leadership_management_governance"),
    (re.compile(r"impact of leaders"), "leadership"),
    (re.compile(r"help and protection"), "help_and_protection"),
    (re.compile(r"children in care and care leavers"), "children_in_care_and_care_leavers"),
    (
        re.compile(r"looked after and achieving permanence|children looked after|looked after children"),
        "looked_after_children",
    ),
    (re.compile(r"adoption"), "adoption"),
    (re.compile(r"care leavers"), "care_leavers"),
    (re.compile(r"children in care"), "children_in_care"),
]


def area_for(label: str) -> str | None:
    """The judgement area a heading or table label names, or None."""
    text = " ".join(label.lower().replace("’", "'").split())
    for pattern, area in _AREA_LABELS:
        if pattern.search(text):
            return area
    return None


# ---------------------------------------------------------------------------------------------
# Telling a report from other documents

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


# ---------------------------------------------------------------------------------------------
# Page clean-up


@dataclass
class Line:
    text: str  # whitespace collapsed
    page: int  # 0-based


_PAGE_NUMBER_RE = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_TRAILING_NUMBER_RE = re.compile(r"\s*\d{1,3}$")
_FOOTNOTE_START_RE = re.compile(r"^\d{1,2}(?:\s|$)")


def _layout_key(line: str) -> str:
    return _TRAILING_NUMBER_RE.sub("", " ".join(line.split()).lower())


def clean_lines(pages: list[str]) -> list[Line]:
    """All pages' lines without running headers/footers, page numbers and footnotes."""
    split_pages = [page.split("\n") for page in pages]
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in split_pages:
        filled = [line for line in lines if line.strip()]
        top.update({_layout_key(line) for line in filled[:3]})
        bottom.update({_layout_key(line) for line in filled[-3:]})
    threshold = max(3, int(len(pages) * 0.4))
    headers = {key for key, count in top.items() if count >= threshold and key}
    footers = {key for key, count in bottom.items() if count >= threshold and key}

    result: list[Line] = []
    for number, lines in enumerate(split_pages):
        start, end = 0, len(lines)
        dropped = 0
        while start < end and dropped < 4:
            stripped = lines[start].strip()
            if not stripped:
                start += 1
                continue
            if _PAGE_NUMBER_RE.match(stripped) or _layout_key(stripped) in headers:
                start += 1
                dropped += 1
                continue
            break
        dropped = 0
        while end > start and dropped < 4:
            stripped = lines[end - 1].strip()
            if not stripped:
                end -= 1
                continue
            if _PAGE_NUMBER_RE.match(stripped) or _layout_key(stripped) in footers:
                end -= 1
                dropped += 1
                continue
            break
        # A footnote block: a whitespace-only line, then "1 Ofsted produces this report ..."
        for index in range(max(start, end - 15), end - 1):
            if not lines[index].strip() and _FOOTNOTE_START_RE.match(lines[index + 1].strip()):
                end = index
                break
        for raw in lines[start:end]:
            text = " ".join(raw.split())
            if text:
                result.append(Line(text, number))
    return result


# ---------------------------------------------------------------------------------------------
# Authorities

_AFFIXES_RE = re.compile(
    r"^(?:the\s+)?(?:council\s+of\s+(?:the\s+)?|(?:royal\s+|london\s+|metropolitan\s+)?borough\s+of\s+"
    r"|city\s+(?:and\s+county\s+)?of\s+|county\s+of\s+)"
    r"|\s+(?:(?:metropolitan\s+)?(?:borough|county|city|district)\s+)?council$"
    r"|\s+unitary\s+authority$|\s+safeguarding\s+children" + _APOS + r"?s?\s+(?:board|partnership)$"
    r"|,?\s+city\s+of$|\s+local\s+authority$",
    re.IGNORECASE,
)


def resolve_authority(name: str, gazetteer: Gazetteer) -> Place | None:
    """The gazetteer's authority for a name as a report prints it ("Durham County Council")."""
    name = " ".join(name.split()).strip(" ,.:;")
    if not name:
        return None
    place = gazetteer.lookup(name)
    if place is not None:
        return place
    stripped = name
    for _ in range(3):
        shorter = _AFFIXES_RE.sub("", stripped).strip(" ,")
        if shorter == stripped:
            break
        stripped = shorter
        place = gazetteer.lookup(stripped)
        if place is not None:
            return place
    mentioned = gazetteer.mentions(name)
    if mentioned:
        return mentioned[0]
    # A shortened name: "East Riding" for "East Riding of Yorkshire".
    key = normalise_name(stripped)
    if len(key) >= 4:
        matches = {
            p.ons_code: p
            for p in gazetteer.places
            for n in (p.name, *p.aliases)
            if normalise_name(n).startswith(key + " ")
        }
        if len(matches) == 1:
            return next(iter(matches.values()))
    return None


_CAPITALISED_RE = re.compile(r"(?<![\w’'-])[A-Z][\w’'.-]*")
_TOKEN_RE = re.compile(r"[\w’'.-]+")
_INDEXES: dict[int, tuple[Gazetteer, frozenset[str], int]] = {}


def _first_words(gazetteer: Gazetteer) -> tuple[frozenset[str], int]:
    """The first words of every name of every authority, and the longest name in words (cached)."""
    cached = _INDEXES.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1], cached[2]
    names = [n for place in gazetteer.places for n in (place.name, *place.aliases)]
    words = [_TOKEN_RE.findall(name) for name in names]
    first = frozenset(w[0].lower() for w in words if w)
    longest = max((len(w) for w in words), default=1)
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[id(gazetteer)] = (gazetteer, first, longest)
    return first, longest


def mentions(text: str, gazetteer: Gazetteer) -> list[Place]:
    """Authorities named in the text, most mentioned first (ties: first mentioned first).

    Like Gazetteer.mentions, but only where a name starts with a capital letter ("Reading",
    not "reading"; "Bury", not "bury"), and fast on a whole report: it looks up only the runs
    of words that begin with the first word of some authority's name.
    """
    first_words, longest = _first_words(gazetteer)
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    places: dict[str, Place] = {}
    position = 0
    for word in _CAPITALISED_RE.finditer(text):
        if word.start() < position or word.group(0).lower().rstrip(".") not in first_words:
            continue
        tokens = [m.end() for m in _TOKEN_RE.finditer(text, word.start(), min(len(text), word.start() + 120))]
        for count in range(min(longest, len(tokens)), 0, -1):
            place = gazetteer.lookup(text[word.start() : tokens[count - 1]])
            if place is not None:
                counts[place.ons_code] += 1
                first_seen.setdefault(place.ons_code, word.start())
                places[place.ons_code] = place
                position = tokens[count - 1]
                break
    order = sorted(counts, key=lambda code: (-counts[code], first_seen[code]))
    return [places[code] for code in order]


def _other_authorities(text: str, subject: Place | None, gazetteer: Gazetteer) -> list[str]:
    return [
        place.name
        for place in mentions(text, gazetteer)
        if subject is None or place.ons_code != subject.ons_code
    ]


# ---------------------------------------------------------------------------------------------
# The cover page

_DATES_LINE_RE = re.compile(r"^Inspection\s+dates?\b:?\s*(.*)$", re.IGNORECASE)
_PUBLISHED_RE = re.compile(r"^(?:Report\s+)?published:?\s+(.*)$", re.IGNORECASE)
_ROLE_LINE_RE = re.compile(
    r"^(?P<role>(?:Lead|Deputy\s+lead|Team|Reporting|Shadow|Additional|Assistant\s+lead)\s+inspectors?"
    r"|Report\s+author)(?:\s+on\s+site)?(?:\s*:\s*|\s+(?=(?-i:[A-Z])))(?P<names>.*)$",
    re.IGNORECASE,
)
_NAME_NOISE_RE = re.compile(
    r"\((?:[^)]*)\)|\b(?:Senior\s+)?(?:Her|His)\s+Majesty"
    + _APOS
    + r"s\s+Inspector\b|\bS?HMI\b|\bAI\b|\bOI\b"
    r"|\bOfsted\s+Inspector\b|\bRegulatory\s+Inspection\s+Manager\b|\bSocial\s+Care\s+Regulatory\s+Inspector\b",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|le|la|du|di)){1,4}$")
_TITLE_START_RE = re.compile(r"^(?:Re-?\s?inspection|Inspection|Review)\s+of\b", re.IGNORECASE)
_ILACS_TITLE_RE = re.compile(
    r"^Inspection\s+of\s+(?!local\s+authority\b)(?!children" + _APOS + r"s\b)(?P<name>.+?)\s+"
    r"(?:local\s+authority\s+)?children" + _APOS + r"s\s+(?:social\s+care\s+)?services\b",
    re.IGNORECASE,
)
_SIF_RE = re.compile(r"(?:Re-?\s?inspection|Inspection)\s+of\s+services\s+for\s+children\s+in\s+need", re.I)
_LSCB_REVIEW_RE = re.compile(r"Review\s+of\s+the\s+effectiveness\s+of\s+the\s+Local\s+Safeguarding", re.I)
_ILACS_MARKER_RE = re.compile(
    r"impact\s+of\s+leaders\s+on\s+social\s+work\s+practice|Judgement\s+Grade", re.IGNORECASE
)
_STATED_TYPE_RE = re.compile(
    r"\b(?:this\s+(?:was|is)\s+an?|carried\s+out\s+an?|undertook\s+an?|conducted\s+an?|during\s+this)\s+"
    r"(short|standard)\s+inspection\b",
    re.IGNORECASE,
)


def _names(text: str) -> list[str]:
    text = _NAME_NOISE_RE.sub(" ", text)
    names = []
    for part in re.split(r",|;|\band\b|&", text):
        part = " ".join(part.split()).strip(" .:")
        if _NAME_RE.match(part):
            names.append(part)
    return names


def _role_name(role: str) -> str:
    role = " ".join(role.split()).capitalize()
    if role.lower().startswith("reporting"):
        return "Lead inspector"  # the older reports' name for the lead inspector
    return re.sub(r"s$", "", role)


def _list_continues(text: str, following: str, role: str) -> bool:
    """Does the next line carry on a role line's list of names?"""
    if _ROLE_LINE_RE.match(following) or ":" in following or len(following) > 100 or text.endswith("."):
        return False
    if _NAME_NOISE_RE.fullmatch(following):
        return True  # "Her Majesty's Inspector" on a line of its own
    if not _names(following):
        return False
    return text.endswith(",") or (role != "Lead inspector" and following[:1].isupper())


def _inspectors(lines: list[Line]) -> list[Inspector]:
    """'Lead inspector: Nicki Shaw, His Majesty's Inspector', and the inspection team where listed."""
    found: list[Inspector] = []
    seen: set[tuple[str, str]] = set()
    for index, line in enumerate(lines):
        match = _ROLE_LINE_RE.match(line.text)
        if not match:
            continue
        role = _role_name(match["role"])
        text = match["names"].rstrip()
        follow = index + 1
        while follow < min(len(lines), index + 4) and _list_continues(text, lines[follow].text, role):
            text = f"{text} {lines[follow].text}".rstrip()
            follow += 1
        names = _names(text)
        if role == "Lead inspector":
            names = names[:1]
        for name in names:
            if (name, role) not in seen:
                seen.add((name, role))
                found.append(Inspector(name, role))
    found.sort(key=lambda inspector: inspector.role != "Lead inspector")
    return found


# ---------------------------------------------------------------------------------------------
# Judgements

_SIF_TABLE = [
    (
        re.compile(r"Children\s+who\s+need\s+help\s+and\s+protection\s*:?\s*(" + GRADE + ")", re.I),
        "help_and_protection",
    ),
    (
        re.compile(r"Children\s+looked\s+after\s+and\s+achieving\s+permanence\s*:?\s*(" + GRADE + ")", re.I),
        "looked_after_children",
    ),
    (re.compile(r"Adoption\s+performance\s*:?\s*(" + GRADE + ")", re.I), "adoption"),
    (
        re.compile(r"(?:Experiences\s+and\s+progress\s+of\s+)?care\s+leavers\s*:?\s*(" + GRADE + ")", re.I),
        "care_leavers",
    ),
    (
        re.compile(r"Leadership,?\s+management\s+and\s+governance\s*:?\s*(" + GRADE + ")", re.I),
        "leadership_management_governance",
    ),
]
_SIF_OVERALL_RE = re.compile(
    r"(?:overall\s+judgement\s+is(?:\s+that)?(?:\s+(?:the\s+)?(?:local\s+authority" + _APOS + r"s\s+)?"
    r"children" + _APOS + r"s\s+services(?:\s+(?:in|of)\s+[^.]{1,80}?)?)?"
    r"|Children" + _APOS + r"s\s+services\s+(?:in|on|of|for)\s+(?:the\s+)?[A-Z][^.]{0,80}?)"
    r"\s+(?:(?:are|is)\s+)?(" + GRADE + ")",
    re.IGNORECASE,
)
_LSCB_HEADLINE_RE = re.compile(
    r"^(?:The\s+effectiveness\s+of\s+the\s+(?:Local\s+Safeguarding\s+Children\s+Board|LSCB)(?:\s+\(LSCB\))?"
    r"|The\s+Local\s+Safeguarding\s+Children\s+Board(?:\s+\(LSCB\))?(?:\s+in\s+[A-Z][\w ,’'-]{1,60}?)?"
    r"|The\s+LSCB)"
    r"\s+(?:is\s+(?:that\s+it\s+(?:is\s+)?)?|are\s+)?(" + GRADE + r")\s*\.?$",
    re.IGNORECASE,
)


def _table_judgements(cover: str) -> list[JudgementRecord]:
    """ILACS judgement table: 'Judgement Grade' then label/grade pairs to 'Overall effectiveness'."""
    start = re.search(r"Judgement\s+Grade", cover, re.IGNORECASE)
    if start is None:
        return []
    body = cover[start.end() :]
    overall = re.search(r"Overall\s+effectiveness\s*:?\s*(" + GRADE + ")", body, re.IGNORECASE)
    if overall is None:
        return []
    body = body[: overall.end()]
    judgements: dict[str, str] = {}
    position = 0
    for match in _GRADE_RE.finditer(body):
        label = body[position : match.start()]
        position = match.end()
        area = area_for(label)
        grade = normalise_grade(match.group(0))
        if area and grade and area not in judgements:
            judgements[area] = grade
    return [JudgementRecord(area, grade) for area, grade in judgements.items()]


def _sif_judgements(cover: str) -> list[JudgementRecord]:
    judgements: dict[str, str] = {}
    overall = _SIF_OVERALL_RE.search(cover)
    if overall:
        grade = normalise_grade(overall.group(1))
        if grade:
            judgements["overall_effectiveness"] = grade
    for pattern, area in _SIF_TABLE:
        match = pattern.search(cover)
        if match:
            grade = normalise_grade(match.group(1))
            if grade:
                judgements[area] = grade
    return [JudgementRecord(area, grade) for area, grade in judgements.items()]


def _lscb_judgement(lines: list[Line]) -> JudgementRecord | None:
    for index, line in enumerate(lines):
        if "safeguarding children board" not in line.text.lower() and "lscb" not in line.text.lower():
            continue
        for width in (1, 2, 3):
            candidate = " ".join(item.text for item in lines[index : index + width])
            match = _LSCB_HEADLINE_RE.match(candidate)
            if match:
                grade = normalise_grade(match.group(1))
                if grade:
                    return JudgementRecord("lscb", grade)
    return None


# ---------------------------------------------------------------------------------------------
# Body structure: headings and sections

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
    r"(?:\s*(?::|-|–|\bare\b:?|\bis\b:?|\bis\s+that\s+it\s+(?:is)?)?\s*(?P<grade>" + GRADE + r"))?\s*\.?"
)

# (pattern, kind). Kinds: area, improve, overview, findings, lscb, skip, end, ignore.
_HEADINGS: list[tuple[re.Pattern, str]] = [
    (re.compile(_AREA_TEXT + _GRADE_TAIL, re.I), "area"),
    (
        re.compile(
            r"The\s+graded\s+judge?ment\s+(?:for|about|on)\s+(?:the\s+)?(?P<label>.{5,90}?)(?:\s+is"
            r"(?:\s+that\s+(?:it|they)\s+(?:is|are)?)?\s*(?P<grade>" + GRADE + r"))?\s*\.?",
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
    (_LSCB_HEADLINE_RE, "lscb"),
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
_NUMBERED_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*(.*)$")
_BULLET_RE = re.compile(r"^[•◼▪■●◾\-–]\s*(.*)$")
_SENTENCE_END = (".", ":", "?", "!", "’", "”", '"', ")", ";")
_RECOMMENDATION_TAG_RE = re.compile(r"\s*\((?:Recommendation|Recommendations)\)(?=\.?\s*$)", re.IGNORECASE)


@dataclass
class _Heading:
    kind: str
    width: int  # lines consumed
    area: str | None = None
    grade: str | None = None


def _match_heading(lines: list[Line], index: int) -> _Heading | None:
    first = lines[index].text
    if len(first) > 120 or not (first[0].isupper() or first[0] == "©") or not _HEADING_START_RE.match(first):
        return None
    best: _Heading | None = None
    candidate = ""
    for width in range(1, 5):
        if index + width > len(lines):
            break
        line = lines[index + width - 1]
        if width > 1 and (line.page != lines[index].page or _NUMBERED_RE.match(line.text)):
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
                area = "lscb"
            grade = normalise_grade(groups["grade"]) if groups.get("grade") else None
            if kind == "end" and width > 1:
                continue
            best = _Heading(kind, width, area, grade)
            break
    return best


@dataclass
class _Block:
    section: str
    area: str | None
    lines: list[str] = field(default_factory=list)
    number: int | None = None
    bullet: bool = False


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -") and line[:1].islower():
            text += line  # "multi-" + "agency": a hyphenated compound broken at the line end
        else:
            text += " " + line
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
class _Body:
    findings: list[FindingRecord]
    numbered: int
    area_grades: dict[str, str]
    end_at: int  # where the closing boilerplate (back page) starts


def _read_body(lines: list[Line], start: int, framework: str) -> _Body:
    """Findings from the body, from line `start` on."""
    width = sorted(len(line.text) for line in lines)[int(len(lines) * 0.9)] if lines else 80
    findings: list[FindingRecord] = []
    area_grades: dict[str, str] = {}
    context = "overview" if framework == "ilacs" else "skip"
    lscb_only = framework == "lscb_review"  # a review of the LSCB alone: everything is about it
    in_lscb = lscb_only
    area: str | None = "lscb" if in_lscb else None
    expected = 1
    block: _Block | None = None
    prose: list[str] = []
    end_at: int | None = None

    def emit(text: str, section: str, block_area: str | None) -> None:
        text = " ".join(text.split())
        if len(text) < 3:
            return
        findings.append(FindingRecord(text=text, section=section, area=block_area, position=len(findings)))

    def flush_prose() -> None:
        nonlocal prose
        if prose and context == "overview":
            for paragraph in _prose_paragraphs(prose, width):
                if len(paragraph) >= 40 and paragraph[-1:] in ".!?’”":
                    emit(paragraph, "overview", area)
        elif prose and context == "improve" and framework == "ilacs":
            emit(_join(prose), "improvement", None)
        prose = []

    def close() -> None:
        nonlocal block
        if block is not None:
            emit(_join(block.lines), block.section, block.area)
            block = None
        flush_prose()

    index = start
    while index < len(lines):
        line = lines[index]
        text = line.text
        numbered = _NUMBERED_RE.match(text)
        if numbered and int(numbered.group(1)) == expected:
            close()
            expected += 1
            if framework == "ilacs":
                section = "finding"
            elif context in ("improve", "skip"):
                section = "improvement" if context == "improve" else "skip"
            elif context == "findings":
                section = "finding"
            else:
                section = "finding" if area is not None else "overview"
            end_at = None
            block = _Block(section, area, [numbered.group(2)] if numbered.group(2) else [], expected - 1)
            if section == "skip":
                block = None
            index += 1
            continue
        # A heading follows a finished sentence (or starts a page); only a judgement area's
        # heading or the back page may interrupt text that reads on.
        pending = block.lines if block is not None else prose
        last = pending[-1] if pending else ("" if block is not None else ".")
        previous_complete = last.endswith(_SENTENCE_END) or (
            index > start and line.page != lines[index - 1].page
        )
        heading = _match_heading(lines, index)
        if heading is not None and not previous_complete and heading.kind not in ("area", "end"):
            heading = None
        if heading is not None:
            close()
            kind = heading.kind
            if kind == "area":
                area = heading.area
                in_lscb = False
                if heading.grade and area:
                    area_grades.setdefault(area, heading.grade)
                context = "findings" if framework == "ilacs" else "overview"
                # A SIF heading's grade may sit on the next line on its own.
                follow = index + heading.width
                if follow < len(lines) and _GRADE_RE.fullmatch(lines[follow].text.rstrip(". ")):
                    if area and not heading.grade:
                        grade = normalise_grade(lines[follow].text)
                        if grade:
                            area_grades.setdefault(area, grade)
                    index += 1
            elif kind == "legacy_area":
                context, area, in_lscb = "findings", None, False
            elif kind == "improve":
                context = "improve"
                area = "lscb" if in_lscb or lscb_only else None
            elif kind == "overview":
                context = "overview"
                if text.lower() != "summary":  # a judgement area's own "Summary" keeps its area
                    area = "lscb" if in_lscb or lscb_only else None
            elif kind == "findings":
                context = "findings"
                if heading.area == "lscb":
                    area, in_lscb = "lscb", True
            elif kind == "lscb_findings":
                context, area, in_lscb = "findings", "lscb", True
            elif kind == "lscb":
                context, area, in_lscb = "overview", "lscb", True
            elif kind in ("skip", "end"):
                if kind == "end" and end_at is None:
                    end_at = index
                context = "skip"
                area = "lscb" if lscb_only else None
                in_lscb = lscb_only or (in_lscb and kind != "end")
            index += heading.width
            continue
        bullet = _BULLET_RE.match(text)
        if context == "improve" and bullet:
            close()
            block = _Block("improvement", None, [bullet.group(1)], bullet=True)
            index += 1
            continue
        if block is not None:
            # An unnumbered heading we do not know, between two paragraphs, is not their text.
            if (
                block.lines
                and block.lines[-1].endswith(_SENTENCE_END)
                and not text.endswith((".", ",", ";"))
                and len(text) < 0.8 * width
                and index + 1 < len(lines)
                and (
                    (_NUMBERED_RE.match(lines[index + 1].text) or _match_heading(lines, index + 1))
                    and text[:1].isupper()
                )
                and not block.bullet
            ):
                index += 1
                continue
            block.lines.append(text)
        elif context in ("overview", "improve"):
            prose.append(text)
        index += 1
    close()
    for position, finding in enumerate(findings):
        finding.position = position
    return _Body(findings, expected - 1, area_grades, len(lines) if end_at is None else end_at)


# ---------------------------------------------------------------------------------------------
# The whole report


def _framework(cover_text: str) -> str:
    """sif | lscb_review | ilacs | legacy, from the cover page."""
    flat = " ".join(cover_text.split())
    if _SIF_RE.search(flat):
        return "sif"
    if _LSCB_REVIEW_RE.search(flat):
        return "lscb_review"
    title = _ILACS_TITLE_RE.search(flat) or re.search(
        r"Inspection\s+of\s+(?:local\s+authority\s+)?children" + _APOS + r"s\s+(?:social\s+care\s+)?services",
        flat,
        re.IGNORECASE,
    )
    if title and _ILACS_MARKER_RE.search(flat):
        return "ilacs"
    return "legacy"


def _subject(head: list[Line], gazetteer: Gazetteer) -> Place | None:
    """The authority the report is about, from the title or the lines around it."""
    texts = [line.text for line in head]
    title_at = next((i for i, text in enumerate(texts) if _TITLE_START_RE.match(text)), None)
    if title_at is not None:
        joined = " ".join(texts[title_at : title_at + 4])
        match = _ILACS_TITLE_RE.match(joined)
        if match:
            place = resolve_authority(match["name"], gazetteer)
            if place:
                return place
    before = [t for t in texts[: title_at or 0] if not _PAGE_NUMBER_RE.match(t)]
    if before:
        place = resolve_authority(" ".join(before), gazetteer)
        if place:
            return place
    for text in texts:
        if _TITLE_START_RE.match(text) or _DATES_LINE_RE.match(text):
            continue
        place = resolve_authority(text, gazetteer)
        if place:
            return place
    return None


def _visit_type_from_dates(start: date | None, end: date | None) -> str | None:
    """Ofsted's framework: a short inspection is one week on site, a standard one two."""
    if start is None or end is None:
        return None
    span = (end - start).days
    if 0 <= span <= 6 and start.isocalendar()[:2] == end.isocalendar()[:2]:
        return "short_inspection"
    if 7 <= span <= 13:
        return "standard_inspection"
    return None


_GRADE_FRAGMENT_RE = re.compile(
    r"(?:" + GRADE + r"|to\s+be\s+good|improvement(?:\s+to\s+be\s+good)?)\.?", re.I
)


def _table_end(cover: list[Line]) -> int:
    """Index of the first line after the ILACS judgement table ('Overall effectiveness <grade>')."""
    for index, line in enumerate(cover):
        if re.match(r"Overall\s+effectiveness\b", line.text, re.IGNORECASE):
            index += 1
            while index < len(cover) and _GRADE_FRAGMENT_RE.fullmatch(cover[index].text):
                index += 1
            return index
    return len(cover)


def _title(head: list[Line]) -> str | None:
    parts = []
    for line in head:
        if _DATES_LINE_RE.match(line.text) or _PUBLISHED_RE.match(line.text):
            break
        if _PAGE_NUMBER_RE.match(line.text):
            continue
        parts.append(re.sub(r"(?<=[a-z])\d$", "", line.text))
        if len(parts) >= 8:
            break
    return " ".join(parts) or None


def parse_report(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    """Read an inspection report. Raises ParseError if the document is not one."""
    text = extracted.text
    if not is_report(text):
        raise ParseError(
            "not an Ofsted inspection report of a local authority's children's services "
            "(no report title, or it reads as a letter)"
        )
    pages = extracted.pages or [text]
    lines = clean_lines(pages)
    if not lines:
        raise ParseError("the report has no text")
    first_page = lines[0].page
    cover = [line for line in lines if line.page == first_page]
    if len(cover) < 8:  # a cover page with little on it: read the next page as well
        cover = [line for line in lines if line.page <= first_page + 1]
    cover_text = "\n".join(line.text for line in cover)
    framework = _framework(cover_text)
    warnings: list[str] = []

    dates_at = next((i for i, line in enumerate(cover) if _DATES_LINE_RE.match(line.text)), None)
    head = cover[:dates_at] if dates_at is not None else cover[:10]
    place = _subject(head, gazetteer)
    if place is None:
        mentioned = mentions(cover_text, gazetteer) or mentions(text[:20000], gazetteer)
        if mentioned:
            place = mentioned[0]
            warnings.append(f"authority read from the text, not the title: {place.name}")
    authority = AuthorityMention(place.name, place.ons_code) if place else None
    if authority is None:
        warnings.append("authority not found")

    visit_start = visit_end = None
    if dates_at is not None:
        match = _DATES_LINE_RE.match(cover[dates_at].text)
        date_text = match.group(1)
        if dates_at + 1 < len(cover) and not re.search(r"(?:19|20)\d\d\W*$", date_text):
            date_text += " " + cover[dates_at + 1].text  # the dates run on to the next line
        visit_start, visit_end = parse_date_range(date_text)
    if visit_start is None:
        warnings.append("inspection dates not found")

    published = None
    for line in cover[:25]:
        match = _PUBLISHED_RE.match(line.text)
        if match:
            published = parse_date(match.group(1))
            break

    inspectors = _inspectors(lines)
    if not any(i.role == "Lead inspector" for i in inspectors) and framework == "ilacs":
        warnings.append("lead inspector not found")

    # Judgements
    if framework == "ilacs":
        judgements = _table_judgements(cover_text)
    elif framework == "sif":
        judgements = _sif_judgements(" ".join(cover_text.split()))
    else:
        judgements = []
    if framework in ("sif", "lscb_review"):
        lscb = _lscb_judgement(lines)
        if lscb and all(j.area != "lscb" for j in judgements):
            judgements.append(lscb)

    # Body: an ILACS report's starts after the judgement table; other reports' after the cover.
    first_page_lines = sum(1 for line in lines if line.page == first_page)
    start = _table_end(cover) if framework == "ilacs" else min(first_page_lines, len(lines) - 1)
    body = _read_body(lines, start, framework)
    findings = body.findings

    if framework == "ilacs":
        have = {j.area for j in judgements}
        for area_name, grade in body.area_grades.items():
            if area_name not in have:
                judgements.append(JudgementRecord(area_name, grade))
        if not any(j.area == "overall_effectiveness" for j in judgements):
            warnings.append("overall effectiveness judgement not found")
        if not any(f.section == "improvement" for f in findings):
            warnings.append("'What needs to improve?' points not found")
        if body.numbered == 0:
            warnings.append("numbered paragraphs not found")
    if framework in ("sif",) and not judgements:
        warnings.append("judgements not found")

    # Visit type
    visit_type = None
    stated = False
    if framework == "sif":
        visit_type = "sif_inspection"
    elif framework == "ilacs":
        lowered = text.lower()
        match = (
            _STATED_TYPE_RE.search(text)
            if "short inspection" in lowered or "standard inspection" in lowered
            else None
        )
        if match:
            visit_type = f"{match.group(1).lower()}_inspection"
            stated = True
        else:
            visit_type = _visit_type_from_dates(visit_start, visit_end)
            if visit_type is None:
                warnings.append("visit type could not be told from the inspection dates")
    else:
        warnings.append(
            "review of the Local Safeguarding Children Board only: no visit type in the vocabulary"
            if framework == "lscb_review"
            else "older report format: visit type not classified"
        )

    return ParsedDocument(
        format="pdf",
        doc_kind="report",
        text=text,
        title=_title(head),
        authority=authority,
        other_authorities=_other_authorities(
            "\n".join(line.text for line in lines[: body.end_at]), place, gazetteer
        ),
        visit_type=visit_type,
        visit_type_stated=stated,
        visit_start=visit_start,
        visit_end=visit_end,
        published=published,
        inspectors=inspectors,
        judgements=judgements,
        findings=findings,
        warnings=warnings,
        page_count=len(pages) if extracted.pages else None,
    )
