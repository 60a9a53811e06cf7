"""Editors correct a finding, a judgement or a visit in the product's own pages, each change with a
reason, and return to the page they came from."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from dashboard.correction_forms import (
    CorrectionForm,
    FindingCorrectionForm,
    JudgementCorrectionForm,
    VisitCorrectionForm,
)
from dashboard.permissions import permission_needed
from dashboard.web import page_or_partial
from inspections.corrections import CorrectionError, correct_fields
from inspections.models import Finding, Judgement, SourceDocument, Visit


def _safe_next(request, candidate: str, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _correction(request, obj, form_class: type[CorrectionForm], *, initial: dict, about: str, back: str):
    """The form for `obj`; on a valid POST each changed field is corrected (all or none) and the
    editor goes back to `next`."""
    initial = {**initial, "next": request.GET.get("next", "")}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            values = {name: form.cleaned_data[name] for name in form.corrected}
            correct_fields(obj, values, by=request.user, reason=form.cleaned_data["reason"])
        except CorrectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Corrected: {about}.")
            return redirect(_safe_next(request, form.cleaned_data["next"], back))
    cancel = _safe_next(request, form["next"].value() or "", back)
    return render(
        request,
        page_or_partial(request, "inspections/correct.html", "correction-form"),
        {"form": form, "about": about, "kind": type(obj).__name__.lower(), "cancel": cancel},
        status=400 if form.errors else 200,
    )


def _visit_page(visit_id: int) -> str:
    return Visit(pk=visit_id).get_absolute_url()


@permission_needed("inspections.change_finding")
def finding_correct(request, pk):
    finding = get_object_or_404(
        Finding.objects.select_related("source").defer(*SourceDocument.heavy_fields("source")), pk=pk
    )
    initial = {
        "themes": sorted(finding.themes.values_list("slug", flat=True)),
        "polarity": finding.polarity,
        "hidden": finding.hidden,
    }
    about = f"finding {finding.position + 1} of {finding.source}: “{finding.text[:120]}”"
    return _correction(
        request,
        finding,
        FindingCorrectionForm,
        initial=initial,
        about=about,
        back=_visit_page(finding.visit_id),
    )


@permission_needed("inspections.change_judgement")
def judgement_correct(request, pk):
    judgement = get_object_or_404(Judgement.objects.select_related("visit__authority"), pk=pk)
    about = f"{judgement.get_area_display().lower()} judgement of {judgement.visit}"
    return _correction(
        request,
        judgement,
        JudgementCorrectionForm,
        initial={"grade": judgement.grade},
        about=about,
        back=_visit_page(judgement.visit_id),
    )


@permission_needed("inspections.change_visit")
def visit_correct(request, pk):
    visit = get_object_or_404(Visit.objects.select_related("authority"), pk=pk)
    initial = {
        "visit_type": visit.visit_type,
        "start_date": visit.start_date,
        "end_date": visit.end_date,
        "authority": visit.authority.slug,
    }
    return _correction(
        request, visit, VisitCorrectionForm, initial=initial, about=str(visit), back=visit.get_absolute_url()
    )
