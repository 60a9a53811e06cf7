"""Display formatting: dates that may be unknown, visit kinds, grades, polarities, labels, tallies.

Plain functions of plain values. The template filters of `outcomes` are these same functions, and
views that need the same words (a chart's labels) call them directly.
"""

from __future__ import annotations

import datetime as dt
import re

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
)

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


def date_stated(value, fmt: str = "j F Y") -> str:
    """A date as "7 August 2018", or "date not stated" when the source gave none."""
    if not value:
        return NOT_STATED
    return format_date(value, fmt)


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
    window = getattr(visit, "date_window", None)
    if window:
        return window_text(window)
    return NOT_STATED


def _period(bound) -> str:
    """A bound of a window as a month ("April 2017"), or a year where only the year is known."""
    return format_date(bound.day, "Y" if bound.precision == DatePrecision.YEAR else "F Y")


def window_text(window) -> str:
    """When a visit no source dates happened (inspections.history.DateWindow): "between April 2017
    and June 2019", "after April 2017", "before June 2019"."""
    if window.after and window.before:
        return f"between {_period(window.after)} and {_period(window.before)}"
    if window.after:
        return f"after {_period(window.after)}"
    return f"before {_period(window.before)}"


_BEFORE_BASIS = {
    "inspection": "when the next dated inspection began",
    "published": "when one of its documents was published",
}


def window_reasons(window) -> str:
    """The window in a sentence, with what sets each end of it."""
    reasons = []
    if window.after:
        reasons.append(f"after the judgement of {_period(window.after)} that its documents refer to")
    if window.before:
        reasons.append(
            f"before {date_stated(window.before.day)}, {_BEFORE_BASIS.get(window.before.basis, '')}"
        )
    text = window_text(window)
    return f"{text[0].upper()}{text[1:]}: no source dates this visit. It came {', and '.join(reasons)}."


def grade_label(value) -> str:
    return _label(Grade, value, default="Not graded")


def grade_class(value) -> str:
    """The GOV.UK tag colour for a grade."""
    return _GRADE_TAGS.get(value, "govuk-tag--grey")


def polarity_label(value) -> str:
    return _label(Polarity, value)


def polarity_class(value) -> str:
    return _POLARITY_TAGS.get(value, "govuk-tag--grey")


def area_label(value) -> str:
    return _label(Area, value)


def finding_place(finding) -> str:
    """Where in its report a finding sits: "What needs to improve", "Finding (Local Safeguarding
    Children Board)". The area keeps its capitals: lower-cased, the LSCB's name reads wrongly."""
    section = Section(finding.section).label if finding.section in Section.values else "Finding"
    return f"{section} ({area_label(finding.area)})" if finding.area else section


def visit_type_label(value) -> str:
    return _label(VisitType, value)


def visit_kind(visit) -> str:
    """What kind of visit it was, in words. A visit known only from another document's reference
    whose type that document does not give is a "Visit (type not stated)", not an "Other"."""
    if visit.reference_only and visit.visit_type == VisitType.OTHER:
        return "Visit (type not stated)"
    return visit_type_label(visit.visit_type)


def visit_type_note(visit) -> str:
    """Why the type is what it is, when no source states it ("" when one does, or there is nothing
    to explain: "Other" is what an unrecognised visit is called, not a conclusion)."""
    if visit.visit_type_stated or visit.reference_only or visit.visit_type == VisitType.OTHER:
        return ""
    return "worked out from its dates or its kind of document; the source does not say"


def authority_type_label(value) -> str:
    return _label(AuthorityType, value)


def doc_kind_label(value) -> str:
    return _label(DocumentKind, value)


def disagreement_field(value: str) -> str:
    """What two sources disagree about, in words: "grade:leadership" -> "grade for Impact of leaders ..."."""
    if value.startswith("grade:"):
        return f"grade for {area_label(value.removeprefix('grade:'))}"
    return _FIELD_LABELS.get(value, value.replace("_", " "))


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


def logged_value(value) -> str:
    """A value as the audit log keeps it, for reading: themes listed, yes or no, words for codes."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) or "none"
    if isinstance(value, str) and value in Polarity.values:
        return Polarity(value).label
    return stated_value(value)


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


_SYNC_STATUS_TAGS = {
    "succeeded": "govuk-tag--green",
    "failed": "govuk-tag--orange",
    "site_changed": "govuk-tag--red",
    "interrupted": "govuk-tag--grey",
    "running": "govuk-tag--blue",
}


def sync_status_class(value) -> str:
    """The GOV.UK tag colour of a sync run's outcome."""
    return _SYNC_STATUS_TAGS.get(value, "govuk-tag--grey")


_WEB_ADDRESS = re.compile(r"https?://", re.IGNORECASE)


def is_web_address(url) -> bool:
    """Whether an address read from a document may be a link: only http and https. Any other
    (`javascript:`, `data:`, a relative path) is data, shown as text. A string that begins with
    either scheme cannot be read by a browser as another."""
    return bool(url) and _WEB_ADDRESS.match(str(url)) is not None


def short_sha(value: str) -> str:
    return (value or "")[:12]


def plural_count(count: int, words: str) -> str:
    """3|plural_count:"strength,strengths" -> "3 strengths"."""
    singular, plural = words.split(",")
    return f"{count} {singular if count == 1 else plural}"


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


def duration_words(value: dt.timedelta) -> str:
    """A length of time as people say it: "15 minutes", "1 hour", "1 hour 30 minutes"."""
    minutes = round(value.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    parts = [plural_count(hours, "hour,hours")] if hours else []
    if minutes or not hours:
        parts.append(plural_count(minutes, "minute,minutes"))
    return " ".join(parts)


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_words(count: int) -> str:
    """1 to 9 in words ("eight"), as style guides write small numbers in prose; others as digits."""
    return _NUMBER_WORDS[count - 1] if 1 <= count <= len(_NUMBER_WORDS) else str(count)
