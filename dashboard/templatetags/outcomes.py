"""Display formatting for the pages: dates that may be unknown, grades, polarities, labels."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.dateformat import format as format_date

from authorities.models import AuthorityType
from inspections.vocabulary import (
    Area,
    DatePrecision,
    DocumentKind,
    Grade,
    Polarity,
    Section,
    VisitType,
    area_rank,
)

register = template.Library()

NOT_STATED = "date not stated"

_GRADE_TAGS = {
    Grade.OUTSTANDING: "govuk-tag--green",
    Grade.GOOD: "govuk-tag--turquoise",
    Grade.REQUIRES_IMPROVEMENT: "govuk-tag--yellow",
    Grade.INADEQUATE: "govuk-tag--red",
}
_POLARITY_TAGS = {
    Polarity.STRENGTH: "govuk-tag--green",
    Polarity.CONCERN: "govuk-tag--red",
    Polarity.MIXED: "govuk-tag--yellow",
    Polarity.NEUTRAL: "govuk-tag--grey",
}
_FIELD_LABELS = {
    "visit_start": "start date",
    "visit_end": "end date",
    "published": "date published",
    "visit_type": "type of visit",
    "inspectors": "inspectors",
    "sequence": "sequence",
}


def _label(choices, value, default: str = "") -> str:
    try:
        return choices(value).label
    except ValueError:
        return str(value) if value else default


@register.filter
def date_stated(value, fmt: str = "j F Y") -> str:
    """A date as "7 August 2018", or "date not stated" when the source gave none."""
    if not value:
        return NOT_STATED
    return format_date(value, fmt)


@register.filter
def visit_when(visit) -> str:
    """When a visit happened: "7 to 8 August 2018", "7 August 2018", "April 2017" for a visit known
    from a reference, or "date not stated"."""
    start, end = visit.start_date, visit.end_date
    if start and end and end != start:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} to {format_date(end, 'j F Y')}"
        if start.year == end.year:
            return f"{format_date(start, 'j F')} to {format_date(end, 'j F Y')}"
        return f"{format_date(start, 'j F Y')} to {format_date(end, 'j F Y')}"
    if start:
        return format_date(start, "j F Y")
    if end:
        return f"ended {format_date(end, 'j F Y')}"
    if visit.approx_date:
        precision = visit.approx_date_precision
        if precision == DatePrecision.YEAR:
            return format_date(visit.approx_date, "Y")
        if precision == DatePrecision.MONTH:
            return format_date(visit.approx_date, "F Y")
        return format_date(visit.approx_date, "j F Y")
    return NOT_STATED


@register.filter
def grade_label(value) -> str:
    return _label(Grade, value, default="Not graded")


@register.filter
def grade_class(value) -> str:
    """The GOV.UK tag colour for a grade."""
    return _GRADE_TAGS.get(value, "govuk-tag--grey")


@register.filter
def polarity_label(value) -> str:
    return _label(Polarity, value)


@register.filter
def polarity_class(value) -> str:
    return _POLARITY_TAGS.get(value, "govuk-tag--grey")


@register.filter
def area_label(value) -> str:
    return _label(Area, value)


@register.filter
def finding_place(finding) -> str:
    """Where in its report a finding sits: "What needs to improve", "Finding (Local Safeguarding
    Children Board)". The area keeps its capitals: lower-cased, the LSCB's name reads wrongly."""
    section = Section(finding.section).label if finding.section in Section.values else "Finding"
    return f"{section} ({area_label(finding.area)})" if finding.area else section


@register.filter
def visit_type_label(value) -> str:
    return _label(VisitType, value)


@register.filter
def visit_kind(visit) -> str:
    """What kind of visit it was, in words. A visit known only from another document's reference
    whose type that document does not give is a "Visit (type not stated)", not an "Other"."""
    if visit.reference_only and visit.visit_type == VisitType.OTHER:
        return "Visit (type not stated)"
    return visit_type_label(visit.visit_type)


