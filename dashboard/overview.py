"""Reads of the national overview: grades by region, recent publications."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from authorities.models import Authority, Region
from dashboard.grades import OVERALL, with_latest_grades
from inspections.models import SourceDocument, VisitSource
from inspections.vocabulary import Grade


def recent_publications(limit: int) -> QuerySet[SourceDocument]:
    """Published reports, letters and news summaries (not the statistics tables, nor a copy of
    another source: each document once), newest first by
    `publication_date`: the date the document states, else the date Ofsted published the report
    of the visit it describes (its official statistics give it; an ILACS report seldom prints
    its own), documents with neither last, then the latest stored first. `report_published` is that
    second date. With the visits and authorities they are about. Two queries. Only columns SQLite stores
    before the original bytes are read: sorting every document by one stored after them
    (uploaded_at, status, ...) walks every document's overflow pages (3.6 s at 5,000 documents)."""
    report_published = Subquery(
        VisitSource.objects.filter(document=OuterRef("pk"), visit__published__isnull=False)
        .order_by("-visit__published")
        .values("visit__published")[:1]
    )
    return (
        SourceDocument.objects.filter(status=SourceDocument.Status.PUBLISHED, copy_of__isnull=True)
        .exclude(doc_kind=SourceDocument.Kind.STATISTICS)
        .only("pk", "title", "filename", "doc_kind", "published")
        .annotate(report_published=report_published)
        .annotate(publication_date=Coalesce("published", "report_published"))
        .prefetch_related(
            Prefetch("visit_sources", queryset=VisitSource.objects.select_related("visit__authority"))
        )
        .order_by(F("publication_date").desc(nulls_last=True), "-pk")[:limit]
    )


@dataclass
class RegionRow:
    region: Region | None  # None for England
    counts: list[int]  # authorities by grade, in the order of Grade
    none: int  # authorities never graded
    total: int


def grades_by_region() -> tuple[list[RegionRow], RegionRow]:
    """Current authorities counted by the grade of their latest judgement of overall
    effectiveness: a row a region, in Region's order, and England's row. One query."""
    authorities = with_latest_grades(Authority.objects.current()).only("pk", "region")
    by_region = {region: dict.fromkeys([*Grade, None], 0) for region in Region}
    for authority in authorities:
        by_region[Region(authority.region)][getattr(authority, f"latest_{OVERALL.key}")] += 1
    rows = [
        RegionRow(
            region=region,
            counts=[counts[grade] for grade in Grade],
            none=counts[None],
            total=sum(counts.values()),
        )
        for region, counts in by_region.items()
    ]
    england = RegionRow(
        region=None,
        counts=[sum(row.counts[i] for row in rows) for i in range(len(Grade))],
        none=sum(row.none for row in rows),
        total=sum(row.total for row in rows),
    )
    return rows, england
