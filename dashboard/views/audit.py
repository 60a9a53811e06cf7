"""The audit log: every correction, newest first, filtered by who, what, which field and when."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dashboard.correction_forms import AuditFilterForm
from dashboard.permissions import permission_needed
from dashboard.web import invalid_query, query_with
from inspections.models import AuditEntry

PER_PAGE = 50


@permission_needed("inspections.view_auditentry")
@require_safe
def audit_log(request):
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return invalid_query(request, "inspections/audit.html", form, page=None)
    filters = {name: value for name, value in form.cleaned_data.items() if name != "page"}
    entries = AuditEntry.objects.matching(**filters).select_related("user").newest_first()
    page = Paginator(entries, PER_PAGE).get_page(form.cleaned_data["page"])
    return render(
        request,
        "inspections/audit.html",
        {
            "form": form,
            "page": page,
            "previous_query": query_with(request.GET, page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next_query": query_with(request.GET, page=page.next_page_number()) if page.has_next() else "",
        },
    )
