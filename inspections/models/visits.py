"""Visits, the sources that describe them, their judgements and the disagreements between sources."""

from collections.abc import Sequence

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from inspections.vocabulary import Area, DatePrecision, Grade, VisitType

from .counts import FINDINGS, VisitThemeCount
from .documents import SourceDocument


def public_judgements_by_visit(visits: Sequence["Visit"], areas=None) -> dict[int, list["Judgement"]]:
    """{visit id: its judgements of published (or no) documents, in area order, each with its
    `visit`} for visits already loaded; only those in `areas`, when given. One query, none for no
    visits. Read without Django's prefetch, which gave each visit a queryset and each judgement its
    visit through it: 18 of its 23 ms for 185 visits and 620 judgements."""
    by_visit: dict[int, list[Judgement]] = {visit.pk: [] for visit in visits}
    if not by_visit:
        return by_visit
    judgements = Judgement.objects.from_public_sources().filter(visit_id__in=list(by_visit)).order_by("area")
    if areas is not None:
        judgements = judgements.filter(area__in=areas)
    visit_of = {visit.pk: visit for visit in visits}
    for judgement in judgements:
        judgement.visit = visit_of[judgement.visit_id]
        by_visit[judgement.visit_id].append(judgement)
    return by_visit


def published_sources() -> models.Prefetch:
    """The prefetch of VisitQuerySet.with_sources(), for visits already loaded. The status is
    checked by EXISTS, not on the join: SQLite would otherwise start from every published document
    (200 ms at 5,000 documents) rather than from the visits' links (3 ms)."""
    published = models.Exists(
        SourceDocument.objects.filter(
            pk=models.OuterRef("document_id"), status=SourceDocument.Status.PUBLISHED
        )
    )
    visit_sources = (
        VisitSource.objects.filter(published)
        .select_related("document")
        .defer("row", "stated", "held", *SourceDocument.heavy_fields("document"))
        .order_by(models.F("document__published").asc(nulls_last=True), "document_id")
    )
    return models.Prefetch("visit_sources", queryset=visit_sources)


class VisitQuerySet(models.QuerySet):
    def public(self):
        return self.filter(
            models.Exists(
                VisitSource.objects.filter(
                    visit=models.OuterRef("pk"), document__status=SourceDocument.Status.PUBLISHED
                )
            )
        )

    def with_judgements(self):
        return self.prefetch_related(
            models.Prefetch("judgements", queryset=Judgement.objects.order_by("area"))
        )

    def chronological(self):
        """Oldest first by the best date known; visits with no date at all last."""
        return self.order_by(models.F("sort_date").asc(nulls_last=True), "pk")

    def latest_first(self):
        """Newest first by the best date known; visits with no date at all last."""
        return self.order_by(models.F("sort_date").desc(nulls_last=True), "-pk")

    def with_judgements_and_sources(self):
        """Judgements (those of published or unknown sources) with the document each came from."""
        judgements = (
            Judgement.objects.from_public_sources()
            .select_related("source")
            .defer(*SourceDocument.heavy_fields("source"))
            .order_by("area")
        )
        return self.prefetch_related(models.Prefetch("judgements", queryset=judgements))

    def with_sources(self):
        """Each visit's published source documents (not their bytes or text, nor what each link
        stated or holds: JSON no page listing visits reads), oldest first."""
        return self.prefetch_related(published_sources())

    def with_finding_counts(self):
        """n_findings, n_strengths and n_concerns over each visit's public findings, read from the
        kept counts (VisitThemeCount's row of no theme): one index lookup a visit, where counting
        joined every finding of the visits (9,400 at 188 visits; 46 ms on SQLite)."""
        kept = VisitThemeCount.objects.filter(visit=models.OuterRef("pk"), theme_id=FINDINGS)
        every = models.F("strengths") + models.F("concerns") + models.F("mixed") + models.F("neutral")

        def count(expression) -> Coalesce:
            return Coalesce(
                models.Subquery(kept.annotate(n=expression).values("n")[:1]),
                0,
                output_field=models.IntegerField(),
            )

        return self.annotate(
            n_findings=count(every),
            n_strengths=count(models.F("strengths")),
            n_concerns=count(models.F("concerns")),
        )


