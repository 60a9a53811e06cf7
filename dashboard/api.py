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
from inspections.models import Visit

from .queries import GRADE_COLUMN_KEYS, filter_findings, latest_judgements, with_latest_judgement_ids
from .views.pages import finding_filter_form, finding_record
from .web import query_with

API_PAGE_SIZE = 100


def _iso(value):
    return value.isoformat() if value else None


def _latest(judgements: dict) -> list[dict]:
    """The latest judgement in each grade column, once each (the 2018-2022 combined judgement on
    children in care and care leavers answers two columns)."""
    seen, result = set(), []
    for key in GRADE_COLUMN_KEYS:
        judgement = judgements.get(key)
        if judgement is None or judgement.pk in seen:
            continue
        seen.add(judgement.pk)
        visit = judgement.visit
        result.append(
            {
                "area": judgement.area,
                "grade": judgement.grade,
                "visit_id": visit.pk,
                "date": _iso(visit.sort_date),
            }
        )
    return result


def authority_record(authority: Authority, judgements: dict) -> dict:
    return {
        "slug": authority.slug,
        "name": authority.name,
        "ons_code": authority.ons_code,
        "region": authority.region,
        "type": authority.authority_type,
        "abolished": _iso(authority.abolished),
        "latest_judgements": _latest(judgements),
    }


def _bad(form) -> JsonResponse:
    return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400)


@require_safe
def authorities(request):
    rows = list(with_latest_judgement_ids(Authority.objects.current()).order_by("name"))
    latest = latest_judgements(rows)
    results = [authority_record(authority, latest[authority.pk]) for authority in rows]
    return JsonResponse(results, safe=False)


def visit_record(visit: Visit) -> dict:
    return {
        "id": visit.pk,
        "visit_type": visit.visit_type,
        "visit_start": _iso(visit.start_date),
        "visit_end": _iso(visit.end_date),
        "published": _iso(visit.published),
        "reference_only": visit.reference_only,
        "approx_date": _iso(visit.approx_date),
        "sequence": visit.sequence,
        "judgements": [{"area": j.area, "grade": j.grade} for j in visit.own_judgements()],
        "referred_judgements": [{"area": j.area, "grade": j.grade} for j in visit.referred_judgements()],
        "sources": [
            {"title": link.document.title, "doc_kind": link.document.doc_kind, "sha256": link.document.sha256}
            for link in visit.visit_sources.all()
        ],
        "n_findings": visit.n_findings,
    }


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
    count = matching.count()
    start = (form.page_number - 1) * API_PAGE_SIZE
    rows = list(matching.newest_first().for_display()[start : start + API_PAGE_SIZE])
    has_next = start + len(rows) < count
    next_url = (
        request.build_absolute_uri(
            reverse("api-findings") + query_with(request.GET, page=form.page_number + 1)
        )
        if has_next
        else None
    )
    return JsonResponse(
        {"count": count, "results": [finding_record(f, request) for f in rows], "next": next_url}
    )
