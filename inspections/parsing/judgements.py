"""Graded judgements: the areas Ofsted judges, and the judgements documents state.

- in a report's judgement table: the ILACS table ("Judgement Grade" ... "Overall effectiveness
  Good"), the single inspection framework's cover ("Children who need help and protection Require
  improvement"), the headline judgement of a Local Safeguarding Children Board (`table_judgements`,
  `sif_judgements`, `lscb_judgement`);
- in prose: "was judged outstanding", "rated good in 2014" (`prose_judgements`), telling this
  visit's judgements from the ones a text only refers to.

Grades are read with the vocabulary's `read_grade`; nothing here spells a grade of its own.
"""

from __future__ import annotations

import re

from inspections.vocabulary import GRADE_WORDS, Area, Grade, read_grade

from .dates import MONTH_NAME, month_year
from .gazetteer import Gazetteer
from .layout import Line
from .records import JudgementRecord, PriorJudgement
from .text import sentences

_APOS = "[’'`]"

#: A grade, or "Not judged" (a table's cell for an area it does not grade), as an expression.
GRADE_CELL = rf"(?:{GRADE_WORDS}|not\s+judged)"
GRADE_CELL_RE = re.compile(GRADE_CELL, re.IGNORECASE)

# A heading's or a table's label for an area, most specific first. Matched against lower-cased,
# whitespace-collapsed text.
_AREA_LABELS: list[tuple[re.Pattern, Area]] = [
    (re.compile(r"overall effectiveness|overall judgement"), Area.OVERALL_EFFECTIVENESS),
    (re.compile(r"local safeguarding children board|\blscb\b"), Area.LSCB),
    (re.compile(r"leadership,? management,? and governance"), Area.LEADERSHIP_MANAGEMENT_GOVERNANCE),
    (re.compile(r"impact of leaders"), Area.LEADERSHIP),
    (re.compile(r"help and protection"), Area.HELP_AND_PROTECTION),
    (re.compile(r"children in care and care leavers"), Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS),
    (
        re.compile(r"looked after and achieving permanence|children looked after|looked after children"),
        Area.LOOKED_AFTER_CHILDREN,
    ),
    (re.compile(r"adoption"), Area.ADOPTION),
    (re.compile(r"care leavers"), Area.CARE_LEAVERS),
    (re.compile(r"children in care"), Area.CHILDREN_IN_CARE),
]


def area_for(label: str) -> Area | None:
    """The judgement area a heading or table label names, or None."""
    text = " ".join(label.lower().replace("’", "'").split())
    for pattern, area in _AREA_LABELS:
        if pattern.search(text):
            return area
    return None


# --- ILACS: the judgement table ------------------------------------------------------------------


def table_judgements(cover: str) -> list[JudgementRecord]:
    """ILACS judgement table: 'Judgement Grade' then label/grade pairs to 'Overall effectiveness'."""
    start = re.search(r"Judgement\s+Grade", cover, re.IGNORECASE)
    if start is None:
        return []
    body = cover[start.end() :]
    overall = re.search(r"Overall\s+effectiveness\s*:?\s*(" + GRADE_CELL + ")", body, re.IGNORECASE)
    if overall is None:
        return []
    body = body[: overall.end()]
    judgements: dict[Area, Grade] = {}
    position = 0
    for match in GRADE_CELL_RE.finditer(body):
        label = body[position : match.start()]
        position = match.end()
        area = area_for(label)
        grade = read_grade(match.group(0))
        if area and grade and area not in judgements:
            judgements[area] = grade
    return [JudgementRecord(area, grade) for area, grade in judgements.items()]


_GRADE_FRAGMENT_RE = re.compile(
    r"(?:" + GRADE_CELL + r"|to\s+be\s+good|improvement(?:\s+to\s+be\s+good)?)\.?", re.I
)


def table_end(cover: list[Line]) -> int:
    """Index of the first line after the ILACS judgement table ('Overall effectiveness <grade>')."""
    for index, line in enumerate(cover):
        if re.match(r"Overall\s+effectiveness\b", line.text, re.IGNORECASE):
            index += 1
            while index < len(cover) and _GRADE_FRAGMENT_RE.fullmatch(cover[index].text):
                index += 1
            return index
    return len(cover)


