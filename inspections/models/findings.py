"""Themes, findings and their themes, and people's readings of findings (labels)."""

from django.conf import settings
from django.db import connections, models

from inspections.search import either_apostrophe, text_conditions
from inspections.validators import validate_theme_patterns
from inspections.vocabulary import Area, Polarity, Section

from .documents import SourceDocument
from .visits import Visit


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


# Findings by their visit's best date, newest first: the listings' order, with an index of its own.
NEWEST_FIRST = (
    models.F("sort_date").desc(nulls_last=True),
    models.F("visit_id").desc(),
    models.F("source_id").asc(),
    models.F("position").asc(),
)
# Oldest first, visits with no date still last, each document in its own order: the index
# finding_oldest_first (migration 0013) serves it.
OLDEST_FIRST = (
    models.F("sort_date").asc(nulls_last=True),
    models.F("visit_id").asc(),
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

    def oldest_first(self):
        """By their visit's best date, oldest first, visits with no date last; then document order."""
        return self.order_by(*OLDEST_FIRST)

    def by_authority(self):
        """By their authority's name, A to Z, then newest first. No index can serve an order by
        another table's column: the database sorts the matching findings."""
        return self.order_by("visit__authority__name", *NEWEST_FIRST)

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
