from django.contrib import admin
from django.db.models import Count

from .models import Authority, AuthorityAlias, StatisticalNeighbour


class AliasInline(admin.TabularInline):
    model = AuthorityAlias
    extra = 1
    fields = ["name"]


class NeighbourInline(admin.TabularInline):
    """DfE's statistical neighbours come from the reference data (load_authorities): read-only here."""

    model = StatisticalNeighbour
    fk_name = "authority"
    extra = 0
    fields = ["rank", "neighbour", "closeness"]
    readonly_fields = fields
    ordering = ["rank"]
    can_delete = False
    verbose_name = "statistical neighbour"
    verbose_name_plural = "statistical neighbours (DfE 2025 model)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("neighbour")


class CurrentFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("current", "Current"), ("abolished", "Abolished (predecessor)")]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.filter(abolished__isnull=True)
        if self.value() == "abolished":
            return queryset.filter(abolished__isnull=False)
        return queryset


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "ons_code",
        "region",
        "authority_type",
        "ofsted_urn",
        "la_code",
        "abolished",
        "n_visits",
    ]
    list_filter = ["region", "authority_type", CurrentFilter]
    search_fields = ["name", "aliases__name", "ons_code", "la_code", "ofsted_urn", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["successors"]
    readonly_fields = ["predecessor_list"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "region", "authority_type"]}),
        ("Codes", {"fields": ["ons_code", "la_code", "ofsted_urn", "population_0_25"]}),
        ("Boundary changes", {"fields": ["abolished", "successors", "predecessor_list"]}),
    ]
    inlines = [AliasInline, NeighbourInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(visits_count=Count("visits", distinct=True))

    @admin.display(description="visits", ordering="visits_count")
    def n_visits(self, authority):
        return authority.visits_count

    @admin.display(description="predecessors")
    def predecessor_list(self, authority):
        names = [p.name for p in authority.predecessors.all()] if authority.pk else []
        return ", ".join(names) or "-"


@admin.register(AuthorityAlias)
class AuthorityAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "authority"]
    search_fields = ["name", "authority__name"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
