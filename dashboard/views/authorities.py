"""National overview, the list of authorities, an authority's page and the side-by-side comparison."""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from authorities.models import Authority, Region, StatisticalNeighbour
from dashboard.forms import NOT_GRADED, AuthorityListForm, AuthoritySearchForm, CompareForm
from dashboard.queries import (
    GRADE_COLUMNS,
    fractional_year,
    grade_rank,
    grade_timeline,
    latest_judgements,
    recent_publications,
    theme_counts_by_visit,
    theme_matrix,
    used_columns,
    with_latest_grades,
    with_latest_judgement_ids,
)
from dashboard.templatetags.outcomes import visit_kind, visit_when
from dashboard.web import bad_request, compare_query, page_or_partial, problems, query_with
from inspections.models import Visit
from inspections.vocabulary import GRADE_RANK, Grade

RECENT = 10
MAX_SUGGESTIONS = 10
MAX_COMPARE = 8
OVERALL = GRADE_COLUMNS[0]


def _authority_choices():
    return list(Authority.objects.order_by("name").values_list("slug", "name"))


def _neighbours_query(authority: Authority, links) -> str:
    """A comparison of an authority with its closest statistical neighbours (eight in all)."""
    return compare_query([authority.slug, *(link.neighbour.slug for link in links)][:8])


@require_safe
def overview(request):
    authorities = list(with_latest_grades(Authority.objects.current()).only("pk", "region"))
    grades = list(Grade)
    by_region = {region: dict.fromkeys([*grades, None], 0) for region in Region}
    for authority in authorities:
        by_region[Region(authority.region)][authority.latest_overall] += 1
    table = [
        {
            "region": region,
            "counts": [counts[g] for g in grades],
            "none": counts[None],
            "total": sum(counts.values()),
        }
        for region, counts in by_region.items()
    ]
    england = {
        "counts": [sum(row["counts"][i] for row in table) for i in range(len(grades))],
        "none": sum(row["none"] for row in table),
        "total": len(authorities),
    }
    chart = {
        "kind": "stacked",
        "labels": [row["region"].label for row in table],
        "datasets": [
            {"label": grade.label, "grade": grade.value, "data": [row["counts"][i] for row in table]}
            for i, grade in enumerate(grades)
        ],
    }
    recent_visits = (
        Visit.objects.public()
        .filter(reference_only=False)
        .select_related("authority")
        .with_judgements_and_sources()
        .latest_first()[:RECENT]
    )
    publications = recent_publications(RECENT)
    return render(
        request,
        "authorities/overview.html",
        {
            "grades": grades,
            "table": table,
            "england": england,
            "chart": chart,
            "recent_visits": recent_visits,
            "publications": publications,
        },
    )


def _sorted(authorities, sort: str):
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "name":
        return authorities.order_by("-name" if descending else "name")
    if key in ("region", "type"):
        field = "region" if key == "region" else "authority_type"
        return authorities.order_by(F(field).desc() if descending else F(field).asc(), "name")
    # A grade column: best first, or worst first when descending; ungraded last either way.
    rank = F("grade_rank")
    return authorities.annotate(grade_rank=grade_rank(f"latest_{key}")).order_by(
        rank.asc(nulls_last=True) if descending else rank.desc(nulls_last=True), "name"
    )


