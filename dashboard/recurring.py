"""The authority page's recurring weaknesses: what inspections.recurring stored, read in three
queries whatever the amount of data, and at most DATES occurrences of each whatever its length."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from authorities.models import Authority
from inspections.models import RecurringOccurrence, RecurringWeakness, SourceDocument

SHOWN = 10
# Each weakness lists the visits that raised it, the first and the newest, up to DATES; it quotes
# the first and the newest, up to QUOTES.
DATES = 12
QUOTES = 6


@dataclass
class RecurringSection:
    weaknesses: list[RecurringWeakness]
    total: int


def _first_and_newest(authority: Authority):
    """Each shown weakness's first occurrence and its DATES - 1 newest, with their finding, visit and
    source, oldest first."""
    oldest_first = [F("finding__sort_date").asc(nulls_last=True), F("finding__visit_id").asc()]
    newest_first = [F("finding__sort_date").desc(nulls_first=True), F("finding__visit_id").desc()]
    return (
        RecurringOccurrence.objects.filter(weakness__authority=authority, weakness__rank__lt=SHOWN)
        .annotate(
            from_first=Window(RowNumber(), partition_by=[F("weakness_id")], order_by=oldest_first),
            from_newest=Window(RowNumber(), partition_by=[F("weakness_id")], order_by=newest_first),
        )
        .filter(Q(from_first=1) | Q(from_newest__lt=DATES))
        .select_related("finding__visit", "finding__source")
        .defer(*SourceDocument.heavy_fields("finding__source"))
        .order_by("weakness_id", "from_first")
    )


def recurring_section(authority: Authority) -> RecurringSection:
    """The authority's recurring weaknesses, most visits first, each with `listed`: the first
    occurrence and the newest (their finding, visit and source) up to DATES, oldest first,
    `n_unlisted` the others; and `quoted`: the first and the newest, up to QUOTES."""
    weaknesses = list(
        RecurringWeakness.objects.filter(authority=authority, rank__lt=SHOWN)
        .select_related("theme")
        .order_by("rank")
    )
    listed = defaultdict(list)
    for occurrence in _first_and_newest(authority):
        listed[occurrence.weakness_id].append(occurrence)
    for weakness in weaknesses:
        weakness.listed = listed[weakness.pk]
        weakness.n_unlisted = weakness.n_visits - len(weakness.listed)
        weakness.quoted = weakness.listed[:1] + weakness.listed[1:][-(QUOTES - 1) :]
        weakness.n_unquoted = weakness.n_visits - len(weakness.quoted)
    return RecurringSection(weaknesses, RecurringWeakness.objects.filter(authority=authority).count())
