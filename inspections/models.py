from django.conf import settings
from django.db import connections, models
from django.db.models import Q

from inspections.search import either_apostrophe, text_conditions
from inspections.validators import validate_theme_patterns
from inspections.vocabulary import Area, DatePrecision, DocumentKind, Grade, Polarity, Section, VisitType


class Theme(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    patterns = models.TextField(
        blank=True,
        help_text="Regular expressions, one per line, matched case-insensitively.",
        validators=[validate_theme_patterns],
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def pattern_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.patterns.splitlines() if line.strip())


class SourceDocument(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"
        TEXT = "text", "Plain text"
        ODS = "ods", "Spreadsheet"

    Kind = DocumentKind

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued to be read"
        READING = "reading", "Being read"
        REVIEW = "review", "Awaiting review"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"
        SUPERSEDED = "superseded", "Superseded by a copy"
        DISCARDED = "discarded", "Discarded as a copy"

    sha256 = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=10, choices=Format.choices)
    doc_kind = models.CharField("kind", max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(max_length=300, blank=True)
    title_made = models.BooleanField(
        default=False, help_text="The document states no title: this one says what it is and its visit."
    )
    source_url = models.URLField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    original = models.BinaryField(help_text="The bytes as uploaded; every row can be re-derived from them.")
    size = models.PositiveIntegerField()
    extracted_text = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    parser_version = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED, db_index=True)
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="A stored document of the same visit with the same (or nearly the same) text.",
    )

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title or self.filename

    @staticmethod
    def heavy_fields(via: str = "") -> list[str]:
        """What listings never need, the original bytes and the extracted text, as paths from a
        related model: heavy_fields("source") -> ["source__original", "source__extracted_text"]."""
        prefix = f"{via}__" if via else ""
        return [f"{prefix}original", f"{prefix}extracted_text"]


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
        """Each visit's published source documents (not their bytes or text), oldest first."""
        visit_sources = (
            VisitSource.objects.filter(document__status=SourceDocument.Status.PUBLISHED)
            .select_related("document")
            .defer(*SourceDocument.heavy_fields("document"))
            .order_by(models.F("document__published").asc(nulls_last=True), "document_id")
        )
        return self.prefetch_related(models.Prefetch("visit_sources", queryset=visit_sources))

    def with_finding_counts(self):
        """n_findings, n_strengths and n_concerns over each visit's public findings."""
        public = Q(findings__hidden=False, findings__source__status=SourceDocument.Status.PUBLISHED)
        return self.annotate(
            n_findings=models.Count("findings", filter=public, distinct=True),
            n_strengths=models.Count(
                "findings", filter=public & Q(findings__polarity=Polarity.STRENGTH), distinct=True
            ),
            n_concerns=models.Count(
                "findings", filter=public & Q(findings__polarity=Polarity.CONCERN), distinct=True
            ),
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


# Findings by their visit's best date, newest first: the listings' order, with an index of its own.
NEWEST_FIRST = (
    models.F("sort_date").desc(nulls_last=True),
    models.F("visit_id").desc(),
    models.F("source_id").asc(),
    models.F("position").asc(),
)


class FindingQuerySet(models.QuerySet):
    def public(self):
        """Not hidden, from a published document. The document is checked by EXISTS rather than a
        join, or SQLite starts from the documents and sorts every finding to list the newest."""
        published = SourceDocument.objects.filter(
            pk=models.OuterRef("source_id"), status=SourceDocument.Status.PUBLISHED
        )
        return self.filter(models.Exists(published), hidden=False)

    def for_theme(self, slug: str):
        return self.filter(finding_themes__theme__slug=slug)

    def for_themes(self, slugs):
        """Findings under any of these themes (each finding once)."""
        return self.filter(
            models.Exists(
                FindingTheme.objects.filter(finding=models.OuterRef("pk"), theme__slug__in=list(slugs))
            )
        )

    def search(self, text: str):
        """Free text. On PostgreSQL, full-text search (English stemming, web-search syntax:
        "a phrase", -excluded, or). Elsewhere every word and "quoted phrase" must appear in the
        text (case-insensitively), either apostrophe matching the other, no -word may, and "a or
        b" needs either."""
        text = text.strip()
        if not text:
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            return self.alias(search_vector=SearchVector("text", config="english")).filter(
                search_vector=SearchQuery(text, config="english", search_type="websearch")
            )
        query = self
        for clause in text_conditions(either_apostrophe(text)):
            query = query.filter(clause)
        return query

    def newest_first(self):
        """By their visit's best date, newest first, visits with no date last; then document order.
        The index finding_newest_first (migration 0007) serves it."""
        return self.order_by(*NEWEST_FIRST)

    def for_display(self):
        """With the authority, visit, source (not its bytes or text) and themes a listing shows."""
        return (
            self.select_related("visit__authority", "source")
            .defer(*SourceDocument.heavy_fields("source"))
            .prefetch_related(
                models.Prefetch(
                    "finding_themes",
                    queryset=FindingTheme.objects.select_related("theme").order_by("theme__name"),
                )
            )
        )


class Finding(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    source = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField(help_text="Order within its source document, from 0.")
    text = models.TextField()
    section = models.CharField(max_length=20, choices=Section.choices, db_index=True)
    area = models.CharField(max_length=40, choices=Area.choices, blank=True)
    polarity = models.CharField(max_length=20, choices=Polarity.choices, db_index=True)
    themes = models.ManyToManyField(Theme, through="FindingTheme", related_name="findings")
    # An admin corrected this finding by hand: re-parsing keeps it as it is.
    edited = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False, help_text="Hidden by an admin: not shown on the pages.")
    # Its visit's sort_date, for the listings' order (an index serves it). Kept by Visit.save(),
    # Finding.save() and the ingest.
    sort_date = models.DateField(null=True, blank=True, editable=False)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "source", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "position"], name="unique_finding_position")]
        # And finding_newest_first, in NEWEST_FIRST's order: migration 0007 writes it for each
        # database (SQLite's index cannot say NULLS LAST, its DESC puts them last anyway).
        indexes = [models.Index(fields=["visit", "polarity"])]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args, **kwargs):
        self.sort_date = Visit.objects.filter(pk=self.visit_id).values_list("sort_date", flat=True).first()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_date"}
        super().save(*args, **kwargs)