@register.filter
def visit_type_note(visit) -> str:
    """Why the type is what it is, when no source states it ("" when one does, or there is nothing
    to explain: "Other" is what an unrecognised visit is called, not a conclusion)."""
    if visit.visit_type_stated or visit.reference_only or visit.visit_type == VisitType.OTHER:
        return ""
    return "worked out from its dates or its kind of document; the source does not say"


@register.filter
def authority_type_label(value) -> str:
    return _label(AuthorityType, value)


@register.filter
def doc_kind_label(value) -> str:
    return _label(DocumentKind, value)


@register.filter
def disagreement_field(value: str) -> str:
    """What two sources disagree about, in words: "grade:leadership" -> "grade for Impact of leaders ..."."""
    if value.startswith("grade:"):
        return f"grade for {area_label(value.removeprefix('grade:'))}"
    return _FIELD_LABELS.get(value, value.replace("_", " "))


@register.filter
def stated_value(value) -> str:
    """A value a source stated, for reading: ISO dates as dates, grade and type values as words."""
    if value in (None, ""):
        return "not stated"
    text = str(value)
    try:
        return format_date(dt.date.fromisoformat(text), "j F Y")
    except ValueError:
        pass
    for choices in (Grade, VisitType, Area):
        if text in choices.values:
            return choices(text).label
    return text


@register.filter
def publication_note(document) -> str:
    """When a document was published: the date it states; for Ofsted's own report or letter that
    states none, the date Ofsted published the report of its visit (`report_published`, annotated
    by dashboard.queries.recent_publications); a news summary only says when Ofsted's report came
    out. "publication date not stated" when nothing says."""
    if document.published:
        return f"published {date_stated(document.published)}"
    report_published = getattr(document, "report_published", None)
    if not report_published:
        return "publication date not stated"
    if document.doc_kind in (DocumentKind.REPORT, DocumentKind.LETTER):
        return f"published {date_stated(report_published)}"
    return f"publication date not stated; Ofsted’s report published {date_stated(report_published)}"


@register.filter
def short_sha(value: str) -> str:
    return (value or "")[:12]


@register.filter
def plural_count(count: int, words: str) -> str:
    """3|plural_count:"strength,strengths" -> "3 strengths"."""
    singular, plural = words.split(",")
    return f"{count} {singular if count == 1 else plural}"


@register.filter
def finding_tally(visit) -> str:
    """ "33 findings: 31 strengths, 1 concern and 1 mixed or neutral", from with_finding_counts()."""
    others = visit.n_findings - visit.n_strengths - visit.n_concerns
    parts = [
        plural_count(visit.n_strengths, "strength,strengths"),
        plural_count(visit.n_concerns, "concern,concerns"),
    ]
    if others:
        parts.append(f"{others} mixed or neutral")
    return f"{plural_count(visit.n_findings, 'finding,findings')}: {', '.join(parts[:-1])} and {parts[-1]}"


@register.filter
def get_item(mapping, key):
    """A dictionary value by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def in_area_order(judgements) -> list:
    """Judgements in the order a report gives them (overall effectiveness first), not by name."""
    return sorted(judgements, key=lambda judgement: area_rank(judgement.area))


@register.filter
def judgement_for(visit, area: str):
    """The judgement a visit itself made in an area (not one it only refers to), from the
    prefetched judgements; None if it made none."""
    return next((judgement for judgement in visit.own_judgements() if judgement.area == area), None)


@register.filter
def latest_grade(authority, key: str):
    """An authority's latest grade in one column (annotated latest_<column> by queries.with_latest_grades(),
    or on a statistical neighbour link by the authority page)."""
    return getattr(authority, f"latest_{key}", None)


@register.filter
def document_authorities(document) -> list:
    """The authorities a document's visits are about, each once, from prefetched visit_sources."""
    seen = {}
    for link in document.visit_sources.all():
        seen.setdefault(link.visit.authority_id, link.visit.authority)
    return list(seen.values())
