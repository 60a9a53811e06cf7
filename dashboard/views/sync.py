"""Staff see each run of `manage.py sync_ofsted`: what it found, stored and could not, and the
providers on Ofsted's site that no authority matches."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from inspections.models import OfstedProvider, SyncRun

RUNS_SHOWN = 30


def staff_only(view):
    """Signed-in staff only: others are sent to sign in, signed-in non-staff refused (403)."""

    @login_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied("Only staff can see this page.")
        return view(request, *args, **kwargs)

    return checked


@staff_only
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
