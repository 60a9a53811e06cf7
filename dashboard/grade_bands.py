"""Grades over true time: for each judgement area a band on a time axis from the first known visit
to today, divided into the periods in which each grade was in force, with the visits marked above
it. The page draws it as SVG (templates/includes/grade_bands.html) and lists the same periods in a
table, so it reads the same without JavaScript or colour.

A grade is in force from the visit that gave it until the next visit that graded the same area.
A visit no source dates stands where its window (inspections.history) places it: at the window's
end, as late as the record allows (its grades count from there), its marker in the middle of the
window drawn as a line; a visit nothing places is left off the axis (the pages say how many).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from dashboard.grades import GradeColumn, TimelineRow
from inspections.history import in_history_order, visit_windows
from inspections.models import Judgement, Visit
from inspections.vocabulary import INSPECTION_TYPES, VisitType

BAND_HEIGHT = 28
LABEL_HEIGHT = 22
MARKER_HEIGHT = 22
GAP = 10
AXIS_HEIGHT = 24
MARKER_SHAPES = {
    VisitType.FOCUSED_VISIT: "focused",
    VisitType.MONITORING_VISIT: "monitoring",
}


@dataclass(frozen=True)
class TimeAxis:
    start: date
    end: date

    def at(self, day: date) -> float:
        """Where a day stands on the axis, as a percentage of its width."""
        span = max((self.end - self.start).days, 1)
        return round(100 * min(max((day - self.start).days, 0), span) / span, 2)

    def ticks(self) -> list[tuple[int, float]]:
        """(year, position) of each 1 January on the axis; every other year past twelve."""
        years = list(range(self.start.year + 1, self.end.year + 1))
        step = 2 if len(years) > 12 else 1
        return [(year, self.at(date(year, 1, 1))) for year in years[::step]]


@dataclass(frozen=True)
class Period:
    """One stretch of a band: `grade` (None before any grade is known) from `start` until `end`
    (None: still in force today), given by `judgement` and ended by `ended_by`."""

    grade: str | None
    start: date
    end: date | None
    judgement: Judgement | None
    ended_by: Judgement | None
    left: float
    width: float


@dataclass(frozen=True)
class Marker:
    visit: Visit
    shape: str  # inspection | focused | monitoring | other
    at: float
    window: tuple[float, float] | None = None  # (left, width) of an undated visit's window


@dataclass
class Band:
    label: str
    periods: list[Period]
    y: int = 0


@dataclass
class Group:
    """One authority's visits and its bands, drawn one under another from `y` down."""

    label: str
    markers: list[Marker]
    bands: list[Band]
    y: int = 0
    authority: object = None
    unplaced: int = 0

    @property
    def markers_y(self) -> int:
        return self.y + LABEL_HEIGHT


@dataclass
class GradeBands:
    axis: TimeAxis
    groups: list[Group]
    today: date
    until: date | None = None  # where the drawing ends, when not today
    height: int = 0
    ticks: list[tuple[int, float]] = field(default_factory=list)

    @property
    def unplaced(self) -> int:
        return sum(group.unplaced for group in self.groups)


def in_history(visits: list[Visit]) -> tuple[list[Visit], set[int], int]:
    """The visits in history order, each undated one given its window (`date_window`) where the
    record bounds it; the ids of those a window places; how many at the end nothing places."""
    windows = visit_windows(visits)
    for visit in visits:
        visit.date_window = windows.get(visit.pk)
    ordered = in_history_order(visits, windows)
    placed = {pk for pk, window in windows.items() if window.before}
    unplaced = sum(1 for visit in ordered if visit.sort_date is None and visit.pk not in placed)
    return ordered, placed, unplaced


def axis_day(visit: Visit) -> date | None:
    """The day a visit stands at on the axis: its best date, else its window's end."""
    if visit.sort_date:
        return visit.sort_date
    window = getattr(visit, "date_window", None)
    return window.before.day if window and window.before else None


def _first_day(rows: Sequence[TimelineRow]) -> date | None:
    days = [axis_day(row.visit) for row in rows]
    days += [row.visit.date_window.after.day for row in rows if getattr(row.visit, "date_window", None)]
    days = [day for day in days if day]
    return min(days, default=None)


def _marker(visit: Visit, axis: TimeAxis) -> Marker:
    if visit.visit_type in INSPECTION_TYPES:
        shape = "inspection"
    else:
        shape = MARKER_SHAPES.get(visit.visit_type, "other")
    at = axis.at(axis_day(visit))
    if visit.sort_date is None and visit.date_window.after:
        # Drawn in the middle of its window, so that it never hides the visit that ends it.
        left = axis.at(visit.date_window.after.day)
        return Marker(
            visit=visit, shape=shape, at=round((left + at) / 2, 2), window=(left, round(at - left, 2))
        )
    return Marker(visit=visit, shape=shape, at=at)


