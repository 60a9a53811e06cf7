"""Where a visit that no source dates belongs in its authority's history.

A news summary of "the sixth and final monitoring visit since the local authority was judged
inadequate ... in April 2017" dates nothing, yet it says enough: the visit came after the
judgement its documents refer to, and before the authority's next dated inspection (monitoring
ends with re-inspection, and the document calls the April 2017 judgement the current one), and
before any of its documents was published. That is its window; it is shown as such
("between April 2017 and June 2019") and the visit stands in that place in the history, never
as the newest visit.

Everything here reads visits as loaded, with `visit_sources` prefetched (VisitQuerySet.with_sources()).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .models import Visit
from .vocabulary import INSPECTION_TYPES, DatePrecision


@dataclass(frozen=True)
class Bound:
    day: date  # the first day of the period when only a month or a year is known
    precision: str  # DatePrecision: day | month | year
    basis: str  # "reference": a judgement its documents refer to; "inspection": the next dated
    # inspection; "published": one of its documents was published then

    @property
    def last_day(self) -> date:
        """The last day of the period the bound stands for."""
        if self.precision == DatePrecision.YEAR:
            return date(self.day.year, 12, 31)
        if self.precision == DatePrecision.MONTH:
            return date(self.day.year, self.day.month, calendar.monthrange(self.day.year, self.day.month)[1])
        return self.day


@dataclass(frozen=True)
class DateWindow:
    """When an undated visit happened, as far as the record allows: after `after`, before `before`."""

    after: Bound | None = None
    before: Bound | None = None

    def __bool__(self) -> bool:
        return self.after is not None or self.before is not None


def is_undated(visit: Visit) -> bool:
    return visit.sort_date is None and not visit.reference_only


def _latest_date(visit: Visit) -> Bound | None:
    """The latest date known of a visit another document refers to: when its judgement stood."""
    if visit.reference_only and visit.approx_date:
        return Bound(visit.approx_date, visit.approx_date_precision or DatePrecision.DAY, "reference")
    known = visit.published or visit.end_date or visit.start_date or visit.approx_date
    return Bound(known, DatePrecision.DAY, "reference") if known else None


def visit_windows(visits: Sequence[Visit]) -> dict[int, DateWindow]:
    """{visit id: its window} for the visits of one authority that no source dates and whose
    documents or neighbours bound them. `visits` must be all of the authority's visits (those
    referred to, and its dated inspections), each with `visit_sources` prefetched unless none is
    undated (then none has a window and no visit's sources are read)."""
    if not any(is_undated(visit) for visit in visits):
        return {}
    documents_of = {visit.pk: {link.document_id for link in visit.visit_sources.all()} for visit in visits}
    inspections = sorted(
        (v for v in visits if not v.reference_only and v.visit_type in INSPECTION_TYPES and v.start_date),
        key=lambda v: v.start_date,
    )
    windows = {}
    for visit in visits:
        if not is_undated(visit):
            continue
        window = _window(visit, visits, documents_of, inspections)
        if window:
            windows[visit.pk] = window
    return windows


def _window(visit, visits, documents_of, inspections) -> DateWindow:
    own = documents_of[visit.pk]
    referred = [
        _latest_date(other) for other in visits if other.pk != visit.pk and own & documents_of[other.pk]
    ]
    after = max((bound for bound in referred if bound), key=lambda bound: bound.last_day, default=None)
    before = None
    if after is not None:
        following = next((v for v in inspections if v.start_date > after.last_day), None)
        if following is not None:
            before = Bound(following.start_date, DatePrecision.DAY, "inspection")
    published = [link.document.published for link in visit.visit_sources.all() if link.document.published]
    if published and (before is None or min(published) < before.day):
        before = Bound(min(published), DatePrecision.DAY, "published")
    return DateWindow(after=after, before=before)


def in_history_order(visits: Iterable[Visit], windows: dict[int, DateWindow]) -> list[Visit]:
    """Oldest first: dated visits by date; a visit known only by its window just before the first
    dated visit at or after the window's end (as late as the record allows); the visits nothing
    places last, in the order given."""
    visits = list(visits)
    dated = sorted((v for v in visits if v.sort_date is not None), key=lambda v: (v.sort_date, v.pk))
    placed = [v for v in visits if v.sort_date is None and v.pk in windows and windows[v.pk].before]
    unplaced = [v for v in visits if v.sort_date is None and v not in placed]
    ordered = list(dated)
    for visit in sorted(placed, key=lambda v: (windows[v.pk].before.day, v.pk)):
        limit = windows[visit.pk].before.day
        at = next(
            (
                i
                for i, other in enumerate(ordered)
                if other.sort_date is not None and other.sort_date >= limit
            ),
            len(ordered),
        )
        ordered.insert(at, visit)
    return ordered + unplaced


def authority_visit_windows(authority_id: int) -> dict[int, DateWindow]:
    """The windows of one authority's undated public visits, read from the database (two queries)."""
    visits = list(
        Visit.objects.public()
        .filter(authority_id=authority_id)
        .only(
            "pk", "authority_id", "visit_type", "reference_only", "start_date", "end_date",
            "published", "approx_date", "approx_date_precision", "sort_date",
        )
        .with_sources()
    )  # fmt: skip
    return visit_windows(visits)
