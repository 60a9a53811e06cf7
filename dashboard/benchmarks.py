"""An authority beside others, as LAIT sets it out but from Ofsted's own judgements: the overall
effectiveness grades of its region, its statistical neighbours and England; the time since its
last inspection; and when the ILACS framework makes its next inspection likely.

Ofsted's framework, "Inspecting local authority children's services" (ILACS, from 2018): an
authority judged good or outstanding has a short inspection, one judged requires improvement a
standard inspection, "usually between six months before and six months after the three-year
anniversary of the previous inspection"; one judged inadequate has monitoring visits until it is
inspected again, at a time the framework does not fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.grades import OVERALL, TimelineRow
from dashboard.overview import RegionRow
from inspections.models import Visit
from inspections.vocabulary import INSPECTION_TYPES, Grade

ILACS_URL = (
    "https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018"
)
CYCLE_YEARS = 3
CYCLE_SLACK_MONTHS = 6


@dataclass(frozen=True)
class Distribution:
    """How many authorities of a group have each latest overall grade."""

    label: str
    counts: tuple[int, ...]  # in the order of Grade
    none: int

    @property
    def total(self) -> int:
        return sum(self.counts) + self.none

    def cells(self) -> list[tuple[Grade, int, int]]:
        """(grade, count, whole per cent of the group) for each grade."""
        return [
            (grade, count, round(100 * count / self.total) if self.total else 0)
            for grade, count in zip(Grade, self.counts, strict=True)
        ]

    def segments(self) -> list[tuple[Grade, float, float]]:
        """(grade, left, width) in per cent of the graded authorities, for a stacked bar."""
        graded = sum(self.counts)
        left, result = 0.0, []
        for grade, count in zip(Grade, self.counts, strict=True):
            width = round(100 * count / graded, 2) if graded else 0
            if width:
                result.append((grade, left, width))
            left = round(left + width, 2)
        return result


def from_region_row(label: str, row: RegionRow) -> Distribution:
    return Distribution(label=label, counts=tuple(row.counts), none=row.none)


def from_latest_grades(label: str, rows: Iterable) -> Distribution:
    """The distribution of rows annotated latest_overall (with_latest_grades())."""
    grades = [getattr(row, f"latest_{OVERALL.key}") for row in rows]
    return Distribution(
        label=label, counts=tuple(grades.count(grade) for grade in Grade), none=grades.count(None)
    )


@dataclass(frozen=True)
class NextInspection:
    last: Visit  # the latest dated inspection that judged overall effectiveness
    last_day: date
    grade: str
    kind: str  # what comes next: "short inspection" | "standard inspection" | "monitoring visits"
    opens: date | None  # the likely window (None after inadequate: the framework fixes none)
    closes: date | None
    since: str  # "3 years and 2 months"
    window_passed: bool  # the window closed before today, and no later inspection is recorded


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def elapsed(since: date, today: date) -> str:
    """The time from one day to another in years and months: "3 years and 2 months"."""
    months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
    years, months = divmod(max(months, 0), 12)
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((years, "year"), (months, "month")) if n]
    return " and ".join(parts) or "less than a month"


def next_inspection(timeline: Sequence[TimelineRow], today: date) -> NextInspection | None:
    """From an authority's last dated inspection that judged overall effectiveness, what the
    framework makes likely next and when; None when no such inspection is recorded."""
    graded = [
        row
        for row in timeline
        if row.visit.visit_type in INSPECTION_TYPES and row.visit.sort_date and OVERALL.key in row.made
    ]
    if not graded:
        return None
    row = max(graded, key=lambda row: row.visit.sort_date)
    last_day = row.visit.end_date or row.visit.sort_date
    grade = row.made[OVERALL.key].grade
    anniversary = _add_months(last_day, 12 * CYCLE_YEARS)
    if grade == Grade.INADEQUATE:
        kind, opens, closes = "monitoring visits", None, None
    else:
        kind = "standard inspection" if grade == Grade.REQUIRES_IMPROVEMENT else "short inspection"
        opens = _add_months(anniversary, -CYCLE_SLACK_MONTHS)
        closes = _add_months(anniversary, CYCLE_SLACK_MONTHS)
    return NextInspection(
        last=row.visit,
        last_day=last_day,
        grade=grade,
        kind=kind,
        opens=opens,
        closes=closes,
        since=elapsed(last_day, today),
        window_passed=closes is not None and closes < today,
    )
