"""Editors upload a document, check what was extracted, correct it, publish it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from dashboard.forms import UploadForm
from dashboard.permissions import permission_needed
from inspections.ingest import copy_discard, copy_replace, document_publish
from inspections.ingest.uploads import WAITING, upload_queue
from inspections.models import FindingTheme, SourceDocument, Visit, VisitSource


@permission_needed("inspections.add_sourcedocument")
def upload(request):
    """Keeps the original and queues it for the background worker; the review page shows the rest."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        document, queued = upload_queue(
            data=upload.read(),
            filename=upload.name,
            uploaded_by=request.user,
            kind=form.cleaned_data["kind"] or None,
            published=form.cleaned_data["published"],
            source_url=form.cleaned_data["source_url"] or None,
        )
        if not queued:
            messages.info(request, f"{upload.name} was uploaded before: nothing changed.")
        return redirect("upload-review", document.pk)
    return render(request, "inspections/upload.html", {"form": form}, status=400 if form.errors else 200)


def _document(pk):
    return get_object_or_404(
        SourceDocument.objects.select_related("copy_of").defer(
            *SourceDocument.heavy_fields(), *SourceDocument.heavy_fields("copy_of")
        ),
        pk=pk,
    )


@permission_needed("inspections.view_sourcedocument")
def upload_review(request, pk):
    document = _document(pk)
    waiting = document.status in WAITING
    if request.htmx and not request.htmx.history_restore_request:
        if not waiting:
            return HttpResponseClientRefresh()  # read: the whole page changes
        return render(
            request, "inspections/upload_review.html#state", {"document": document, "waiting": True}
        )
    visits = (
        Visit.objects.filter(visit_sources__document=document)
        .select_related("authority")
        .prefetch_related(
            "judgements",
            "disagreements",
            Prefetch(
                "visit_sources", queryset=VisitSource.objects.filter(document=document), to_attr="this_source"
            ),
        )
        .order_by("reference_only", "pk")
    )
    findings = document.findings.order_by("position").prefetch_related(
        Prefetch("finding_themes", queryset=FindingTheme.objects.select_related("theme"))
    )
    return render(
        request,
        "inspections/upload_review.html",
        {"document": document, "waiting": waiting, "visits": visits, "findings": findings},
    )


@permission_needed("inspections.change_sourcedocument")
@require_POST
def upload_publish(request, pk):
    document = _document(pk)
    if document_publish(document=document):
        kept = (
            f", kept beside {document.copy_of} as a source of the same findings" if document.copy_of else ""
        )
        messages.success(request, f"{document} is published{kept}.")
    return redirect("upload-review", document.pk)


@permission_needed("inspections.change_sourcedocument")
@require_POST
def upload_replace(request, pk):
    document = _document(pk)
    stored = document.copy_of
    if copy_replace(document=document):
        messages.success(
            request, f"{document} is published in place of {stored}, which is kept as superseded."
        )
    return redirect("upload-review", document.pk)


@permission_needed("inspections.change_sourcedocument")
@require_POST
def upload_discard(request, pk):
    document = _document(pk)
    if copy_discard(document=document):
        messages.success(
            request, f"{document} is discarded: it is no source of anything; its original is kept."
        )
    return redirect("upload-review", document.pk)