class Visit(models.Model):
    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="visits")
    visit_type = models.CharField(max_length=30, choices=VisitType.choices, db_index=True)
    visit_type_stated = models.BooleanField(
        default=False, help_text="A source says the type, rather than the dates implying it."
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    published = models.DateField(null=True, blank=True)
    # For a visit known only from a reference ("judged inadequate in April 2017").
    reference_only = models.BooleanField(default=False)
    approx_date = models.DateField(null=True, blank=True)
    approx_date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    # The best date known, for ordering: start, else approximate, else published. Kept by save().
    sort_date = models.DateField(null=True, blank=True, editable=False, db_index=True)
    sequence = models.CharField(
        max_length=100, blank=True, help_text='e.g. "sixth and final monitoring visit"'
    )
    focus = models.TextField(blank=True, help_text="Focus or theme of a focused or monitoring visit.")
    summary = models.TextField(blank=True)
    inspectors = models.JSONField(default=list, blank=True, help_text='[{"name": ..., "role": ...}]')
    sources = models.ManyToManyField(SourceDocument, through="VisitSource", related_name="visits")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["sort_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "visit_type", "start_date"],
                condition=Q(start_date__isnull=False),
                name="unique_dated_visit",
            ),
        ]
        # PostgreSQL also has visit_authority_latest_first (migration 0013), which SQLite cannot
        # declare (no NULLS LAST in an index) and does not need.
        indexes = [models.Index(fields=["authority", "sort_date"])]

    def __str__(self) -> str:
        when = self.start_date or self.approx_date
        return f"{self.authority} {self.get_visit_type_display().lower()} {when or '(date not stated)'}"

    def save(self, *args, **kwargs):
        sort_date = self.start_date or self.approx_date or self.published
        moved = self.pk is not None and sort_date != self.sort_date
        self.sort_date = sort_date
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_date"}
        super().save(*args, **kwargs)
        if moved:
            self.findings.update(sort_date=sort_date)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("visit-detail", args=[self.pk])

    def made(self, judgement: "Judgement") -> bool:
        """Whether this visit made the judgement, rather than its documents only referring to it
        (an earlier inspection's grade). A visit known only from a reference has no judgements but
        the ones referred to: they are its own."""
        return self.reference_only or not judgement.is_reference

    def own_judgements(self) -> list["Judgement"]:
        """The judgements this visit made, from the prefetched `judgements`."""
        return [judgement for judgement in self.judgements.all() if self.made(judgement)]

    def referred_judgements(self) -> list["Judgement"]:
        """The earlier judgements this visit's documents only refer to, from the prefetched `judgements`."""
        return [judgement for judgement in self.judgements.all() if not self.made(judgement)]


class VisitSource(models.Model):
    """One source's account of a visit, with the values it stated (they may disagree)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="visit_sources")
    document = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="visit_sources")
    row = models.CharField(max_length=200, blank=True, help_text="Where in the document (sheet and row).")
    stated = models.JSONField(
        default=dict, blank=True, help_text="Dates, type and grades as this source gave them."
    )
    held = models.JSONField(
        default=dict,
        blank=True,
        help_text="What this source, awaiting review, brings to the visit when it is published.",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "document"], name="unique_visit_source")]

    def __str__(self) -> str:
        return f"{self.document} -> {self.visit}"


class JudgementQuerySet(models.QuerySet):
    def from_public_sources(self):
        """Judgements from a published document, or from no recorded document."""
        return self.filter(Q(source__isnull=True) | Q(source__status=SourceDocument.Status.PUBLISHED))

    def public(self):
        """Judgements from a published (or no) document, of visits with a published source."""
        return self.from_public_sources().filter(
            models.Exists(
                VisitSource.objects.filter(
                    visit=models.OuterRef("visit_id"), document__status=SourceDocument.Status.PUBLISHED
                )
            )
        )

    def latest_first(self):
        """Newest visit first by its best known date. A visit no source dates comes after every
        dated one: it is the latest only when nothing dated says otherwise (a news summary without
        a date usually describes an inspection the official statistics already date)."""
        return self.order_by(models.F("visit__sort_date").desc(nulls_last=True), models.F("visit_id").desc())

    def latest_of(self, authority, areas):
        """An authority's public judgements in any of these areas, the latest first. `authority`
        may be an OuterRef, for the latest grade of each authority in a subquery."""
        return self.public().filter(visit__authority=authority, area__in=list(areas)).latest_first()


class Judgement(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=40, choices=Area.choices)
    grade = models.CharField(max_length=30, choices=Grade.choices, db_index=True)
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="judgements"
    )
    # The source only refers to this judgement (an earlier inspection), it did not make it.
    is_reference = models.BooleanField(default=False)

    objects = JudgementQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "area"]
        constraints = [models.UniqueConstraint(fields=["visit", "area"], name="unique_judgement_area")]
        indexes = [models.Index(fields=["area", "grade"])]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_grade_display()}"


class DisagreementQuerySet(models.QuerySet):
    def public(self):
        """Disagreements between published sources (or a value no document gave)."""
        published = SourceDocument.Status.PUBLISHED
        return self.filter(Q(kept_source__isnull=True) | Q(kept_source__status=published)).filter(
            other_source__status=published
        )


class Disagreement(models.Model):
    """Two sources say different things about one visit. Both values are kept."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="disagreements")
    field = models.CharField(max_length=60, help_text='"visit_start", "grade:leadership", ...')
    kept_value = models.CharField(max_length=200)
    kept_source = models.ForeignKey(SourceDocument, null=True, on_delete=models.CASCADE, related_name="+")
    other_value = models.CharField(max_length=200)
    other_source = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="+")

    objects = DisagreementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "field", "other_source"], name="unique_disagreement")
        ]

    def __str__(self) -> str:
        return f"{self.visit}: {self.field} {self.kept_value} vs {self.other_value}"