@require_safe
@vary_on_headers("HX-Request")
def authority_list(request):
    form = AuthorityListForm(request.GET)
    template = page_or_partial(request, "authorities/list.html", "results")
    if not form.is_valid():
        return render(request, template, {"form": form, "problems": problems(request, form)}, status=400)
    data = form.cleaned_data
    authorities = with_latest_grades(Authority.objects.current())
    if data["q"]:
        authorities = authorities.filter(pk__in=Authority.objects.search(data["q"]).values("pk"))
    if data["region"]:
        authorities = authorities.filter(region=data["region"])
    if data["type"]:
        authorities = authorities.filter(authority_type=data["type"])
    if data["grade"] == NOT_GRADED:
        authorities = authorities.filter(latest_overall__isnull=True)
    elif data["grade"]:
        authorities = authorities.filter(latest_overall=data["grade"])
    sort = data["sort"] or "name"
    authorities = list(_sorted(authorities, sort))
    headers = []
    for key, label in [("name", "Authority"), ("region", "Region"), ("type", "Type")] + [
        (column.key, column.label) for column in GRADE_COLUMNS
    ]:
        current = sort.lstrip("-") == key
        descending = current and sort.startswith("-")
        headers.append(
            {
                "key": key,
                "label": label,
                "aria_sort": ("descending" if descending else "ascending") if current else "none",
                "query": query_with(request.GET, sort=f"-{key}" if current and not descending else key),
            }
        )
    former = Authority.objects.filter(abolished__isnull=False).only("name", "slug", "abolished")
    # Searching for a former authority's name ("Cumbria") finds it too, beside the current ones.
    former_matches = (
        list(former.filter(pk__in=Authority.objects.search(data["q"]).values("pk"))) if data["q"] else []
    )
    filtered = any(data[name] for name in ("q", "region", "type", "grade"))
    return render(
        request,
        template,
        {
            "form": form,
            "authorities": authorities,
            "columns": GRADE_COLUMNS,
            "headers": headers,
            "former": former,
            "former_matches": former_matches,
            "filtered": filtered,
        },
    )


@require_safe
@vary_on_headers("HX-Request")
def authority_search(request):
    """Find an authority by any of its names: the typeahead of the comparison (a fragment for
    htmx), and a page of matches without JavaScript."""
    form = AuthoritySearchForm(request.GET, authorities=_authority_choices())
    if not form.is_valid():
        return bad_request(request, form)
    text = form.cleaned_data["q"]
    chosen = form.cleaned_data["authority"]
    comparing = form.cleaned_data["compare"] or bool(chosen)
    can_add = comparing and len(chosen) < MAX_COMPARE
    matches = list(Authority.objects.search(text).order_by("name")[:MAX_SUGGESTIONS]) if text else []
    suggestions = [
        {
            "authority": authority,
            "compare": compare_query([*chosen, authority.slug])
            if can_add and authority.slug not in chosen
            else "",
            "chosen": authority.slug in chosen,
        }
        for authority in matches
    ]
    template = page_or_partial(request, "authorities/search.html", "suggestions")
    return render(
        request,
        template,
        {
            "form": form,
            "text": text,
            "suggestions": suggestions,
            "chosen": chosen,
            "comparing": comparing,
            "full": comparing and not can_add,
            "fragment": template.endswith("#suggestions"),
        },
    )


@require_safe
def authority_detail(request, slug):
    # Each neighbour's latest grade in every column, as latest_<column> (the latest_grade filter).
    neighbour_links = with_latest_grades(
        StatisticalNeighbour.objects.select_related("neighbour"), authority_ref="neighbour_id"
    ).order_by("rank")
    authority = get_object_or_404(
        with_latest_judgement_ids(Authority.objects.all()).prefetch_related(
            "aliases",
            "predecessors",
            "successors",
            Prefetch("neighbour_links", queryset=neighbour_links),
        ),
        slug=slug,
    )
    latest = latest_judgements([authority])[authority.pk]
    visits = list(
        Visit.objects.public()
        .filter(authority=authority)
        .chronological()
        .with_judgements_and_sources()
        .with_sources()
        .with_finding_counts()
    )
    timeline = grade_timeline(visits)
    columns = used_columns(timeline)
    chart = {
        "kind": "grades",
        "labels": [f"{visit_when(row.visit)} ({visit_kind(row.visit).lower()})" for row in timeline],
        "datasets": [
            {
                "label": column.label,
                "data": [
                    GRADE_RANK.get(row.in_force[column.key].grade) if column.key in row.in_force else None
                    for row in timeline
                ],
            }
            for column in columns
        ],
    }
    neighbours = list(authority.neighbour_links.all())
    return render(
        request,
        "authorities/detail.html",
        {
            "authority": authority,
            "latest": latest,
            "columns": GRADE_COLUMNS,
            "timeline": timeline,
            "timeline_columns": columns,
            "timeline_rows": list(reversed(timeline)),
            "chart": chart,
            "themes_by_visit": theme_counts_by_visit(visit.pk for visit in visits),
            "neighbours": neighbours,
            "neighbours_compare": _neighbours_query(authority, neighbours[:7]) if neighbours else "",
        },
    )