# --- the single inspection framework: the cover's judgements ---------------------------------------

_SIF_TABLE = [
    (r"Children\s+who\s+need\s+help\s+and\s+protection", Area.HELP_AND_PROTECTION),
    (r"Children\s+looked\s+after\s+and\s+achieving\s+permanence", Area.LOOKED_AFTER_CHILDREN),
    (r"Adoption\s+performance", Area.ADOPTION),
    (r"(?:Experiences\s+and\s+progress\s+of\s+)?care\s+leavers", Area.CARE_LEAVERS),
    (r"Leadership,?\s+management\s+and\s+governance", Area.LEADERSHIP_MANAGEMENT_GOVERNANCE),
]
_SIF_TABLE_RES = [
    (re.compile(label + r"\s*:?\s*(" + GRADE_CELL + ")", re.I), area) for label, area in _SIF_TABLE
]
_SIF_OVERALL_RE = re.compile(
    r"(?:overall\s+judgement\s+is(?:\s+that)?(?:\s+(?:the\s+)?(?:local\s+authority" + _APOS + r"s\s+)?"
    r"children" + _APOS + r"s\s+services(?:\s+(?:in|of)\s+[^.]{1,80}?)?)?"
    r"|Children" + _APOS + r"s\s+services\s+(?:in|on|of|for)\s+(?:the\s+)?[A-Z][^.]{0,80}?)"
    r"\s+(?:(?:are|is)\s+)?(" + GRADE_CELL + ")",
    re.IGNORECASE,
)
LSCB_HEADLINE_RE = re.compile(
    r"^(?:The\s+effectiveness\s+of\s+the\s+(?:Local\s+Safeguarding\s+Children\s+Board|LSCB)(?:\s+\(LSCB\))?"
    r"|The\s+Local\s+Safeguarding\s+Children\s+Board(?:\s+\(LSCB\))?(?:\s+in\s+[A-Z][\w ,’'-]{1,60}?)?"
    r"|The\s+LSCB)"
    r"\s+(?:is\s+(?:that\s+it\s+(?:is\s+)?)?|are\s+)?(" + GRADE_CELL + r")\s*\.?$",
    re.IGNORECASE,
)


def sif_judgements(cover: str) -> list[JudgementRecord]:
    """The overall judgement and the judgement of each area, as a SIF report's cover states them."""
    judgements: dict[Area, Grade] = {}
    overall = _SIF_OVERALL_RE.search(cover)
    if overall:
        grade = read_grade(overall.group(1))
        if grade:
            judgements[Area.OVERALL_EFFECTIVENESS] = grade
    for pattern, area in _SIF_TABLE_RES:
        match = pattern.search(cover)
        if match:
            grade = read_grade(match.group(1))
            if grade:
                judgements[area] = grade
    return [JudgementRecord(area, grade) for area, grade in judgements.items()]


def lscb_judgement(lines: list[Line]) -> JudgementRecord | None:
    """ "The Local Safeguarding Children Board is good", on one line or up to three."""
    for index, line in enumerate(lines):
        if "safeguarding children board" not in line.text.lower() and "lscb" not in line.text.lower():
            continue
        for width in (1, 2, 3):
            candidate = " ".join(item.text for item in lines[index : index + width])
            match = LSCB_HEADLINE_RE.match(candidate)
            if match:
                grade = read_grade(match.group(1))
                if grade:
                    return JudgementRecord(Area.LSCB, grade)
    return None


# --- judgements in prose -------------------------------------------------------------------------

