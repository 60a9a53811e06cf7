"""Staff see each run of `manage.py sync_ofsted`: what it found, stored and could not, and the
providers on Ofsted's site that no authority matches."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from dashboard.permissions import permission_needed
from inspections.models import OfstedProvider, SyncRun

RUNS_SHOWN = 30


@permission_needed("inspections.view_syncrun")
@require_safe
def sync_runs(request):
    runs = list(SyncRun.objects.latest_first()[:RUNS_SHOWN])
    unmatched = list(OfstedProvider.objects.filter(authority__isnull=True).order_by("name"))
    return render(
        request,
        "inspections/sync.html",
        {
            "runs": runs,
            "with_details": [run for run in runs if run.failures or run.notes or run.message],
            "unmatched": unmatched,
        },
    )
