"""Editors upload a document, check what was extracted, correct it, publish it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dashboard.forms import UploadForm
from dashboard.permissions import permission_needed
from inspections.ingest import IngestContext, IngestError, document_ingest
from inspections.models import FindingTheme, SourceDocument, Visit


@permission_needed("inspections.add_sourcedocument")
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            context = IngestContext.load()
        except IngestError as error:
            form.add_error(None, str(error))
            return render(request, "inspections/upload.html", {"form": form}, status=503)
        outcome = document_ingest(
            data=upload.read(),
            filename=upload.name,
            context=context,
            kind=form.cleaned_data["kind"] or None,
            published=form.cleaned_data["published"],
            source_url=form.cleaned_data["source_url"] or None,
            uploaded_by=request.user,
            status=SourceDocument.Status.REVIEW,
            keep_failed=True,
        )
        if outcome.status == "unchanged":
            messages.info(request, f"{upload.name} was uploaded before: nothing changed.")
            return redirect("upload-review", outcome.document.pk)
        if outcome.status == "failed":
            form.add_error(
                "document",
                f"{upload.name} could not be read: {outcome.error}. The original is kept "
                f"(document {outcome.document.pk}) and will be read again by `manage.py reparse`.",
            )
            return render(request, "inspections/upload.html", {"form": form}, status=422)
        return redirect("upload-review", outcome.document.pk)
    return render(request, "inspections/upload.html", {"form": form}, status=400 if form.errors else 200)


@permission_needed("inspections.view_sourcedocument")
def upload_review(request, pk):
    document = get_object_or_404(SourceDocument.objects.defer(*SourceDocument.heavy_fields()), pk=pk)
    visits = (
        Visit.objects.filter(visit_sources__document=document)
        .select_related("authority")
        .prefetch_related("judgements", "disagreements")
        .order_by("reference_only", "pk")
    )
    findings = document.findings.order_by("position").prefetch_related(
        Prefetch("finding_themes", queryset=FindingTheme.objects.select_related("theme"))
    )
    return render(
        request,
        "inspections/upload_review.html",
        {"document": document, "visits": visits, "findings": findings},
    )


@permission_needed("inspections.change_sourcedocument")
@require_POST
def upload_publish(request, pk):
    document = get_object_or_404(SourceDocument.objects.defer(*SourceDocument.heavy_fields()), pk=pk)
    if document.status == SourceDocument.Status.REVIEW:
        document.status = SourceDocument.Status.PUBLISHED
        document.save(update_fields=["status"])
        messages.success(request, f"{document} is published.")
    return redirect("upload-review", document.pk)