_Q = r"['‘\"“]?"
# a grade ends its clause ("rated good in 2014", "judged inadequate for ..."); "good examples" is no grade
_GRADE_END = (
    r"(?=['’\"”]?\s*(?:[.,;:)!?]|and\b|overall\b|for\b|in\b|by\b|at\b|on\b|following\b|after\b|when\b|"
    r"since\b|across\b|$))"
)
_JUDGED = re.compile(
    rf"\b(?:(?P<verb>judged|rated|graded|assessed|found)\s+(?:it\s+|them\s+)?"
    rf"(?:as\s+being\s+|as\s+|to\s+be\s+|to\s+remain\s+)?"
    rf"(?:still\s+)?{_Q}(?P<grade>{GRADE_WORDS}){_GRADE_END}"
    rf"|(?P<be>is|are|was|were|remains?|remained|be|been)\s+(?:now\s+|still\s+|both\s+|all\s+|also\s+|"
    rf"consistently\s+|therefore\s+)*{_Q}(?P<grade2>{GRADE_WORDS}){_GRADE_END}"
    rf"|(?P<bare>requires?\s+improvement\s+to\s+be\s+good)"
    rf"|\bfrom\s+{_Q}(?P<from>{GRADE_WORDS})['’\"”]?\s+to\s+{_Q}(?P<to>{GRADE_WORDS})"
    rf"|\b(?:an?|its|the)\s+{_Q}(?P<rating>{GRADE_WORDS})['’\"”]?\s+"
    rf"(?:rating|judgement|grade|verdict))\b",
    re.IGNORECASE,
)
_AREAS = [
    (r"overall\s+effectiveness|overall\s+judgement|overall\s+grade", Area.OVERALL_EFFECTIVENESS),
    (r"leadership,?\s+management\s+and\s+governance", Area.LEADERSHIP_MANAGEMENT_GOVERNANCE),
    (r"impact\s+of\s+leaders|leadership|leaders", Area.LEADERSHIP),
    (r"help\s+and\s+protection", Area.HELP_AND_PROTECTION),
    (
        r"children\s+in\s+care\s+and\s+care\s+leavers|children\s+looked\s+after\s+and\s+care\s+leavers|"
        r"looked\s+after\s+children\s+and\s+care\s+leavers",
        Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
    ),
    (r"looked\s+after\s+and\s+achieving\s+permanence|looked\s+after\s+children", Area.LOOKED_AFTER_CHILDREN),
    (r"children\s+in\s+care", Area.CHILDREN_IN_CARE),
    (r"care\s+leavers|leaving\s+care", Area.CARE_LEAVERS),
    (r"adoption", Area.ADOPTION),
    (r"safeguarding\s+children\s+board|\bLSCB\b", Area.LSCB),
]
_AREA = re.compile("|".join(f"(?P<a{i}>{pattern})" for i, (pattern, _) in enumerate(_AREAS)), re.IGNORECASE)
_WHOLE_SERVICE = re.compile(
    r"\b(?:council|local\s+authority|authority|children['’]?s\s+(?:social\s+care\s+)?services|"
    r"services\s+for\s+(?:children|vulnerable\s+children)|borough|county|overall)\b",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:they|it|these|both|all|each|this|and\s+they|and\s+it)\b", re.IGNORECASE
)
_CLAUSE_BOUNDARY = re.compile(
    r"[;:]|,\s*(?:and|but|which|while|whilst|although)\b|\b(?:since|that|when|after|while|whilst|although|"
    r"because|following)\b",
    re.IGNORECASE,
)
_PAST_MARKER = re.compile(
    r"\b(?:since|previous(?:ly)?|last|earlier|former(?:ly)?|had\s+been|prior|after\s+being|up\s+from|"
    r"down\s+from|originally|once)\b",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:in|on|during|since)\s+(?P<when>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{MONTH_NAME})?\s*"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(
    r"\b(?:in|on|during)\s+(?P<when>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{MONTH_NAME})?\s*"
    r"(?:19|20)\d\d)\b[^.;]*$",
    re.IGNORECASE,
)

_AREA_AFTER = re.compile(r"^\W*(?:for|in|on|across)\s+[^,;.]*", re.IGNORECASE)


def _areas_in(text: str) -> list[str]:
    areas: list[str] = []
    for match in _AREA.finditer(text):
        index = int(match.lastgroup[1:])
        area = _AREAS[index][1]
        if area not in areas:
            areas.append(area)
    return areas


def prose_judgements(
    text: str, gazetteer: Gazetteer | None = None
) -> tuple[list[JudgementRecord], list[PriorJudgement], list[str]]:
    """Judgements a text states in prose: (this visit's, ones it only refers to, warnings).

    "The experiences and progress of children in care and care leavers was judged as
    outstanding" is a judgement of the visit; "since the local authority was judged inadequate
    for overall effectiveness in April 2017" is one the text refers to (with its date).
    """
    current: list[JudgementRecord] = []
    prior: list[PriorJudgement] = []
    for sentence in sentences(text):
        for match in _JUDGED.finditer(sentence):
            _read_judgement(sentence, match, gazetteer, current, prior)
    judgements, warnings = _one_per_area(current)
    unique_prior: dict[tuple, PriorJudgement] = {}
    for record in prior:
        unique_prior.setdefault((record.area, record.grade, record.date), record)
    return judgements, list(unique_prior.values()), warnings


