"""Reads the pages need beyond a single queryset: latest grades, the grade in force over time,
the theme matrix of a comparison and the facet counts of the findings explorer.

Every function here runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from inspections.models import Finding, FindingTheme, Judgement, SourceDocument, Visit, VisitSource
from inspections.vocabulary import GRADE_RANK, Area, Polarity


@dataclass(frozen=True)
class GradeColumn:
    """One column of "latest grades": the judgement areas that answer the same question across
    frameworks (the 2018-2022 combined "children in care and care leavers" answers both of the
    2023 questions; the SIF's "leadership, management and governance" answers "leaders")."""

    key: str
    label: str
    areas: tuple[str, ...]


GRADE_COLUMNS: tuple[GradeColumn, ...] = (
    GradeColumn("overall", "Overall effectiveness", (Area.OVERALL_EFFECTIVENESS,)),
    GradeColumn("leadership", "Leaders", (Area.LEADERSHIP, Area.LEADERSHIP_MANAGEMENT_GOVERNANCE)),
    GradeColumn("help_and_protection", "Help and protection", (Area.HELP_AND_PROTECTION,)),
    GradeColumn(
        "children_in_care",
        "Children in care",
        (Area.CHILDREN_IN_CARE, Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS, Area.LOOKED_AFTER_CHILDREN),
    ),
    GradeColumn("care_leavers", "Care leavers", (Area.CARE_LEAVERS, Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS)),
)
GRADE_COLUMN_KEYS = tuple(column.key for column in GRADE_COLUMNS)


def latest_judgement(areas: Sequence[str], field: str = "grade", authority_ref: str = "pk") -> Subquery:
    """A subquery: `field` of the authority's latest public judgement in any of these areas."""
    return Subquery(Judgement.objects.latest_of(OuterRef(authority_ref), areas).values(field)[:1])


def with_latest_grades(rows: QuerySet, authority_ref: str = "pk") -> QuerySet:
    """Authorities (or rows that point to one through `authority_ref`, such as statistical
    neighbour links) annotated latest_<column>: the grade of the authority's latest public
    judgement in each grade column, or None."""
    return rows.annotate(
        **{
            f"latest_{column.key}": latest_judgement(column.areas, authority_ref=authority_ref)
            for column in GRADE_COLUMNS
        }
    )


def with_latest_judgement_ids(authorities: QuerySet) -> QuerySet:
    """Authorities annotated latest_<column>_id: the id of that judgement (see latest_judgements)."""
    return authorities.annotate(
        **{f"latest_{column.key}_id": latest_judgement(column.areas, "pk") for column in GRADE_COLUMNS}
    )


def grade_rank(field: str) -> Case:
    """The grade in `field` as a number (outstanding 4 ... inadequate 1), for sorting; None where
    there is no grade."""
    return Case(
        *(When(**{field: grade, "then": rank}) for grade, rank in GRADE_RANK.items()),
        default=None,
        output_field=IntegerField(),
    )


def latest_judgements(authorities: Iterable) -> dict[int, dict[str, Judgement]]:
    """{authority id: {column key: Judgement}} for authorities annotated by
    with_latest_judgement_ids(). One query."""
    authorities = list(authorities)
    ids = {
        getattr(authority, f"latest_{key}_id")
        for authority in authorities
        for key in GRADE_COLUMN_KEYS
        if getattr(authority, f"latest_{key}_id")
    }
    found = (
        Judgement.objects.filter(pk__in=ids)
        .select_related("visit", "source")
        .defer(*SourceDocument.heavy_fields("source"))
        .in_bulk()
        if ids
        else {}
    )
    result: dict[int, dict[str, Judgement]] = {}
    for authority in authorities:
        result[authority.pk] = {
            key: found[getattr(authority, f"latest_{key}_id")]
            for key in GRADE_COLUMN_KEYS
            if getattr(authority, f"latest_{key}_id") in found
        }
    return result


def recent_publications(limit: int) -> QuerySet[SourceDocument]:
    """Published reports, letters and news summaries (not the statistics tables), newest first by
    `publication_date`: the date the document states, else the date Ofsted published the report
    of the visit it describes (its official statistics give it; an ILACS report seldom prints
    its own), documents with neither last. `report_published` is that second date. With the
    visits and authorities they are about. Two queries."""
    report_published = Subquery(
        VisitSource.objects.filter(document=OuterRef("pk"), visit__published__isnull=False)
        .order_by("-visit__published")
        .values("visit__published")[:1]
    )
    return (
        SourceDocument.objects.filter(status=SourceDocument.Status.PUBLISHED)
        .exclude(doc_kind=SourceDocument.Kind.STATISTICS)
        .defer(*SourceDocument.heavy_fields())
        .annotate(report_published=report_published)
        .annotate(publication_date=Coalesce("published", "report_published"))
        .prefetch_related(
            Prefetch("visit_sources", queryset=VisitSource.objects.select_related("visit__authority"))
        )
        .order_by(F("publication_date").desc(nulls_last=True), "-uploaded_at", "-pk")[:limit]
    )


# ---- The grade in force over time -----------------------------------------------------------


@dataclass
class TimelineRow:
    visit: Visit
    made: dict[str, Judgement] = field(default_factory=dict)  # graded (or referred to) at this visit
    in_force: dict[str, Judgement] = field(default_factory=dict)  # after this visit
    # Made at this visit in an area no column answers (the SIF's adoption, the LSCB's review).
    others: list[Judgement] = field(default_factory=list)


def grade_timeline(visits: Sequence[Visit]) -> list[TimelineRow]:
    """For visits in chronological order (undated last) with `judgements` prefetched: what each
    visit judged, and the grade in force in each column once it had happened. As in
    JudgementQuerySet.latest_first(),
    an undated visit's grade is in force only where no dated visit gave one."""
    rows: list[TimelineRow] = []
    in_force: dict[str, Judgement] = {}
    for visit in visits:
        by_area = {judgement.area: judgement for judgement in visit.judgements.all()}
        made = {}
        for column in GRADE_COLUMNS:
            judgement = next((by_area[area] for area in column.areas if area in by_area), None)
            if judgement is not None:
                made[column.key] = judgement
        answered = {area for column in GRADE_COLUMNS for area in column.areas}
        others = [judgement for area, judgement in by_area.items() if area not in answered]
        dated = visit.sort_date is not None
        in_force = {**in_force, **made} if dated else {**made, **in_force}
        rows.append(TimelineRow(visit=visit, made=made, in_force=in_force, others=others))
    return rows


def used_columns(rows: Iterable[TimelineRow]) -> list[GradeColumn]:
    """The grade columns in which any of these rows has a grade in force."""
    keys = {key for row in rows for key in row.in_force}
    return [column for column in GRADE_COLUMNS if column.key in keys]


def fractional_year(day: date) -> float:
    """2018-08-07 -> 2018.6: a position on a chart's time axis."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return round(day.year + (day - start).days / length, 3)


# ---- The theme matrix of a comparison ---------------------------------------------------------


@dataclass
class MatrixCell:
    authority: object
    strengths: int = 0
    concerns: int = 0
    others: int = 0  # mixed or neutral
    latest: Finding | None = None

    @property
    def total(self) -> int:
        return self.strengths + self.concerns + self.others


@dataclass
class MatrixRow:
    slug: str
    name: str
    cells: list[MatrixCell]


def theme_matrix(authorities: Sequence) -> list[MatrixRow]:
    """Rows: every theme with a public finding for any of these authorities, by name. Columns: the
    authorities in the order given. Each cell counts strengths, concerns and others, and holds the
    latest finding (newest dated visit first, undated visits after, then the visit's first finding).
    Two queries."""
    findings = Finding.objects.public().filter(visit__authority__in=[a.pk for a in authorities])
    tagged = FindingTheme.objects.filter(finding__in=findings)
    counts = (
        tagged.values("theme__slug", "theme__name", "finding__visit__authority_id", "finding__polarity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    latest = (
        tagged.annotate(
            authority_id=F("finding__visit__authority_id"),
            row=Window(
                RowNumber(),
                partition_by=[F("theme_id"), F("finding__visit__authority_id")],
                order_by=[
                    F("finding__visit__sort_date").desc(nulls_last=True),
                    F("finding__visit_id").desc(),
                    F("finding__source_id").asc(),
                    F("finding__position").asc(),
                ],
            ),
        )
        .filter(row=1)
        .select_related("theme", "finding__visit", "finding__source")
        .defer(*SourceDocument.heavy_fields("finding__source"))
    )
    names: dict[str, str] = {}
    cells: dict[tuple[str, int], MatrixCell] = {}
    by_pk = {authority.pk: authority for authority in authorities}

    def cell(slug: str, authority_id: int) -> MatrixCell:
        key = (slug, authority_id)
        if key not in cells:
            cells[key] = MatrixCell(authority=by_pk[authority_id])
        return cells[key]

    for row in counts:
        slug = row["theme__slug"]
        names[slug] = row["theme__name"]
        target = cell(slug, row["finding__visit__authority_id"])
        if row["finding__polarity"] == Polarity.STRENGTH:
            target.strengths += row["n"]
        elif row["finding__polarity"] == Polarity.CONCERN:
            target.concerns += row["n"]
        else:
            target.others += row["n"]
    for item in latest:
        names[item.theme.slug] = item.theme.name
        cell(item.theme.slug, item.authority_id).latest = item.finding
    return [
        MatrixRow(
            slug=slug,
            name=names[slug],
            cells=[cells.get((slug, a.pk)) or MatrixCell(authority=a) for a in authorities],
        )
        for slug in sorted(names, key=lambda s: names[s].lower())
    ]


# ---- The findings explorer ------------------------------------------------------------------

FACETS = ("theme", "polarity", "region", "visit_type", "area")
_FACET_FIELDS = {
    "polarity": "polarity",
    "region": "visit__authority__region",
    "visit_type": "visit__visit_type",
    "area": "area",
}


def filter_findings(filters: dict, *, without: str | None = None) -> QuerySet[Finding]:
    """Public findings matching the cleaned filters of FindingFilterForm, leaving out one facet's
    own filter when `without` names it (so that facet can count its other values)."""

    def wanted(name: str):
        return filters.get(name) if name != without else None

    findings = Finding.objects.public()
    if wanted("theme"):
        findings = findings.for_themes(filters["theme"])
    if wanted("polarity"):
        findings = findings.filter(polarity__in=filters["polarity"])
    if wanted("authority"):
        findings = findings.filter(visit__authority__slug__in=filters["authority"])
    if wanted("region"):
        findings = findings.filter(visit__authority__region__in=filters["region"])
    if wanted("visit_type"):
        findings = findings.filter(visit__visit_type__in=filters["visit_type"])
    if wanted("area"):
        findings = findings.filter(area__in=filters["area"])
    if filters.get("from"):
        findings = findings.filter(visit__sort_date__gte=filters["from"])
    if filters.get("to"):
        findings = findings.filter(visit__sort_date__lte=filters["to"])
    if filters.get("q"):
        findings = findings.search(filters["q"])
    return findings


def finding_facets(filters: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: number of findings}}, each facet counted under every filter but its own.
    One GROUP BY query per facet."""
    facets: dict[str, dict[str, int]] = {}
    for name, path in _FACET_FIELDS.items():
        rows = filter_findings(filters, without=name).values(path).annotate(n=Count("pk")).order_by()
        facets[name] = {row[path]: row["n"] for row in rows}
    themed = (
        FindingTheme.objects.filter(finding__in=filter_findings(filters, without="theme"))
        .values("theme__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    facets["theme"] = {row["theme__slug"]: row["n"] for row in themed}
    return facets


def total_from_facets(filters: dict, facets: dict[str, dict[str, int]]) -> int:
    """The number of findings matching every filter, without a COUNT query: each finding has
    exactly one polarity, and the polarity facet counts under every other filter."""
    counts = facets["polarity"]
    chosen = filters.get("polarity") or counts.keys()
    return sum(counts.get(value, 0) for value in chosen)


def theme_counts_by_visit(visit_ids: Iterable[int]) -> dict[int, list[dict]]:
    """{visit id: [{"slug", "name", "strengths", "concerns", "others"}]} over public findings,
    themes by name. One query."""
    rows = (
        FindingTheme.objects.filter(finding__in=Finding.objects.public().filter(visit_id__in=list(visit_ids)))
        .values("finding__visit_id", "theme__slug", "theme__name", "finding__polarity")
        .annotate(n=Count("pk"))
        .order_by("theme__name")
    )
    by_visit: dict[int, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        themes = by_visit[row["finding__visit_id"]]
        entry = themes.setdefault(
            row["theme__slug"],
            {
                "slug": row["theme__slug"],
                "name": row["theme__name"],
                "strengths": 0,
                "concerns": 0,
                "others": 0,
            },
        )
        if row["finding__polarity"] == Polarity.STRENGTH:
            entry["strengths"] += row["n"]
        elif row["finding__polarity"] == Polarity.CONCERN:
            entry["concerns"] += row["n"]
        else:
            entry["others"] += row["n"]
    return {visit_id: list(themes.values()) for visit_id, themes in by_visit.items()}
