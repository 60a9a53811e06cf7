"""The national overview, the list of authorities, the search for one and an authority's page."""

from __future__ import annotations

from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from authorities.models import Authority, StatisticalNeighbour
from authorities.workforce import SOURCE as WORKFORCE_SOURCE
from authorities.workforce import SOURCE_URL as WORKFORCE_SOURCE_URL
from dashboard.benchmarks import ILACS_URL, from_latest_grades, from_region_row, next_inspection
from dashboard.cached_fragments import cached, packed_html, unpacked_html, versioned_key
from dashboard.charts import grades_by_region_chart
from dashboard.forms import (
    MAX_COMPARE,
    NOT_GRADED,
    AuthorityHistoryForm,
    AuthorityListForm,
    AuthoritySearchForm,
)
from dashboard.grade_bands import authority_bands, in_history
from dashboard.grades import (
    GRADE_COLUMNS,
    OVERALL,
    grade_rank,
    grade_timeline,
    latest_in_history,
    used_columns,
    with_latest_grades,
)
from dashboard.history_pages import VISITS_A_PAGE, history_page, page_count
from dashboard.overview import grades_by_region, recent_publications
from dashboard.recurring import recurring_section
from dashboard.views.compare import authority_choices, neighbours_query
from dashboard.web import bad_request, compare_query, invalid_query, page_numbers, page_or_partial, query_with
from dashboard.workforce import workforce_findings, workforce_years
from inspections.history import is_undated
from inspections.models import Visit
from inspections.models.visits import public_judgements_by_visit, published_sources
from inspections.sync.links import ofsted_page_url
from inspections.vocabulary import Grade

RECENT = 10
MAX_SUGGESTIONS = 10
# The newest visits an authority's page shows in full; the older ones are rows of its timeline
# table, their findings on each visit's page (185 visits in full made the page 2.3 MB).
VISITS_IN_FULL = 10


@require_safe
def overview(request):
    table, england = grades_by_region()
    recent_visits = (
        Visit.objects.public()
        .filter(reference_only=False)
        .select_related("authority")
        .with_judgements_and_sources()
        .latest_first()[:RECENT]
    )
    return render(
        request,
        "authorities/overview.html",
        {
            "grades": list(Grade),
            "table": table,
            "england": england,
            "chart": grades_by_region_chart(table),
            "recent_visits": recent_visits,
            "publications": recent_publications(RECENT),
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


def _sort_headers(request, sort: str) -> list[dict]:
    """The column headings of the list: each a link that sorts by it (again: the other way)."""
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
    return headers


def _filtered(data: dict):
    """Current authorities with their latest grades, filtered as the list's form says."""
    authorities = with_latest_grades(Authority.objects.current())
    if data["q"]:
        authorities = authorities.filter(pk__in=Authority.objects.search(data["q"]).values("pk"))
    if data["region"]:
        authorities = authorities.filter(region=data["region"])
    if data["type"]:
        authorities = authorities.filter(authority_type=data["type"])
    latest_overall = f"latest_{OVERALL.key}"
    if data["grade"] == NOT_GRADED:
        authorities = authorities.filter(**{f"{latest_overall}__isnull": True})
    elif data["grade"]:
        authorities = authorities.filter(**{latest_overall: data["grade"]})
    return authorities


@require_safe
@vary_on_headers("HX-Request")
def authority_list(request):
    form = AuthorityListForm(request.GET)
    template = page_or_partial(request, "authorities/list.html", "results")
    if not form.is_valid():
        return invalid_query(request, template, form)
    data = form.cleaned_data
    sort = data["sort"] or "name"
    former = Authority.objects.filter(abolished__isnull=False).only("name", "slug", "abolished")
    # Searching for a former authority's name ("Cumbria") finds it too, beside the current ones.
    former_matches = (
        list(former.filter(pk__in=Authority.objects.search(data["q"]).values("pk"))) if data["q"] else []
    )
    return render(
        request,
        template,
        {
            "form": form,
            "authorities": list(_sorted(_filtered(data), sort)),
            "columns": GRADE_COLUMNS,
            "headers": _sort_headers(request, sort),
            "former": former,
            "former_matches": former_matches,
            "filtered": any(data[name] for name in ("q", "region", "type", "grade")),
        },
    )


@require_safe
@vary_on_headers("HX-Request")
def authority_search(request):
    """Find an authority by any of its names: the typeahead of the comparison (a fragment for
    htmx), and a page of matches without JavaScript."""
    form = AuthoritySearchForm(request.GET, authorities=authority_choices())
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
            "max_compare": MAX_COMPARE,
            "fragment": template.endswith("#suggestions"),
        },
    )


