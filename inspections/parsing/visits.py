"""What a document says of the visit itself: its type, its dates, its place in a series, its focus."""

from __future__ import annotations

import re
from datetime import date

from inspections.vocabulary import VisitType

from .dates import parse_date_range
from .text import sentences

_ORDINALS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|\d{1,2}(?:st|nd|rd|th)"
)
_SEQUENCE = re.compile(
    rf"\b((?:(?:{_ORDINALS})(?:\s+and\s+(?:final|last))?|final)\s+(?:monitoring|focused)\s+visit)\b",
    re.IGNORECASE,
)


def find_sequence(text: str) -> str | None:
    """ "sixth and final monitoring visit", as the document words it (lower case)."""
    match = _SEQUENCE.search(text)
    return " ".join(match.group(1).lower().split()) if match else None


_VISIT_KIND = re.compile(
    r"\b(?P<kind>focused visit|monitoring visit|joint targeted area inspection|JTAI|short inspection|"
    r"standard inspection|single inspection framework)\b(?!s)",
    re.IGNORECASE,
)
_VISIT_TYPES = {
    "focused visit": VisitType.FOCUSED_VISIT,
    "monitoring visit": VisitType.MONITORING_VISIT,
    "joint targeted area inspection": VisitType.JTAI,
    "jtai": VisitType.JTAI,
    "short inspection": VisitType.SHORT_INSPECTION,
    "standard inspection": VisitType.STANDARD_INSPECTION,
    "single inspection framework": VisitType.SIF_INSPECTION,
}


def stated_visit_type(text: str) -> VisitType | None:
    """The visit type a text names first ("a focused visit", "monitoring visit to ...")."""
    for match in _VISIT_KIND.finditer(text):
        before = text[max(0, match.start() - 25) : match.start()].lower()
        if re.search(r"\b(?:previous|earlier|subsequent|last|prior|recent|future|next)\s+$", before):
            continue  # "the previous monitoring visit": not this one
        return _VISIT_TYPES[match.group("kind").lower()]
    return None


_STATED_INSPECTION_RE = re.compile(
    r"\b(?:this\s+(?:was|is)\s+an?|carried\s+out\s+an?|undertook\s+an?|conducted\s+an?|during\s+this)\s+"
    r"(short|standard)\s+inspection\b",
    re.IGNORECASE,
)


def stated_inspection_type(text: str) -> VisitType | None:
    """Short or standard, where an ILACS report says which ("This was a short inspection")."""
    lowered = text.lower()
    if "short inspection" not in lowered and "standard inspection" not in lowered:
        return None
    match = _STATED_INSPECTION_RE.search(text)
    return VisitType(f"{match.group(1).lower()}_inspection") if match else None


def inspection_type_from_dates(start: date | None, end: date | None) -> VisitType | None:
    """Ofsted's framework: a short inspection is one week on site, a standard one two."""
    if start is None or end is None:
        return None
    span = (end - start).days
    if 0 <= span <= 6 and start.isocalendar()[:2] == end.isocalendar()[:2]:
        return VisitType.SHORT_INSPECTION
    if 7 <= span <= 13:
        return VisitType.STANDARD_INSPECTION
    return None


_VISIT_DATES = re.compile(
    r"\b(?:visit(?:ed|s)?|inspect(?:ed|ion|ors?)|on site|summarises)\b[^.]{0,200}?"
    r"\b(?:on|between|from|during)\s+(?P<dates>(?:\d|[A-Z])[^.]{0,60}?\b(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def visit_dates(text: str) -> tuple[date | None, date | None]:
    """The dates a text says the visit took place ("on 7 and 8 August 2018"); (None, None) if unstated."""
    for sentence in sentences(text):
        match = _VISIT_DATES.search(sentence)
        if match is None:
            continue
        start, end = parse_date_range(match.group("dates"))
        if start is not None:
            return start, end
    return None, None


_FOCUS = re.compile(
    r"(?:\b(?:inspectors|which|that|the\s+(?:focused\s+|monitoring\s+)?visit|this\s+visit)\s+"
    r"(?:considered|looked\s+at|reviewed|evaluated|examined|focused\s+on)"
    r"|\bthe\s+focus\s+of\s+(?:the|this)\s+(?:focused\s+|monitoring\s+)?visit\s+(?:was|were|is))"
    r"\s+(?P<focus>[^.]+)",
    re.IGNORECASE,
)
_FOCUS_END = re.compile(
    r",\s*(?:in\s+accordance|in\s+line|namely|under|as\s+part\s+of|using|in\s+particular)\b.*$|[:;].*$",
    re.IGNORECASE,
)


def find_focus(text: str) -> str | None:
    """What the visit looked at ("the local authority's arrangements for children who need help ...")."""
    for match in _FOCUS.finditer(text):
        focus = _FOCUS_END.sub("", match.group("focus")).strip(" ,")
        if re.match(r"(?i)(?:evidence|examples?|cases?|records?|a\s+range|the\s+case\s+records)\b", focus):
            continue
        if len(focus.split()) >= 3:
            return focus
    return None
