"""The data of each chart, as Chart.js reads it from the page (`json_script`); static/js/charts.js
draws it. Every chart's numbers are also in a table on its page."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.overview import RegionRow
from inspections.vocabulary import Grade


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