def referred_to(judgements: list[JudgementRecord]) -> list[PriorJudgement]:
    """Judgements a text states as if of this visit, for a visit that grades nothing (a letter, a
    summary of a focused or monitoring visit): earlier ones, date unstated."""
    return [PriorJudgement(j.area, j.grade, None, "day") for j in judgements]


def _one_per_area(current: list[JudgementRecord]) -> tuple[list[JudgementRecord], list[str]]:
    """The first grade the text gives each area; the 2018-2022 framework grades children in care and
    care leavers together, and that combined judgement stands for both parts."""
    warnings: list[str] = []
    by_area: dict[str, JudgementRecord] = {}
    for record in current:
        existing = by_area.get(record.area)
        if existing is None:
            by_area[record.area] = record
        elif existing.grade != record.grade:
            warnings.append(
                f"the text gives {record.area} two grades ({existing.grade}, {record.grade}); kept the first"
            )
    combined = by_area.get(Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS)
    for part in (Area.CARE_LEAVERS, Area.CHILDREN_IN_CARE):
        if combined is not None and part in by_area:
            if by_area[part].grade != combined.grade:
                warnings.append(
                    f"{part} is {by_area[part].grade} but children in care and care leavers together are "
                    f"{combined.grade}; kept the combined judgement"
                )
            del by_area[part]
    return list(by_area.values()), warnings


def _judged_areas(sentence: str, match: re.Match, subject: str, after_clause: str, gazetteer) -> list[str]:
    """The areas a grade in a sentence is given to; none when the grade judges no area."""
    # "judged inadequate for overall effectiveness": the area follows the grade
    named_after = _AREA_AFTER.match(after_clause)
    areas = _areas_in(named_after.group(0)) if named_after else []
    if not areas:
        areas = _areas_in(subject)
    if not areas and _PRONOUN_SUBJECT.search(re.sub(r"^[\s,;:]*(?:and|but|since|that)?", "", subject)):
        areas = _areas_in(sentence[: match.start()])
    if areas:
        return areas
    names = gazetteer is not None and bool(gazetteer.mentions(subject))
    if match.group("be") and not (names or _WHOLE_SERVICE.search(subject)):
        return []  # "the quality of work is good": not a judgement
    if names or _WHOLE_SERVICE.search(subject) or match.group("verb") or match.group("rating"):
        return [Area.OVERALL_EFFECTIVENESS]
    return []


def _read_judgement(sentence, match, gazetteer, current, prior) -> None:
    """Add the judgements one match states to this visit's (`current`) or to those referred to."""
    if match.group("from"):
        grades = [(match.group("from"), True), (match.group("to"), False)]  # (grade, is the earlier one)
    else:
        word = match.group("grade") or match.group("grade2") or match.group("bare") or match.group("rating")
        grades = [(word, None)]
    boundaries = [b.start() for b in _CLAUSE_BOUNDARY.finditer(sentence, 0, match.start())]
    subject = sentence[boundaries[-1] if boundaries else 0 : match.start()]
    after_clause = re.split(r"[;:]|,\s*(?:and|but|which)\b|\.", sentence[match.end() :], maxsplit=1)[0]
    areas = _judged_areas(sentence, match, subject, after_clause, gazetteer)
    if not areas:
        return
    when = _DATE_AFTER.match(after_clause) or _DATE_BEFORE.search(subject)
    dated = month_year(when.group("when")) if when else None
    is_past = bool(_PAST_MARKER.search(subject)) or bool(
        re.search(r"\b(?:previous|last|earlier)\s+(?:inspection|visit)", after_clause, re.IGNORECASE)
    )
    for word, from_grade in grades:
        grade = read_grade(word)
        past = from_grade if from_grade is not None else is_past
        for area in areas:
            if past or dated is not None:
                when_date, precision = dated if dated else (None, "day")
                prior.append(PriorJudgement(area, grade, when_date, precision))
            else:
                current.append(JudgementRecord(area, grade))
