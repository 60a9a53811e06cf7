"""The findings explorer (/findings/, its exports and /api/findings/): the filters of its query
string as a queryset, the facets that count each filter's values (two GROUP BY queries), and
what the page shows of them. Without free text, dates or authorities the facets sum the kept
counts of inspections/finding_counts.py rather than count the findings. The page's facets are
cached under the data version (inspections/data_version.py): a repeated search counts nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Count, QuerySet, Subquery, Sum

from authorities.models import Authority, Region
from dashboard.cached_fragments import cached, versioned_key
from dashboard.forms import FindingFilterForm
from dashboard.web import query_without
from inspections.models import Finding, FindingCount, FindingTheme, Theme
from inspections.models.counts import FINDINGS
from inspections.vocabulary import Area, Polarity, VisitType

_FACET_FIELDS = {
    "polarity": "polarity",
    "region": "visit__authority__region",
    "visit_type": "visit__visit_type",
    "area": "area",
}


def filter_findings(filters: dict, *, without: Collection[str] = ()) -> QuerySet[Finding]:
    """Public findings matching the cleaned filters of FindingFilterForm, leaving out the facets'
    own filters that `without` names (so that they can count their other values)."""

    def wanted(name: str):
        return filters.get(name) if name not in without else None

    findings = Finding.objects.public()
    if wanted("theme"):
        findings = findings.for_themes(filters["theme"])
    if wanted("polarity"):
        findings = findings.filter(polarity__in=filters["polarity"])
    if wanted("authority"):
        findings = findings.filter(visit__authority__slug__in=filters["authority"])
    if wanted("region"):
        findings = findings.filter(visit__authority__region__in=filters["region"])
    if wanted("visit_type"):
        findings = findings.filter(visit__visit_type__in=filters["visit_type"])
    if wanted("area"):
        findings = findings.filter(area__in=filters["area"])
    if filters.get("from"):
        findings = findings.filter(sort_date__gte=filters["from"])
    if filters.get("to"):
        findings = findings.filter(sort_date__lte=filters["to"])
    if filters.get("q"):
        findings = findings.search(filters["q"])
    return findings


def sorted_findings(findings: QuerySet[Finding], sort: str) -> QuerySet[Finding]:
    """The findings in the order FindingFilterForm's `sort` names."""
    orders = {
        "newest": findings.newest_first,
        "oldest": findings.oldest_first,
        "authority": findings.by_authority,
    }
    return orders[sort]()


def kept_counts_answer(filters: dict) -> bool:
    """Whether the kept counts (FindingCount) answer these filters: not free text, dates or
    authorities (the counts are not kept by them), and at most one theme (a finding under two
    chosen themes is one finding, and two rows)."""
    return not any(filters.get(name) for name in ("q", "from", "to", "authority")) and (
        len(filters.get("theme") or []) <= 1
    )


def _kept_counts(filters: dict, *, without: Collection[str] = ()) -> QuerySet[FindingCount]:
    """Kept rows under the facets' filters but those `without` names."""
    rows = FindingCount.objects.filter(n__gt=0)
    for name in _FACET_FIELDS:
        if filters.get(name) and name not in without:
            rows = rows.filter(**{f"{name}__in": filters[name]})
    return rows


def _theme_key(filters: dict):
    """The kept rows' theme_id of the findings under the chosen theme, or of all findings."""
    theme = filters.get("theme")
    return Subquery(Theme.objects.filter(slug=theme[0]).values("pk")) if theme else FINDINGS


def _facet_cubes(filters: dict):
    """(rows of (polarity, region, visit_type, area, n) under every filter but those four's,
    rows of (theme slug, n) under every filter but the themes'), from the kept counts where
    they answer, else from the findings."""
    if kept_counts_answer(filters):
        cube = (
            _kept_counts(filters, without=_FACET_FIELDS.keys())
            .filter(theme_id=_theme_key(filters))
            .values_list(*_FACET_FIELDS)
            .annotate(n=Sum("n"))
        )
        themed = (
            _kept_counts(filters).exclude(theme_id=FINDINGS).values_list("theme__slug").annotate(n=Sum("n"))
        )
        return cube.order_by(), themed.order_by()
    cube = (
        filter_findings(filters, without=_FACET_FIELDS.keys())
        .values_list(*_FACET_FIELDS.values())
        .annotate(n=Count("pk"))
    )
    matching = filter_findings(filters, without={"theme"})
    if filters.get("q"):
        # Free text matches few findings: from them to their themes by the links' index, not from
        # all the links to the findings (PostgreSQL scans all 544,000 links; for `supervision` at
        # 250,000 findings the query's median 200 -> 122 ms). Unthemed findings give a None slug.
        themed = matching.values_list("finding_themes__theme__slug").annotate(n=Count("pk"))
    else:
        themed = (
            FindingTheme.objects.filter(finding__in=matching)
            .values_list("theme__slug")
            .annotate(n=Count("pk"))
        )
    return cube.order_by(), themed.order_by()