@require_safe
@vary_on_headers("HX-Request")
def compare(request):
    choices = _authority_choices()
    form = CompareForm(request.GET, authorities=choices)
    template = page_or_partial(request, "authorities/compare.html", "comparison")
    if not form.is_valid():
        return render(
            request,
            template,
            {"form": form, "choices": choices, "problems": problems(request, form)},
            status=400,
        )
    if form.cleaned_data["neighbours_of"]:
        authority = get_object_or_404(
            Authority.objects.prefetch_related(
                Prefetch("neighbour_links", queryset=StatisticalNeighbour.objects.select_related("neighbour"))
            ),
            slug=form.cleaned_data["neighbours_of"],
        )
        links = list(authority.neighbour_links.all())[:7]
        if not links:
            form.add_error("neighbours_of", f"No statistical neighbours are recorded for {authority.name}.")
            return render(
                request,
                template,
                {"form": form, "choices": choices, "problems": problems(request, form)},
                status=400,
            )
        return redirect(reverse("compare") + _neighbours_query(authority, links))
    slugs = form.cleaned_data["authority"]
    found = {
        authority.slug: authority
        for authority in with_latest_judgement_ids(Authority.objects.filter(slug__in=slugs)).prefetch_related(
            Prefetch(
                "neighbour_links",
                queryset=StatisticalNeighbour.objects.select_related("neighbour").order_by("rank"),
            )
        )
    }
    authorities = [found[slug] for slug in slugs if slug in found]
    for authority in authorities:
        others = [slug for slug in slugs if slug != authority.slug]
        authority.remove_query = compare_query(others) if others else "?"
        links = list(authority.neighbour_links.all())[:7]
        authority.neighbours_query = _neighbours_query(authority, links) if links else ""
    context = {
        "form": form,
        "choices": [choice for choice in choices if choice[0] not in slugs],
        "authorities": authorities,
        "slugs": slugs,
        "columns": GRADE_COLUMNS,
        "full": len(authorities) >= 8,
    }
    if len(authorities) >= 2:
        latest = latest_judgements(authorities)
        visits = (
            Visit.objects.public()
            .filter(authority__in=authorities)
            .chronological()
            .with_judgements_and_sources()
            .select_related("authority")
        )
        by_authority = {authority.pk: [] for authority in authorities}
        for visit in visits:
            by_authority[visit.authority_id].append(visit)
        timelines = {pk: grade_timeline(items) for pk, items in by_authority.items()}
        context.update(
            latest_rows=[
                {"column": column, "cells": [latest[a.pk].get(column.key) for a in authorities]}
                for column in GRADE_COLUMNS
            ],
            timeline_rows=[
                {"authority": authority, "row": row, "overall": row.in_force.get(OVERALL.key)}
                for authority in authorities
                for row in timelines[authority.pk]
            ],
            undated=sum(1 for rows in timelines.values() for row in rows if row.visit.sort_date is None),
            chart={
                "kind": "years",
                "datasets": [
                    {
                        "label": authority.name,
                        "data": [
                            {
                                "x": fractional_year(row.visit.sort_date),
                                "y": GRADE_RANK[row.in_force[OVERALL.key].grade],
                            }
                            for row in timelines[authority.pk]
                            if row.visit.sort_date and OVERALL.key in row.in_force
                        ],
                    }
                    for authority in authorities
                ],
            },
            matrix=theme_matrix(authorities),
        )
    return render(request, template, context)