class FindingTheme(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="finding_themes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="finding_themes")
    evidence = models.CharField(
        max_length=300, blank=True, help_text="The words that put it under this theme."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["finding", "theme"], name="unique_finding_theme")]
        indexes = [models.Index(fields=["theme", "finding"])]

    def __str__(self) -> str:
        return f"{self.theme}: {self.evidence}"


class FindingLabel(models.Model):
    """A person's reading of a finding's themes and polarity (an admin's correction), kept with who
    and when, so that `build_theme_model --with-corrections` learns from it. The text is kept too:
    the label outlives a re-parse that changes or removes its finding."""

    finding = models.ForeignKey(Finding, null=True, on_delete=models.SET_NULL, related_name="labels")
    document_sha256 = models.CharField(max_length=64, help_text="The source document, for grouping folds.")
    text = models.TextField()
    section = models.CharField(max_length=20, choices=Section.choices)
    area = models.CharField(max_length=40, choices=Area.choices, blank=True)
    themes = models.JSONField(default=list, help_text="Theme slugs, as the person read them.")
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    labelled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["labelled_at", "pk"]

    def __str__(self) -> str:
        return f"{self.text[:60]}: {', '.join(self.themes)} ({self.polarity})"


# The sync's and the audit log's models, in their own modules.
from inspections.audit import AuditEntry  # noqa: E402, F401
from inspections.sync.models import OfstedProvider, SyncRun  # noqa: E402, F401
