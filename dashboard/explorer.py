"""The findings explorer (/findings/, its exports and /api/findings/): the filters of its query
string as a queryset, the facets that count each filter's values (two GROUP BY queries), and
what the page shows of them.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Count, QuerySet

from authorities.models import Authority, Region
from dashboard.forms import FindingFilterForm
from dashboard.web import query_without
from inspections.models import Finding, FindingTheme, Theme
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


def finding_facets(filters: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: number of findings}}, each facet counted under every filter but its own.
    Two queries: one GROUP BY over the four facets a finding has one value of, under every other
    filter, summed per facet over the rows the other three's filters keep; one for the themes."""
    paths = list(_FACET_FIELDS.values())
    cube = (
        filter_findings(filters, without=_FACET_FIELDS.keys())
        .values_list(*paths)
        .annotate(n=Count("pk"))
        .order_by()
    )
    chosen = {name: set(filters[name]) for name in _FACET_FIELDS if filters.get(name)}
    facets: dict[str, dict[str, int]] = {name: {} for name in _FACET_FIELDS}
    for *values, n in cube:
        row = dict(zip(_FACET_FIELDS, values, strict=True))
        refused = {name for name, wanted in chosen.items() if row[name] not in wanted}
        for name in _FACET_FIELDS:
            if refused <= {name}:
                facets[name][row[name]] = facets[name].get(row[name], 0) + n
    themed = (
        FindingTheme.objects.filter(finding__in=filter_findings(filters, without={"theme"}))
        .values("theme__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    facets["theme"] = {row["theme__slug"]: row["n"] for row in themed}
    return facets


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