def _periods(
    rows: Sequence[TimelineRow], key: str, axis: TimeAxis, until: date | None = None
) -> list[Period]:
    """The periods of one grade column in force on the axis (up to `until`, the first day a later
    page of the history shows; None: to its end): the grade already in force at its start (or none
    known), then each grade given on it until the next. `rows`: the whole history, so that a period
    that began or ends off the axis keeps the visits that began and ended it."""
    changes = [(axis_day(row.visit), row.made[key]) for row in rows if key in row.made]
    earlier = [index for index, (day, _) in enumerate(changes) if day < axis.start]
    shown = [
        index
        for index, (day, _) in enumerate(changes)
        if day >= axis.start and (until is None or day < until)
    ]
    starts = [*earlier[-1:], *shown]
    periods = []
    if not earlier and not (shown and changes[shown[0]][0] <= axis.start):
        end, ended_by = changes[len(earlier)] if changes else (None, None)
        periods.append(_period(None, axis.start, None, end, ended_by, axis))
    for index in starts:
        start, judgement = changes[index]
        end, ended_by = changes[index + 1] if index + 1 < len(changes) else (None, None)
        periods.append(_period(judgement.grade, start, judgement, end, ended_by, axis))
    return periods


def _period(grade, start: date, judgement, end: date | None, ended_by, axis: TimeAxis) -> Period:
    left = axis.at(start)
    return Period(
        grade=grade,
        start=start,
        end=end,
        judgement=judgement,
        ended_by=ended_by,
        left=left,
        width=round(axis.at(end or axis.end) - left, 2),
    )


def _group(
    label, rows, columns: Sequence[GradeColumn], axis: TimeAxis, authority=None, shown=None, until=None
):
    """One authority's markers and bands: the markers of the `shown` rows (default: all), the
    periods of `rows` in force on the axis."""
    placed = [row for row in rows if axis_day(row.visit)]
    shown = rows if shown is None else shown
    shown_placed = [row for row in shown if axis_day(row.visit)]
    return Group(
        label=label,
        markers=[_marker(row.visit, axis) for row in shown_placed],
        bands=[Band(column.label, _periods(placed, column.key, axis, until)) for column in columns],
        authority=authority,
        unplaced=len(shown) - len(shown_placed),
    )


def _laid_out(bands: GradeBands, band_labels: bool) -> GradeBands:
    """Each group's and band's y, top to bottom, and the drawing's height."""
    y = 0
    for group in bands.groups:
        group.y = y
        y += LABEL_HEIGHT + MARKER_HEIGHT
        for band in group.bands:
            if band_labels:
                y += LABEL_HEIGHT
            band.y = y
            y += BAND_HEIGHT + (GAP if band_labels else 0)
        y += GAP
    bands.height = y + AXIS_HEIGHT
    bands.ticks = bands.axis.ticks()
    return bands


def authority_bands(
    rows: Sequence[TimelineRow],
    columns: Sequence[GradeColumn],
    today: date,
    shown: Sequence[TimelineRow] | None = None,
    until: date | None = None,
):
    """One authority's grade in force in each column over time, or None when no visit is dated.
    `rows`: grade_timeline() of its visits in history order, each with `date_window`; `shown`: the
    rows of one page of its history (default: all), drawn from the first of them to `until` (the
    first day of the next page's visits; None: today)."""
    shown = rows if shown is None else shown
    first = _first_day(shown)
    if first is None or not columns:
        return None
    end = until or max(today, first)
    axis = TimeAxis(first, max(end, first))
    group = _group("Visits", rows, columns, axis, shown=shown, until=until)
    return _laid_out(GradeBands(axis=axis, groups=[group], today=today, until=until), band_labels=True)


def compared_bands(
    authorities,
    timelines: dict[int, list[TimelineRow]],
    column: GradeColumn,
    today: date,
    shown: dict[int, list[TimelineRow]] | None = None,
    since: date | None = None,
):
    """The grade in force in one column for each authority, one under another on one axis: from
    `since` (None: the first known visit) to today, the markers of the `shown` rows (default: all)."""
    shown = timelines if shown is None else shown
    firsts = [day for authority in authorities if (day := _first_day(shown[authority.pk]))]
    if since is None and not firsts:
        return None
    start = since or min(firsts)
    axis = TimeAxis(start, max(today, start))
    groups = [
        _group(authority.name, timelines[authority.pk], [column], axis, authority, shown=shown[authority.pk])
        for authority in authorities
    ]
    return _laid_out(GradeBands(axis=axis, groups=groups, today=today), band_labels=False)
