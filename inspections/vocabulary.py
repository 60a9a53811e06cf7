"""The product's vocabulary: the machine values every layer speaks, and nothing of Django.

Models build their field choices from these enums; parsing, the statistics import, queries and
template tags import them. Nothing else spells a grade.
"""

from __future__ import annotations

import re
from enum import EnumType, StrEnum, nonmember


class _LabelledType(EnumType):
    """What Django's TextChoices offers a form or a model field, without Django."""

    @property
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]

    @property
    def values(cls) -> list[str]:
        return [member.value for member in cls]

    @property
    def labels(cls) -> list[str]:
        return [member.label for member in cls]


class Labelled(StrEnum, metaclass=_LabelledType):
    """A machine value with a human label: `Grade.GOOD == "good"`, `Grade.GOOD.label == "Good"`."""

    label: str
    do_not_call_in_templates = nonmember(True)

    def __new__(cls, value: str, label: str | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label if label is not None else value.replace("_", " ").capitalize()
        return member


class VisitType(Labelled):
    STANDARD_INSPECTION = "standard_inspection", "Standard inspection"
    SHORT_INSPECTION = "short_inspection", "Short inspection"
    FOCUSED_VISIT = "focused_visit", "Focused visit"
    MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
    JTAI = "jtai", "Joint targeted area inspection"
    SIF_INSPECTION = "sif_inspection", "Single inspection framework inspection"
    OTHER = "other", "Other"


# Inspections make graded judgements; the other visits report on practice without grades.
INSPECTION_TYPES = frozenset(
    {VisitType.STANDARD_INSPECTION, VisitType.SHORT_INSPECTION, VisitType.SIF_INSPECTION}
)
ILACS_GRADED_TYPES = frozenset({VisitType.STANDARD_INSPECTION, VisitType.SHORT_INSPECTION})


def visit_family(visit_type: str) -> str:
    """Sources describe one visit only when their types fall in one family. A short and a standard
    inspection are both "inspection" (a report seldom says which; the dates or the statistics do);
    a SIF inspection, a focused visit, a monitoring visit and a JTAI are each their own family."""
    return "inspection" if visit_type in ILACS_GRADED_TYPES else visit_type


def compatible_types(visit_type: str) -> list[str]:
    """Every visit type of the same family as this one (itself included)."""
    family = visit_family(visit_type)
    return [value for value in VisitType.values if visit_family(value) == family]


class Area(Labelled):
    OVERALL_EFFECTIVENESS = "overall_effectiveness", "Overall effectiveness"
    LEADERSHIP = "leadership", "Impact of leaders on social work practice"
    HELP_AND_PROTECTION = "help_and_protection", "Children who need help and protection"
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = (
        "children_in_care_and_care_leavers",
        "Children in care and care leavers",
    )
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    LOOKED_AFTER_CHILDREN = "looked_after_children", "Children looked after and achieving permanence"
    ADOPTION = "adoption", "Adoption performance"
    LEADERSHIP_MANAGEMENT_GOVERNANCE = (
        "leadership_management_governance",
        "Leadership, management and governance",
    )
    LSCB = "lscb", "Local Safeguarding Children Board"


# The order reports give their judgements in: overall effectiveness first, then the ILACS areas,
# and the single inspection framework's in its own order (children looked after, adoption, care
# leavers, leadership, the LSCB).
AREA_ORDER: dict[str, int] = {
    area: rank
    for rank, area in enumerate(
        [
            Area.OVERALL_EFFECTIVENESS,
            Area.LEADERSHIP,
            Area.HELP_AND_PROTECTION,
            Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
            Area.CHILDREN_IN_CARE,
            Area.LOOKED_AFTER_CHILDREN,
            Area.ADOPTION,
            Area.CARE_LEAVERS,
            Area.LEADERSHIP_MANAGEMENT_GOVERNANCE,
            Area.LSCB,
        ]
    )
}


def area_rank(area: str) -> int:
    return AREA_ORDER.get(area, len(AREA_ORDER))


class Grade(Labelled):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# Higher is better; charts draw grades on this scale.
GRADE_RANK: dict[str, int] = {
    Grade.OUTSTANDING: 4,
    Grade.GOOD: 3,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.INADEQUATE: 1,
}

# The words Ofsted writes a grade in, as a regular expression: "Requires improvement to be good",
# "require improvement", "Outstanding". "Not judged" is no grade.
GRADE_WORDS = r"outstanding|good|requires?\s+improvement(?:\s+to\s+be(?:come)?\s+good)?|inadequate"


def read_grade(text: str) -> Grade | None:
    """The grade that words open with: 'Requires improvement to be good' -> requires_improvement.

    Anything else ('Not judged', 'Adequate', a blank) -> None.
    """
    words = " ".join(text.lower().split())
    if words.startswith("outstanding"):
        return Grade.OUTSTANDING
    if words.startswith("good"):
        return Grade.GOOD
    if words.startswith(("requires improvement", "require improvement")):
        return Grade.REQUIRES_IMPROVEMENT
    if words.startswith("inadequate"):
        return Grade.INADEQUATE
    return None


def read_grade_exactly(text: str) -> Grade | None:
    """A grade that words are and nothing more ('good', 'requires improvement to be good');
    None for anything else, a blank included."""
    words = " ".join(str(text).lower().split())
    return read_grade(words) if re.fullmatch(GRADE_WORDS, words) else None


class Polarity(Labelled):
    STRENGTH = "strength", "Strength"
    CONCERN = "concern", "Concern"
    MIXED = "mixed", "Mixed"
    NEUTRAL = "neutral", "Neutral"


class Section(Labelled):
    OVERVIEW = "overview", "Overview"
    IMPROVEMENT = "improvement", "What needs to improve"
    FINDING = "finding", "Finding"


class DatePrecision(Labelled):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class DocumentKind(Labelled):
    LETTER = "letter", "Ofsted letter"
    REPORT = "report", "Ofsted report"
    NEWS = "news", "News summary"
    STATISTICS = "statistics", "Ofsted official statistics"


def readable_title(doc_kind: str, authority: str, visit_type: str | None) -> str:
    """A title for a document that states none, from what it is and the visit it describes:
    "News summary: Wandsworth focused visit", "Ofsted letter: Westminster focused visit"."""
    kind = DocumentKind(doc_kind).label if doc_kind in DocumentKind.values else "Document"
    if visit_type in VisitType.values and visit_type != VisitType.OTHER:
        return f"{kind}: {authority} {VisitType(visit_type).label.lower()}"
    return f"{kind}: {authority} visit"


# Letters and reports are Ofsted's own account of a visit; news and statistics repeat or sum it.
PRIMARY_KINDS = frozenset({DocumentKind.LETTER, DocumentKind.REPORT})

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
