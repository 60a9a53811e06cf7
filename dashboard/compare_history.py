"""Compare's grade history: the overall grade over each authority's recent visits, read from the
recent-history cut on (history_pages.recent_history) rather than from the first visit: the visits
before the cut are read without their judgements or sources, and only the last of them that gave
an overall grade, the grade in force at the cut, has its judgement read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Exists, OuterRef, prefetch_related_objects

from dashboard.grade_bands import axis_day, in_history
from dashboard.grades import OVERALL, TimelineRow, grade_timeline
from dashboard.history_pages import RecentHistory, recent_history
from inspections.history import is_undated
from inspections.models import Judgement, Visit
from inspections.models.visits import public_judgements_by_visit, published_sources


def compared_history(authorities: Sequence) -> tuple[dict[int, list[TimelineRow]], RecentHistory]:
    """({authority pk: grade_timeline() of its overall grades, in history order, from the last visit
    before the cut that gave one}, the recent history shown). Three queries at most, whatever the
    length of the histories; the grades shown are those of the whole history."""
    gives_overall = Exists(
        Judgement.objects.from_public_sources().filter(visit=OuterRef("pk"), area__in=OVERALL.areas)
    )
    visits = Visit.objects.public().filter(authority__in=authorities).chronological()
    by_authority: dict[int, list[Visit]] = {authority.pk: [] for authority in authorities}
    for visit in visits.annotate(gives_overall=gives_overall):
        by_authority[visit.authority_id].append(visit)
    # Only a visit no source dates has a window, found from the documents of all its authority's visits.
    undated = [items for items in by_authority.values() if any(is_undated(visit) for visit in items)]
    prefetch_related_objects([visit for items in undated for visit in items], published_sources())
    in_order = {pk: in_history(items) for pk, items in by_authority.items()}
    cut = recent_history(
        authorities,
        {pk: [TimelineRow(visit=visit) for visit in ordered] for pk, (ordered, _, _) in in_order.items()},
    )
    kept = {pk: _from_cut(ordered, cut.since) for pk, (ordered, _, _) in in_order.items()}
    judgements = public_judgements_by_visit(
        [visit for items in kept.values() for visit in items], OVERALL.areas
    )
    timelines = {pk: grade_timeline(items, judgements, placed=in_order[pk][1]) for pk, items in kept.items()}
    shown = {row.visit.pk for rows in cut.rows.values() for row in rows}
    recent = RecentHistory(
        rows={pk: [row for row in rows if row.visit.pk in shown] for pk, rows in timelines.items()},
        since=cut.since,
        busiest=cut.busiest,
    )
    return timelines, recent


def _from_cut(ordered: list[Visit], since: date | None) -> list[Visit]:
    """The visits in history order from the first on or after `since` (None: all), after the last
    one before it that gave an overall grade: all that the grades in force from `since` depend on
    (a visit nothing places comes last, so after the cut)."""
    if since is None:
        return ordered
    first = next(
        (index for index, visit in enumerate(ordered) if (day := axis_day(visit)) and day >= since),
        len(ordered),
    )
    gave_grade = [visit for visit in ordered[:first] if visit.gives_overall]
    return gave_grade[-1:] + ordered[first:]
