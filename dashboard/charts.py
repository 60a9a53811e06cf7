"""The data of each chart, as Chart.js reads it from the page (`json_script`); static/js/charts.js
draws it. Every chart's numbers are also in a table on its page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dashboard.formatting import visit_kind, visit_when
from dashboard.grades import OVERALL, GradeColumn, TimelineRow
from dashboard.overview import RegionRow
from inspections.vocabulary import GRADE_RANK, Grade


def fractional_year(day: date) -> float:
    """2018-08-07 -> 2018.6: a position on a chart's time axis."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return round(day.year + (day - start).days / length, 3)


def grades_by_region_chart(rows: Sequence[RegionRow]) -> dict:
    """Authorities by latest overall grade, a stacked bar a region."""
    return {
        "kind": "stacked",
        "labels": [row.region.label for row in rows],
        "datasets": [
            {"label": grade.label, "grade": grade.value, "data": [row.counts[i] for row in rows]}
            for i, grade in enumerate(Grade)
        ],
    }


def grade_timeline_chart(timeline: Sequence[TimelineRow], columns: Sequence[GradeColumn]) -> dict:
    """An authority's grade in force in each column after each visit, on GRADE_RANK's scale."""
    return {
        "kind": "grades",
        "labels": [f"{visit_when(row.visit)} ({visit_kind(row.visit).lower()})" for row in timeline],
        "datasets": [
            {
                "label": column.label,
                "data": [
                    GRADE_RANK.get(row.in_force[column.key].grade) if column.key in row.in_force else None
                    for row in timeline
                ],
            }
            for column in columns
        ],
    }


def compared_timelines_chart(authorities: Sequence, timelines: dict[int, list[TimelineRow]]) -> dict:
    """Each authority's overall effectiveness in force over time, on a time axis of years; visits
    with no date are left off (the table beside it has them)."""
    return {
        "kind": "years",
        "datasets": [
            {
                "label": authority.name,
                "data": [
                    {
                        "x": fractional_year(row.visit.sort_date),
                        "y": GRADE_RANK[row.in_force[OVERALL.key].grade],
                    }
                    for row in timelines[authority.pk]
                    if row.visit.sort_date and OVERALL.key in row.in_force
                ],
            }
            for authority in authorities
        ],
    }
