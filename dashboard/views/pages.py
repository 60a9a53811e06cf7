"""Health check, visit page, source documents, the findings explorer and its exports."""

from __future__ import annotations

import csv
import json
import mimetypes

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Prefetch
from django.db.utils import DatabaseError
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from authorities.models import Authority, Region
from dashboard.forms import FindingFilterForm
from dashboard.queries import filter_findings, finding_facets, total_from_facets
from dashboard.web import bad_request, page_or_partial, problems, query_with, query_without
from inspections.models import (
    Area,
    Disagreement,
    Finding,
    Polarity,
    Section,
    SourceDocument,
    Theme,
    Visit,
    VisitType,
)

PAGE_SIZE = 25
EXPORT_CHUNK = 500


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def visit_detail(request, pk):
    disagreements = Disagreement.objects.select_related("kept_source", "other_source").defer(
        *SourceDocument.heavy_fields("kept_source"), *SourceDocument.heavy_fields("other_source")
    )
    visit = get_object_or_404(
        Visit.objects.public()
        .select_related("authority")
        .with_judgements_and_sources()
        .with_sources()
        .prefetch_related(Prefetch("disagreements", queryset=disagreements.order_by("field", "pk"))),
        pk=pk,
    )
    findings = list(visit.findings.public().for_display().order_by("source_id", "position"))
    sections = [
        {"section": section, "findings": [f for f in findings if f.section == section.value]}
        for section in (Section.OVERVIEW, Section.FINDING, Section.IMPROVEMENT)
    ]
    return render(
        request,
        "inspections/visit.html",
        {
            "visit": visit,
            "judgements": visit.own_judgements(),
            "referred": visit.referred_judgements(),
            "sections": [entry for entry in sections if entry["findings"]],
            "n_findings": len(findings),
            # The summary, unless it is word for word a finding the page lists anyway.
            "summary": "" if visit.summary.strip() in {f.text.strip() for f in findings} else visit.summary,
            "sources": [link.document for link in visit.visit_sources.all()],
            "disagreements": list(visit.disagreements.all()),
        },
    )


def _published_documents(request=None):
    """Published documents; staff also see those awaiting review or that failed."""
    if request is not None and request.user.is_staff:
        return SourceDocument.objects.all()
    return SourceDocument.objects.filter(status=SourceDocument.Status.PUBLISHED)


@require_safe
def source_detail(request, pk):
    document = get_object_or_404(_published_documents().defer("original"), pk=pk)
    visits = (
        Visit.objects.public()
        .filter(visit_sources__document=document)
        .select_related("authority")
        .chronological()
    )
    return render(
        request,
        "inspections/source.html",
        {
            "document": document,
            "visits": visits,
            "n_findings": document.findings.public().count(),
        },
    )


_CONTENT_TYPES = {
    SourceDocument.Format.PDF: "application/pdf",
    SourceDocument.Format.HTML: "text/html; charset=utf-8",
    SourceDocument.Format.TEXT: "text/plain; charset=utf-8",
    SourceDocument.Format.ODS: "application/vnd.oasis.opendocument.spreadsheet",
}


@require_safe
def source_original(request, pk):
    """The original bytes, as a download: never rendered in our pages' origin."""
    document = get_object_or_404(
        _published_documents(request).only("pk", "original", "filename", "format", "sha256"), pk=pk
    )
    content_type = _CONTENT_TYPES.get(document.format) or (
        mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    )
    response = HttpResponse(bytes(document.original), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.filename or f"source-{document.pk}"
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{document.sha256}"'
    return response


# ---- The findings explorer --------------------------------------------------------------------


def finding_filter_form(request) -> FindingFilterForm:
    """The validated filters of /findings/, its exports and /api/findings/."""
    themes = Theme.objects.order_by("name").values_list("slug", "name")
    authorities = Authority.objects.order_by("name").values_list("slug", "name")
    return FindingFilterForm(request.GET, themes=list(themes), authorities=list(authorities))


def _facet_options(form, facets, name, choices, *, always=False):
    chosen = set(form.cleaned_data.get(name) or [])
    counts = facets.get(name, {})
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "checked": value in chosen}
        for value, label in choices
        if always or value in chosen or counts.get(value)
    ]


