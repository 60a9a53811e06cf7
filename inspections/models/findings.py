"""Themes, findings and their themes, and people's readings of findings (labels)."""

from django.conf import settings
from django.db import connections, models
from django.db.models.expressions import RawSQL

from inspections.search import fts5_query
from inspections.text_index import TABLE as TEXT_INDEX
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
# finding_oldest_first (migrations 0020 and 0024) serves it.
OLDEST_FIRST = (
    models.F("sort_date").asc(nulls_last=True),
    models.F("visit_id").asc(),
    models.F("source_id").asc(),
    models.F("position").asc(),
)

# By their authority's name, then newest first: the index finding_by_authority (migration 0025).
BY_AUTHORITY = (models.F("authority_name").asc(), *NEWEST_FIRST)


def _text_index_ids(fts5_match: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {TEXT_INDEX} WHERE {TEXT_INDEX} MATCH %s", [fts5_match])


class StoredTextMatch(models.Expression):
    """Whether the stored tsvector of the queryset's own table (PostgreSQL only, not in Django's
    models: the findings' column of migration 0019, the facet rows' of 0026) matches the words as
    websearch_to_tsquery reads them. The table's alias is read when compiled, so the condition
    holds in a subquery too."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        column = f'{compiler.quote_name_unless_alias(compiler.query.base_table)}."text_search"'
        return f"{column} @@ websearch_to_tsquery('english'::regconfig, %s)", [self.text]


class MatchingQuerySet(models.QuerySet):
    """What narrows findings alike, whether read from the findings or from their narrow facet
    rows (FindingFacetRow), each keyed by the finding's id."""

    def public(self):
        """Not hidden, from a published document. The document is checked against the few that are
        not published (one small set, read once) rather than joined or looked up per finding: the
        listing then walks the index finding_newest_first alone (it holds source_id and hidden),
        deep pages too (migration 0014). A join would make SQLite start from the documents."""
        unpublished = SourceDocument.objects.exclude(status=SourceDocument.Status.PUBLISHED).values("pk")
        return self.exclude(source_id__in=unpublished).filter(hidden=False)

    def for_themes(self, slugs):
        """Findings under any of these themes (each finding once)."""
        return self.filter(
            models.Exists(
                FindingTheme.objects.filter(finding=models.OuterRef("pk"), theme__slug__in=list(slugs))
            )
        )

    def search(self, text: str):
        """Free text (inspections/search.py): words, "a phrase", -excluded, or; English stemming,
        so "supervise" finds "supervision". PostgreSQL reads the grammar itself; on SQLite it
        becomes a query of the findings' FTS5 index (inspections/text_index.py)."""
        text = text.strip()
        if not text:
            return self
        if connections[self.db].vendor == "postgresql":
            return self.filter(StoredTextMatch(text))
        match, unwanted = fts5_query(text)
        if not match and not unwanted:
            return self.none()
        query = self
        if match:
            query = query.filter(pk__in=_text_index_ids(match))
        if unwanted:
            query = query.exclude(pk__in=_text_index_ids(unwanted))
        return query


class FindingQuerySet(MatchingQuerySet):
    def for_theme(self, slug: str):
        return self.filter(finding_themes__theme__slug=slug)

    def newest_first(self):
        """By their visit's best date, newest first, visits with no date last; then document order.
        The index finding_newest_first (migrations 0011 and 0014) serves it."""
        return self.order_by(*NEWEST_FIRST)

    def oldest_first(self):
        """By their visit's best date, oldest first, visits with no date last; then document order."""
        return self.order_by(*OLDEST_FIRST)

    def by_authority(self):
        """By their authority's name, A to Z, then newest first: the finding's copy of the name
        (kept by triggers), which the index finding_by_authority serves (migration 0025)."""
        return self.order_by(*BY_AUTHORITY)

    def for_display(self):
        """With the authority, visit, source (not its bytes or text) and themes a listing shows."""
        return self.select_related("visit__authority").of_one_visit()

    def of_one_visit(self):
        """With the source (not its bytes or text) and themes: what for_display() reads but the
        visit and authority, which a visit's own findings (visit.findings) are given without a
        join or a model built for each (232 findings: 464 models and their columns)."""
        return (
            self.select_related("source")
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
    # Its visit's authority's name, for the order by authority (the index finding_by_authority
    # serves it). Kept by database triggers (inspections/finding_visit_columns.py).
    authority_name = models.CharField(max_length=100, db_default="", editable=False)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "source", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "position"], name="unique_finding_position")]
        # And finding_newest_first, in NEWEST_FIRST's order: migrations 0011 and 0014 write it for each
        # database (SQLite's index cannot say NULLS LAST, its DESC puts them last anyway).
        # The second serves the compare page's theme counts: its columns (and the id, which SQLite
        # keeps in every index and PostgreSQL is given) are all that count reads of a finding, so
        # the rows and their text are never read.
        indexes = [
            models.Index(fields=["visit", "polarity"]),
            models.Index(
                fields=["visit", "hidden", "polarity", "source"], include=["id"], name="finding_theme_count"
            ),
        ]

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
    # The finding's facet row: no column, a join, so that counting a search's themes goes from the
    # matching rows to their links by the links' index (FindingFacetRow.theme_links).
    facet_row = models.ForeignObject(
        "FindingFacetRow",
        from_fields=["finding"],
        to_fields=["finding"],
        on_delete=models.DO_NOTHING,
        related_name="theme_links",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["finding", "theme"], name="unique_finding_theme")]
        indexes = [models.Index(fields=["theme", "finding"])]

    def __str__(self) -> str:
        return f"{self.theme}: {self.evidence}"


class FindingFacetRow(models.Model):
    """A finding's narrow row: what the explorer filters and counts it by (its polarity, area,
    hidden, document, sort date, and its visit's type, authority and that authority's region), and
    on PostgreSQL a copy of its stored tsvector with a GIN index of its own (migration 0026, not in
    Django's model). Free text's facet counts and total read these rows alone, not the wide
    findings with their text (inspections/finding_facet_rows.py); on SQLite the findings' FTS5
    index gives the ids. Kept by database triggers (inspections/finding_facet_rows.py)."""

    # The finding's id. Rows are kept by triggers, which remove a deleted finding's row after it:
    # no constraints in the database.
    finding = models.OneToOneField(
        Finding, primary_key=True, db_constraint=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    source = models.ForeignKey(
        SourceDocument, db_constraint=False, db_index=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    hidden = models.BooleanField()
    polarity = models.CharField(max_length=20)
    area = models.CharField(max_length=40)
    region = models.CharField(max_length=40)
    visit_type = models.CharField(max_length=30)
    # Indexed: an authority's change of region rewrites its rows.
    authority = models.ForeignKey(
        "authorities.Authority", db_constraint=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    sort_date = models.DateField(null=True)

    objects = MatchingQuerySet.as_manager()

    def __str__(self) -> str:
        return (
            f"finding {self.finding_id}: {self.region} {self.visit_type} {self.polarity} {self.area or '-'}"
        )


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
