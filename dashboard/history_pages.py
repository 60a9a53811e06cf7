"""An authority's history in pages of visits (`?visits=N`), so that its page stays small however
long the history: page 1 holds the newest visits, each later page the ones before. The timeline
table, the grade bands and the table of their periods show one page's visits; every page is
computed from the whole history, so a grade given on an earlier page is still shown in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.grade_bands import axis_day
from dashboard.grades import TimelineRow

VISITS_A_PAGE = 20


@dataclass(frozen=True)
class HistoryPage:
    number: int
    count: int  # pages in the whole history
    rows: list[TimelineRow]  # this page's visits, in history order (oldest first)
    first: int  # the position of its oldest visit in the whole history, from 1
    total: int  # visits in the whole history
    # The first day a newer page shows: where this page's drawing ends (None: today).
    until: date | None

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


def page_count(rows: Sequence[TimelineRow]) -> int:
    return max(1, -(-len(rows) // VISITS_A_PAGE))


def history_page(rows: Sequence[TimelineRow], number: int) -> HistoryPage:
    """Page `number` (1: the newest) of `rows`, grade_timeline() of the whole history in history
    order; `number` must be at most page_count(rows)."""
    end = len(rows) - (number - 1) * VISITS_A_PAGE
    start = max(0, end - VISITS_A_PAGE)
    newer_days = [day for row in rows[end:] if (day := axis_day(row.visit))]
    return HistoryPage(
        number=number,
        count=page_count(rows),
        rows=list(rows[start:end]),
        first=start + 1,
        total=len(rows),
        until=min(newer_days, default=None) if number > 1 else None,
    )


# ---- Recent history, for comparing authorities side by side -----------------------------------

# A comparison shows each authority's visits since the day the busiest of them had its
# RECENT_VISITS newest; the whole history is on each authority's page.
RECENT_VISITS = 10


@dataclass(frozen=True)
class RecentHistory:
    rows: dict[int, list[TimelineRow]]  # authority pk: the rows shown, in history order
    since: date | None = None  # the first day shown (None: the whole history of every authority)
    busiest: object = None  # the authority whose visits set `since`


def recent_history(authorities: Sequence, timelines: dict[int, list[TimelineRow]]) -> RecentHistory:
    """The rows of each authority's timeline (grade_timeline() in history order) shown side by
    side: when any authority has more than RECENT_VISITS visits the axis places, those on or after
    the day of the RECENT_VISITS-th newest visit of the busiest one; else every row."""
    since, busiest = None, None
    for authority in authorities:
        days = sorted((day for row in timelines[authority.pk] if (day := axis_day(row.visit))), reverse=True)
        if len(days) > RECENT_VISITS and (since is None or days[RECENT_VISITS - 1] > since):
            since, busiest = days[RECENT_VISITS - 1], authority
    if since is None:
        return RecentHistory(rows=dict(timelines))
    shown = {
        pk: [row for row in rows if (day := axis_day(row.visit)) and day >= since]
        for pk, rows in timelines.items()
    }
    return RecentHistory(rows=shown, since=since, busiest=busiest)
