"""The side-by-side comparison of two to MAX_COMPARE authorities: a shareable permalink."""

from __future__ import annotations

import csv
import io

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from authorities.models import Authority, StatisticalNeighbour
from dashboard.cached_fragments import cached, packed_html, unpacked_html, versioned_key
from dashboard.compare_history import compared_history
from dashboard.forms import MAX_COMPARE, CompareForm
from dashboard.grade_bands import compared_bands
from dashboard.grades import GRADE_COLUMNS, OVERALL, latest_judgements, with_latest_judgement_ids
from dashboard.history_pages import RECENT_VISITS
from dashboard.serialisers import csv_safe
from dashboard.theme_counts import ThemeComparison, theme_comparison
from dashboard.web import bad_request, compare_query, invalid_query, page_or_partial, wants_partial

# An authority and its closest statistical neighbours fill a comparison.
NEIGHBOURS_COMPARED = MAX_COMPARE - 1


def authority_choices() -> list[tuple[str, str]]:
    """(slug, name) of every authority, by name: what a comparison may hold."""
    return list(Authority.objects.order_by("name").values_list("slug", "name"))


def neighbours_query(authority: Authority, links) -> str:
    """The permalink query of a comparison of an authority with its closest statistical
    neighbours (`links`: its StatisticalNeighbour rows, closest first)."""
    return compare_query([authority.slug, *(link.neighbour.slug for link in links[:NEIGHBOURS_COMPARED])])


def _neighbour_links() -> Prefetch:
    links = StatisticalNeighbour.objects.select_related("neighbour").order_by("rank")
    return Prefetch("neighbour_links", queryset=links)


def _compared(slugs: list[str]) -> list[Authority]:
    """The authorities chosen, in the order chosen, each with links to remove it and to compare it
    with its neighbours."""
    found = {
        authority.slug: authority
        for authority in with_latest_judgement_ids(Authority.objects.filter(slug__in=slugs)).prefetch_related(
            _neighbour_links()
        )
    }
    authorities = [found[slug] for slug in slugs if slug in found]
    for authority in authorities:
        others = [slug for slug in slugs if slug != authority.slug]
        authority.remove_query = compare_query(others) if others else "?"
        links = list(authority.neighbour_links.all())
        authority.neighbours_query = neighbours_query(authority, links) if links else ""
    return authorities


def _comparison(authorities: list[Authority]) -> dict:
    """Latest grades side by side, the overall grade in force after each recent visit, and the theme
    comparison."""
    latest = latest_judgements(authorities)
    timelines, recent = compared_history(authorities)
    return {
        "latest_rows": [
            {"column": column, "cells": [latest[a.pk].get(column.key) for a in authorities]}
            for column in GRADE_COLUMNS
        ],
        "timeline_rows": [
            {"authority": authority, "row": row, "overall": row.in_force.get(OVERALL.key)}
            for authority in authorities
            for row in recent.rows[authority.pk]
        ],
        "recent": recent,
        "recent_visits": RECENT_VISITS,
        "bands": compared_bands(
            authorities, timelines, OVERALL, timezone.localdate(), shown=recent.rows, since=recent.since
        ),
        "themes": theme_comparison(authorities),
    }


def _authorities_key(request, name: str, *parts) -> str | None:
    """Where `name` for the query's authorities, in the order given, and `parts` is kept until the
    next write; None for a query with anything else in it."""
    if set(request.GET) - {"authority"}:
        return None
    return versioned_key(name, request.GET.getlist("authority"), *parts)


def _comparison_body(form: CompareForm, choices: list[tuple[str, str]]) -> dict:
    """The page's title's names and its body (#comparison), the same for every visitor: rendered
    without the request, so nothing of who asked can reach it."""
    slugs = form.cleaned_data["authority"]
    authorities = _compared(slugs)
    context = {
        "form": form,
        "choices": [choice for choice in choices if choice[0] not in slugs],
        "authorities": authorities,
        "slugs": slugs,
        "slugs_query": compare_query(slugs),
        "columns": GRADE_COLUMNS,
        "full": len(authorities) >= MAX_COMPARE,
        "max_compare": MAX_COMPARE,
    }
    if len(authorities) >= 2:
        context.update(_comparison(authorities))
    return {
        "names": [authority.name for authority in authorities],
        "comparison": packed_html(render_to_string("authorities/compare.html#comparison", context)),
    }


