from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from .ingest.publishing import document_publish
from .models import (
    AuditEntry,
    Disagreement,
    Finding,
    FindingTheme,
    Judgement,
    OfstedProvider,
    SourceDocument,
    SyncRun,
    Theme,
    Visit,
    VisitSource,
)


class CorrectedInTheDashboard:
    """The fields editors correct in the dashboard's own pages, where each change is recorded in
    the audit log with a reason, are read-only here: one way to correct them."""

    corrected_fields: tuple[str, ...] = ()
    correct_url = ""

    def get_readonly_fields(self, request, obj=None):
        corrected = self.corrected_fields if obj is not None else ()  # a new one is typed in whole
        return [*super().get_readonly_fields(request, obj), *corrected, "correct_in_dashboard"]

    @admin.display(description="correct")
    def correct_in_dashboard(self, obj):
        if obj is None or obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">Correct in the dashboard, with a reason</a>',
            reverse(self.correct_url, args=[obj.pk]),
        )


class JudgementInline(CorrectedInTheDashboard, admin.TabularInline):
    model = Judgement
    extra = 0
    fields = ["area", "grade", "is_reference", "source", "correct_in_dashboard"]
    raw_id_fields = ["source"]
    corrected_fields = ("grade",)
    correct_url = "judgement-correct"


class VisitSourceInline(admin.TabularInline):
    model = VisitSource
    extra = 0
    fields = ["document", "row", "stated"]
    readonly_fields = ["document", "row", "stated"]
    can_delete = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("document")
            .defer(*SourceDocument.heavy_fields("document"))
        )


class DisagreementInline(admin.TabularInline):
    model = Disagreement
    extra = 0
    fields = ["field", "kept_value", "kept_source", "other_value", "other_source"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("kept_source", "other_source")
            .defer(*SourceDocument.heavy_fields("kept_source"), *SourceDocument.heavy_fields("other_source"))
        )


class FindingThemeInline(admin.TabularInline):
    """Read-only: a finding's themes are corrected in the dashboard (CorrectedInTheDashboard)."""

    model = FindingTheme
    extra = 0
    fields = ["theme", "evidence"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(CorrectedInTheDashboard, admin.ModelAdmin):
    corrected_fields = ("authority", "visit_type", "start_date", "end_date")
    correct_url = "visit-correct"
    list_display = [
        "authority",
        "visit_type",
        "start_date",
        "end_date",
        "published",
        "reference_only",
        "n_findings",
    ]
    list_filter = [
        "visit_type",
        "reference_only",
        "authority__region",
        ("start_date", admin.DateFieldListFilter),
    ]
    search_fields = ["authority__name", "authority__aliases__name", "sequence", "focus"]
    list_select_related = ["authority"]
    date_hierarchy = "sort_date"
    raw_id_fields = ["authority"]
    inlines = [JudgementInline, VisitSourceInline, DisagreementInline]
    readonly_fields = ["sort_date", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(findings_count=Count("findings", distinct=True))

    @admin.display(description="findings", ordering="findings_count")
    def n_findings(self, visit):
        return visit.findings_count


@admin.register(Judgement)
class JudgementAdmin(CorrectedInTheDashboard, admin.ModelAdmin):
    corrected_fields = ("grade",)
    correct_url = "judgement-correct"
    list_display = ["visit", "area", "grade", "is_reference", "source"]
    list_filter = ["area", "grade", "is_reference"]
    search_fields = ["visit__authority__name"]
    list_select_related = ["visit__authority", "source"]
    raw_id_fields = ["visit", "source"]

    def get_queryset(self, request):
        # The list names each judgement's document: not its original bytes or its text.
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .defer(*SourceDocument.heavy_fields("source"))
        )


@admin.register(Finding)
class FindingAdmin(CorrectedInTheDashboard, admin.ModelAdmin):
    corrected_fields = ("polarity", "hidden")
    correct_url = "finding-correct"
    list_display = ["short_text", "visit", "section", "area", "polarity", "edited", "hidden"]
    list_filter = ["section", "polarity", "area", "edited", "hidden", "themes", "source__doc_kind"]
    search_fields = ["text", "visit__authority__name"]
    list_select_related = ["visit__authority"]
    raw_id_fields = ["visit", "source"]
    inlines = [FindingThemeInline]

    @admin.display(description="text")
    def short_text(self, finding):
        return finding.text[:100]

    def save_model(self, request, obj, form, change):
        if change:
            obj.edited = True  # an admin's change of the text survives re-parsing
        super().save_model(request, obj, form, change)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "n_findings"]
    search_fields = ["name", "slug", "patterns"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(findings_count=Count("finding_themes"))

    @admin.display(description="findings", ordering="findings_count")
    def n_findings(self, theme):
        return theme.findings_count

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        messages.info(
            request,
            "New keywords tag new documents at once. To tag the findings already stored again, run "
            "`python manage.py retag_findings`; it reports how many gained or lost each theme.",
        )


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "doc_kind", "format", "status", "published", "uploaded_at", "size"]
    list_filter = ["status", "doc_kind", "format"]
    search_fields = ["title", "filename", "sha256", "source_url"]
    readonly_fields = [
        "sha256",
        "size",
        "format",
        "parser_version",
        "page_count",
        "uploaded_at",
        "uploaded_by",
        "original_link",
        "warnings",
        "error",
        "title_made",
        "status",  # published through the review page or the action below, which merge what it held
        "copy_of",
    ]
    exclude = ["original"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*SourceDocument.heavy_fields())

    def save_model(self, request, obj, form, change):
        if "title" in form.changed_data:
            obj.title_made = False  # an admin's title is kept as written
        super().save_model(request, obj, form, change)

    @admin.display(description="original")
    def original_link(self, document):
        return format_html(
            '<a href="{}">download the original</a>', reverse("source-original", args=[document.pk])
        )

    @admin.action(description="Publish the selected documents")
    def publish(self, request, queryset):
        updated = sum(document_publish(document=document) for document in queryset.order_by("pk"))
        self.message_user(request, f"{updated} documents published.")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only (also at /audit/ in the dashboard)."""

    list_display = ["at", "user", "object_type", "object_id", "field", "before", "after", "reason"]
    list_filter = ["object_type", "field", ("at", admin.DateFieldListFilter)]
    search_fields = ["reason", "user__username"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OfstedProvider)
class OfstedProviderAdmin(admin.ModelAdmin):
    """Where an admin says which authority a provider is, when the sync could not tell."""

    list_display = ["name", "urn", "authority", "publications", "last_checked"]
    list_filter = [("authority", admin.EmptyFieldListFilter)]
    search_fields = ["name", "urn", "authority__name"]
    list_select_related = ["authority"]
    raw_id_fields = ["authority"]
    readonly_fields = ["urn", "name", "url", "first_seen", "last_seen", "last_checked", "publications"]


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at",
        "status",
        "providers_done",
        "found",
        "new",
        "unchanged",
        "skipped",
        "failed",
    ]
    list_filter = ["status"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
