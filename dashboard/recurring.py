"""The authority page's recurring weaknesses: what inspections.recurring stored, read in three queries whatever the amount of data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F

from authorities.models import Authority
from inspections.models import RecurringOccurrence, RecurringWeakness, SourceDocument

SHOWN = 10
# Quotes shown for one weakness: the first raising and the newest; every date is listed anyway.
QUOTES = 6


@dataclass
class RecurringSection:
    weaknesses: list[RecurringWeakness]
    total: int


def recurring_section(authority: Authority) -> RecurringSection:
    """The authority's recurring weaknesses, most visits first, each with `found`: its occurrences
    oldest first (their finding, visit and source), and `quoted`: the first and the newest QUOTES - 1."""
    weaknesses = list(
        RecurringWeakness.objects.filter(authority=authority, rank__lt=SHOWN)
        .select_related("theme")
        .order_by("rank")
    )
    occurrences = (
        RecurringOccurrence.objects.filter(weakness__authority=authority, weakness__rank__lt=SHOWN)
        .select_related("finding__visit", "finding__source")
        .defer(*SourceDocument.heavy_fields("finding__source"))
        .order_by(F("finding__sort_date").asc(nulls_last=True), "finding__visit_id")
    )
    found = defaultdict(list)
    for occurrence in occurrences:
        found[occurrence.weakness_id].append(occurrence)
    for weakness in weaknesses:
        weakness.found = found[weakness.pk]
        weakness.quoted = (
            weakness.found
            if len(weakness.found) <= QUOTES
            else [weakness.found[0], *weakness.found[-(QUOTES - 1) :]]
        )
        weakness.n_unquoted = len(weakness.found) - len(weakness.quoted)
    return RecurringSection(weaknesses, RecurringWeakness.objects.filter(authority=authority).count())