def _chosen_filters(request, form):
    """Each chosen value with its label and a link that removes it."""
    labels = {
        "theme": dict(form.fields["theme"].choices),
        "polarity": dict(Polarity.choices),
        "authority": dict(form.fields["authority"].choices),
        "region": dict(Region.choices),
        "visit_type": dict(VisitType.choices),
        "area": dict(Area.choices),
    }
    titles = {
        "theme": "Theme",
        "polarity": "Strength or concern",
        "authority": "Authority",
        "region": "Region",
        "visit_type": "Type of visit",
        "area": "Judgement area",
    }
    chosen = []
    for name, title in titles.items():
        for value in form.cleaned_data.get(name) or []:
            chosen.append(
                {
                    "title": title,
                    "label": labels[name].get(value, value),
                    "query": query_without(request.GET, name, value),
                }
            )
    for name, title in (("from", "From"), ("to", "To"), ("q", "Words")):
        value = form.cleaned_data.get(name)
        if value:
            chosen.append({"title": title, "label": str(value), "query": query_without(request.GET, name)})
    return chosen


@require_safe
@vary_on_headers("HX-Request")
def findings(request):
    form = finding_filter_form(request)
    template = page_or_partial(request, "inspections/findings.html", "explorer")
    if not form.is_valid():
        return render(
            request,
            template,
            {"form": form, "invalid": True, "problems": problems(request, form)},
            status=400,
        )
    filters = form.filters
    facets = finding_facets(filters)
    total = total_from_facets(filters, facets)
    page = form.page_number
    start = (page - 1) * PAGE_SIZE
    rows = list(filter_findings(filters).newest_first().for_display()[start : start + PAGE_SIZE + 1])
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    export_query = query_with(request.GET, page=None)
    last_page = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        template,
        {
            "form": form,
            "findings": rows,
            "total": total,
            "first": start + 1,
            "last": start + len(rows),
            "page": page,
            "previous_query": query_with(request.GET, page=page - 1 if page > 2 else None)
            if page > 1
            else "",
            "next_query": query_with(request.GET, page=page + 1) if has_next else "",
            "last_page": last_page,
            # A page past the end (an old link, a hand-made address): say so, and link to the last.
            "last_page_query": query_with(request.GET, page=last_page if last_page > 1 else None)
            if page > last_page
            else "",
            "export_query": "" if export_query == "?" else export_query,
            "chosen": _chosen_filters(request, form),
            "clear_query": "?",
            "facets": {
                "polarity": _facet_options(form, facets, "polarity", Polarity.choices, always=True),
                "theme": _facet_options(form, facets, "theme", form.fields["theme"].choices),
                "region": _facet_options(form, facets, "region", Region.choices, always=True),
                "visit_type": _facet_options(form, facets, "visit_type", VisitType.choices),
                "area": _facet_options(form, facets, "area", Area.choices),
            },
            "authority_choices": form.fields["authority"].choices,
            "chosen_authorities": form.cleaned_data["authority"],
        },
    )


def finding_record(finding: Finding, request) -> dict:
    """One finding as the JSON API and the exports give it (DESIGN.md's field names)."""
    visit = finding.visit
    return {
        "id": finding.pk,
        "authority": visit.authority.slug,
        "visit_id": visit.pk,
        "visit_type": visit.visit_type,
        "date": visit.sort_date.isoformat() if visit.sort_date else None,
        "section": finding.section,
        "area": finding.area or None,
        "polarity": finding.polarity,
        "themes": [link.theme.slug for link in finding.finding_themes.all()],
        "text": finding.text,
        "source_sha256": finding.source.sha256,
        "source_url": request.build_absolute_uri(reverse("source-original", args=[finding.source_id])),
    }


def _export_rows(filters):
    return filter_findings(filters).newest_first().for_display().iterator(chunk_size=EXPORT_CHUNK)


CSV_COLUMNS = [
    "id",
    "authority",
    "authority_name",
    "region",
    "visit_id",
    "visit_type",
    "date",
    "section",
    "area",
    "polarity",
    "themes",
    "text",
    "source_title",
    "source_sha256",
    "source_url",
]


def _csv_safe(value) -> str:
    """Spreadsheet programs run a cell that starts with = + - @ as a formula: quote it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


@require_safe
def findings_export_csv(request):
    form = finding_filter_form(request)
    if not form.is_valid():
        return bad_request(request, form)

    def rows():
        writer = csv.writer(_Echo())
        yield writer.writerow(CSV_COLUMNS)
        for finding in _export_rows(form.filters):
            record = finding_record(finding, request)
            record.update(
                authority_name=finding.visit.authority.name,
                region=finding.visit.authority.region,
                themes=";".join(record["themes"]),
                source_title=str(finding.source),
            )
            yield writer.writerow([_csv_safe(record[column]) for column in CSV_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="findings.csv")
    return response


@require_safe
def findings_export_json(request):
    form = finding_filter_form(request)
    if not form.is_valid():
        return bad_request(request, form)

    def chunks():
        yield "["
        for index, finding in enumerate(_export_rows(form.filters)):
            yield (
                ("," if index else "")
                + "\n"
                + json.dumps(finding_record(finding, request), cls=DjangoJSONEncoder)
            )
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="findings.json")
    return response