def finding_facets(filters: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: number of findings}}, each facet counted under every filter but its own.
    Two queries (over the kept counts where they answer the filters, else over the findings): one
    GROUP BY over the four facets a finding has one value of, under every other filter, summed per
    facet over the rows the other three's filters keep; one for the themes."""
    cube, themed = _facet_cubes(filters)
    chosen = {name: set(filters[name]) for name in _FACET_FIELDS if filters.get(name)}
    facets: dict[str, dict[str, int]] = {name: {} for name in _FACET_FIELDS}
    for *values, n in cube:
        row = dict(zip(_FACET_FIELDS, values, strict=True))
        refused = {name for name, wanted in chosen.items() if row[name] not in wanted}
        for name in _FACET_FIELDS:
            if refused <= {name}:
                facets[name][row[name]] = facets[name].get(row[name], 0) + n
    facets["theme"] = {slug: n for slug, n in themed if slug is not None}
    return facets


def cached_finding_facets(filters: dict) -> dict[str, dict[str, int]]:
    """finding_facets(filters) from the cache, filed under the data version read first: one query
    for the version and one for the cache where they were counted since the last write, else
    those two, the counting and the cache's writing. The same filters in any order share them."""
    chosen = {
        name: sorted(value) if isinstance(value, list) else value for name, value in filters.items() if value
    }
    return cached(versioned_key("finding-facets", chosen), lambda: finding_facets(filters))


def finding_total(filters: dict) -> int:
    """The number of findings matching every filter, in one query: a sum of kept counts where
    they answer the filters, else a count."""
    if kept_counts_answer(filters):
        return _kept_counts(filters).filter(theme_id=_theme_key(filters)).aggregate(n=Sum("n"))["n"] or 0
    return filter_findings(filters).count()


def total_from_facets(filters: dict, facets: dict[str, dict[str, int]]) -> int:
    """The number of findings matching every filter, without a COUNT query: each finding has
    exactly one polarity, and the polarity facet counts under every other filter."""
    counts = facets["polarity"]
    chosen = filters.get("polarity") or counts.keys()
    return sum(counts.get(value, 0) for value in chosen)


# ---- The form and what the page shows of it -------------------------------------------------


def finding_filter_form(request) -> FindingFilterForm:
    """The validated filters of /findings/, its exports and /api/findings/."""
    themes = Theme.objects.order_by("name").values_list("slug", "name")
    authorities = Authority.objects.order_by("name").values_list("slug", "name")
    return FindingFilterForm(request.GET, themes=list(themes), authorities=list(authorities))


def _options(form, facets, name, choices, *, always=False) -> list[dict]:
    chosen = set(form.cleaned_data.get(name) or [])
    counts = facets.get(name, {})
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "checked": value in chosen}
        for value, label in choices
        if always or value in chosen or counts.get(value)
    ]


def facet_options(form: FindingFilterForm, facets: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """Each facet's values with their counts and whether they are chosen: every polarity and region
    always, other values where they have findings or are chosen."""
    return {
        "polarity": _options(form, facets, "polarity", Polarity.choices, always=True),
        "theme": _options(form, facets, "theme", form.fields["theme"].choices),
        "region": _options(form, facets, "region", Region.choices, always=True),
        "visit_type": _options(form, facets, "visit_type", VisitType.choices),
        "area": _options(form, facets, "area", Area.choices),
    }


_TITLES = {
    "theme": "Theme",
    "polarity": "Strength or concern",
    "authority": "Authority",
    "region": "Region",
    "visit_type": "Type of visit",
    "area": "Judgement area",
}


def chosen_filters(request, form: FindingFilterForm) -> list[dict]:
    """Each chosen value with its label and a link that removes it."""
    labels = {
        "theme": dict(form.fields["theme"].choices),
        "polarity": dict(Polarity.choices),
        "authority": dict(form.fields["authority"].choices),
        "region": dict(Region.choices),
        "visit_type": dict(VisitType.choices),
        "area": dict(Area.choices),
    }
    chosen = []
    for name, title in _TITLES.items():
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