@require_safe
@vary_on_headers("HX-Request")
def compare(request):
    key = _authorities_key(request, "compare", timezone.localdate())  # the timelines run to today
    body = cached(key, lambda: _comparison_or_answer(request))
    if isinstance(body, HttpResponse):
        return body
    comparison = unpacked_html(body["comparison"])
    if wants_partial(request):
        return HttpResponse(comparison)
    return render(request, "authorities/compare.html", {"names": body["names"], "comparison": comparison})


def _comparison_or_answer(request) -> dict | HttpResponse:
    """_comparison_body() of the query, or the answer to a wrong one or to `neighbours_of`."""
    choices = authority_choices()
    form = CompareForm(request.GET, authorities=choices)
    if not form.is_valid():
        template = page_or_partial(request, "authorities/compare.html", "comparison")
        return invalid_query(request, template, form, choices=choices)
    if form.cleaned_data["neighbours_of"]:
        return _neighbours_comparison(request, form, choices)
    return _comparison_body(form, choices)


def _neighbours_comparison(request, form: CompareForm, choices: list[tuple[str, str]]) -> HttpResponse:
    """A redirect to the comparison of an authority with its statistical neighbours, or a 400 that
    says it has none."""
    authority = get_object_or_404(
        Authority.objects.prefetch_related(_neighbour_links()), slug=form.cleaned_data["neighbours_of"]
    )
    links = list(authority.neighbour_links.all())
    if not links:
        form.add_error("neighbours_of", f"No statistical neighbours are recorded for {authority.name}.")
        template = page_or_partial(request, "authorities/compare.html", "comparison")
        return invalid_query(request, template, form, choices=choices)
    return redirect(reverse("compare") + neighbours_query(authority, links))


THEMES_CSV_COLUMNS = [
    "theme",
    "authority",
    "authority_name",
    "strengths",
    "concerns",
    "mixed",
    "neutral",
    "reports",
    "balance",
    "quote",
    "quote_date",
    "quote_polarity",
    "quote_source_url",
]


def _theme_csv_rows(request, comparison: ThemeComparison):
    """One row a (theme, authority) of the comparison, as THEMES_CSV_COLUMNS."""
    for row in comparison.rows:
        for cell in row.cells:
            quote = cell.quote
            yield [
                row.slug,
                cell.authority.slug,
                csv_safe(cell.authority.name),
                cell.strengths,
                cell.concerns,
                cell.mixed,
                cell.neutral,
                cell.reports,
                "" if cell.balance is None else f"{cell.balance:.3f}",
                csv_safe(quote.text) if quote else "",
                (quote.visit.sort_date.isoformat() if quote.visit.sort_date else "") if quote else "",
                quote.polarity if quote else "",
                request.build_absolute_uri(reverse("source-detail", args=[quote.source_id])) if quote else "",
            ]


def _themes_csv(request, slugs: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(THEMES_CSV_COLUMNS)
    found = {authority.slug: authority for authority in Authority.objects.filter(slug__in=slugs)}
    writer.writerows(_theme_csv_rows(request, theme_comparison([found[slug] for slug in slugs])))
    return out.getvalue()


def _themes_csv_or_answer(request) -> str | HttpResponse:
    form = CompareForm(request.GET, authorities=authority_choices())
    if form.is_valid() and not form.cleaned_data["authority"]:
        form.add_error("authority", "Choose at least one authority to export its themes.")
    if not form.is_valid():
        return bad_request(request, form)
    return _themes_csv(request, form.cleaned_data["authority"])


@require_safe
def compare_themes_csv(request):
    """The theme comparison of the compared authorities as CSV, one row a (theme, authority)."""
    key = _authorities_key(request, "compare-themes-csv", request.build_absolute_uri("/"))
    text = cached(key, lambda: _themes_csv_or_answer(request))
    if isinstance(text, HttpResponse):
        return text
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="themes.csv")
    return response