def _distributions(authority, neighbours) -> list:
    """Latest overall effectiveness across the authority's region, its statistical neighbours and
    England (one query)."""
    regions, england = grades_by_region()
    region = next(row for row in regions if row.region == authority.region)
    rows = [from_region_row(f"{region.region.label} (its region)", region)]
    if neighbours:
        rows.append(from_latest_grades("Its statistical neighbours", neighbours))
    return [*rows, from_region_row("England", england)]


def _timeline(authority) -> tuple[list, int]:
    """grade_timeline() of the authority's public visits in history order, and how many of them
    at the end nothing dates or places. Each visit's sources are read only where an undated visit
    needs them all to find its window (inspections.history)."""
    visits = list(Visit.objects.public().filter(authority=authority).chronological().with_finding_counts())
    if any(is_undated(visit) for visit in visits):
        prefetch_related_objects(visits, published_sources())
    visits, placed, unplaced = in_history(visits)
    return grade_timeline(visits, public_judgements_by_visit(visits), placed=placed), unplaced


def _authority_body(request, form: AuthorityHistoryForm, slug: str, today) -> dict | HttpResponse:
    """The authority's name and its page's body (#authority), the same for every visitor: rendered
    without the request, so nothing of who asked can reach it; or the answer to a page of visits
    the history does not fill."""
    number = form.cleaned_data["visits"] or 1
    # Each neighbour's latest grade in every column, as latest_<column> (the latest_grade filter).
    neighbour_links = with_latest_grades(
        StatisticalNeighbour.objects.select_related("neighbour"), authority_ref="neighbour_id"
    ).order_by("rank")
    authority = get_object_or_404(
        Authority.objects.prefetch_related(
            "aliases",
            "predecessors",
            "successors",
            "ofsted_providers",
            Prefetch("neighbour_links", queryset=neighbour_links),
        ),
        slug=slug,
    )
    timeline, unplaced = _timeline(authority)
    columns = used_columns(timeline)
    if number > page_count(timeline):
        form.add_error(
            "visits",
            f"There is no page {number} of visits: {authority.name}’s history fills {page_count(timeline)}.",
        )
        return bad_request(request, form)
    history = history_page(timeline, number)
    # Newest first; the visits nothing dates or places stay last, never shown as the newest.
    timeline_rows = (
        list(reversed(timeline[: len(timeline) - unplaced])) + timeline[len(timeline) - unplaced :]
    )
    recent_rows = timeline_rows[:VISITS_IN_FULL]
    # Their sources, unless _timeline() read every visit's.
    prefetch_related_objects([row.visit for row in recent_rows], published_sources())
    neighbours = list(authority.neighbour_links.all())
    context = {
        "authority": authority,
        "ofsted_url": ofsted_page_url(authority, next(iter(authority.ofsted_providers.all()), None)),
        "latest": latest_in_history(timeline),
        "columns": GRADE_COLUMNS,
        "timeline": timeline,
        "timeline_columns": columns,
        "recent_rows": recent_rows,
        "n_earlier": max(0, len(timeline_rows) - VISITS_IN_FULL),
        "history": history,
        "history_links": [
            (page, query_with(request.GET, visits=page))
            for page in page_numbers(history.number, history.count)
        ],
        "visits_a_page": VISITS_A_PAGE,
        "bands": authority_bands(timeline, columns, today, shown=history.rows, until=history.until),
        "distributions": _distributions(authority, neighbours),
        "next_inspection": next_inspection(timeline, today),
        "ilacs_url": ILACS_URL,
        "grades": list(Grade),
        "workforce": workforce_years(authority),
        "workforce_findings": workforce_findings(authority),
        "workforce_source": (WORKFORCE_SOURCE, WORKFORCE_SOURCE_URL),
        "recurring": recurring_section(authority),
        "neighbours": neighbours,
        "neighbours_compare": neighbours_query(authority, neighbours) if neighbours else "",
    }
    return {
        "name": authority.name,
        "body": packed_html(render_to_string("authorities/detail.html#authority", context)),
    }


@require_safe
def authority_detail(request, slug):
    form = AuthorityHistoryForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    today = timezone.localdate()  # the history runs to today, and the next inspection is due from it
    number = form.cleaned_data["visits"] or 1
    key = None if set(request.GET) - {"visits"} else versioned_key("authority", slug, number, today)
    page = cached(key, lambda: _authority_body(request, form, slug, today))
    if isinstance(page, HttpResponse):
        return page
    return render(
        request, "authorities/detail.html", {"name": page["name"], "body": unpacked_html(page["body"])}
    )
