"""A stored original: its bytes, what was read from it, and whether it is published."""

from django.conf import settings
from django.db import models

from inspections.vocabulary import DocumentKind


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
