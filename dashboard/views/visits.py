"""A visit's page, a source document's page and the download of its original."""

from __future__ import annotations

import mimetypes

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from dashboard.theme_counts import theme_tallies
from dashboard.visit_groups import findings_by_area
from inspections.history import authority_visit_windows, is_undated
from inspections.models import AuditEntry, Disagreement, SourceDocument, Visit


@require_safe
def visit_detail(request, pk):
    disagreements = (
        Disagreement.objects.public()
        .select_related("kept_source", "other_source")
        .defer(*SourceDocument.heavy_fields("kept_source"), *SourceDocument.heavy_fields("other_source"))
    )
    visit = get_object_or_404(
        Visit.objects.public()
        .select_related("authority")
        .with_judgements_and_sources()
        .with_sources()
        .prefetch_related(Prefetch("disagreements", queryset=disagreements.order_by("field", "pk"))),
        pk=pk,
    )
    if is_undated(visit):
        visit.date_window = authority_visit_windows(visit.authority_id).get(visit.pk)
    findings = list(visit.findings.public().of_one_visit().order_by("source_id", "position"))
    _mark_corrected(visit, findings)
    return render(
        request,
        "inspections/visit.html",
        {
            "visit": visit,
            "judgements": visit.own_judgements(),
            "referred": visit.referred_judgements(),
            "groups": findings_by_area(findings),
            "n_findings": len(findings),
            "themes": theme_tallies(findings),
            # The summary, unless it is word for word a finding the page lists anyway.
            "summary": "" if visit.summary.strip() in {f.text.strip() for f in findings} else visit.summary,
            "sources": [link.document for link in visit.visit_sources.all()],
            "disagreements": list(visit.disagreements.all()),
        },
    )


def _mark_corrected(visit: Visit, findings) -> None:
    """Set `corrected_on` on the visit, its judgements and these findings an editor corrected."""
    judgements = list(visit.judgements.all())
    last = AuditEntry.objects.last_corrected(
        visit=[visit.pk], judgement=[j.pk for j in judgements], finding=[f.pk for f in findings]
    )
    visit.corrected_on = last.get(("visit", visit.pk))
    for judgement in judgements:
        judgement.corrected_on = last.get(("judgement", judgement.pk))
    for finding in findings:
        finding.corrected_on = last.get(("finding", finding.pk))


def _published_documents(request=None):
    """Published documents; editors also see those awaiting review or that failed."""
    if request is not None and request.user.has_perm("inspections.view_sourcedocument"):
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
