"""Read-only JSON for other tools, with DESIGN.md's field names.

/api/authorities/          [authority]: every current authority
/api/authorities/<slug>/   authority + "visits"
/api/findings/             {"count", "results": [finding], "next"}: the filters of /findings/
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from authorities.models import Authority
from dashboard.explorer import filter_findings, finding_filter_form, finding_total, sorted_findings
from dashboard.grades import latest_judgements, with_latest_judgement_ids
from dashboard.serialisers import authority_record, finding_record, finding_rows, visit_record
from dashboard.web import query_with
from inspections.models import Visit

API_PAGE_SIZE = 100


def _bad(form) -> JsonResponse:
    return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400)


@require_safe
def authorities(request):
    rows = list(with_latest_judgement_ids(Authority.objects.current()).order_by("name"))
    latest = latest_judgements(rows)
    results = [authority_record(authority, latest[authority.pk]) for authority in rows]
    return JsonResponse(results, safe=False)


@require_safe
def authority(request, slug):
    found = get_object_or_404(with_latest_judgement_ids(Authority.objects.all()), slug=slug)
    visits = (
        Visit.objects.public()
        .filter(authority=found)
        .chronological()
        .with_judgements_and_sources()
        .with_sources()
        .with_finding_counts()
    )
    record = authority_record(found, latest_judgements([found])[found.pk])
    record["visits"] = [visit_record(visit) for visit in visits]
    return JsonResponse(record)


@require_safe
def findings(request):
    form = finding_filter_form(request)
    if not form.is_valid():
        return _bad(form)
    matching = filter_findings(form.filters)
    count = finding_total(form.filters)
    start = (form.page_number - 1) * API_PAGE_SIZE
    rows = list(finding_rows(sorted_findings(matching, form.order)[start : start + API_PAGE_SIZE], request))
    has_next = start + len(rows) < count
    next_url = (
        request.build_absolute_uri(
            reverse("api-findings") + query_with(request.GET, page=form.page_number + 1)
        )
        if has_next
        else None
    )
    return JsonResponse({"count": count, "results": [finding_record(row) for row in rows], "next": next_url})
