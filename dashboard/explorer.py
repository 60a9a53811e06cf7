"""The findings explorer (/findings/, its exports and /api/findings/): the filters of its query
string as a queryset, the facets that count each filter's values (two GROUP BY queries), and
what the page shows of them. Without free text, dates or authorities the facets sum the kept
counts of inspections/finding_counts.py rather than count the findings; with them they count the
findings' narrow facet rows (inspections/finding_facet_rows.py), not the wide findings. The
listing reads the findings themselves, a page of ids at a time. The page's facets are
cached under the data version (inspections/data_version.py): a repeated search counts nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Count, QuerySet, Subquery, Sum

from authorities.models import Authority, Region
from dashboard.cached_fragments import cached, versioned_key
from dashboard.forms import FindingFilterForm
from dashboard.web import query_without
from inspections.models import Finding, FindingCount, FindingFacetRow, Theme
from inspections.models.counts import FINDINGS
from inspections.vocabulary import Area, Polarity, VisitType

# The facets a finding has one value of, named as the kept counts and the facet rows name them.
_FACET_FIELDS = ("polarity", "region", "visit_type", "area")

# Where each filter of a chosen value reads, in the findings and in their facet rows.
_FINDING_PATHS = {
    "polarity": "polarity",
    "authority": "visit__authority__slug",
    "region": "visit__authority__region",
    "visit_type": "visit__visit_type",
    "area": "area",
}
_FACET_ROW_PATHS = {
    **_FINDING_PATHS,
    "authority": "authority__slug",
    "region": "region",
    "visit_type": "visit_type",
}


def _filtered(rows: QuerySet, paths: dict[str, str], filters: dict, without: Collection[str]) -> QuerySet:
    """The public rows (findings, or their facet rows) matching the cleaned filters but those
    `without` names."""

    def wanted(name: str):
        return filters.get(name) if name not in without else None

    rows = rows.public()
    if wanted("theme"):
        rows = rows.for_themes(filters["theme"])
    for name, path in paths.items():
        if wanted(name):
            rows = rows.filter(**{f"{path}__in": filters[name]})
    if filters.get("from"):
        rows = rows.filter(sort_date__gte=filters["from"])
    if filters.get("to"):
        rows = rows.filter(sort_date__lte=filters["to"])
    if filters.get("q"):
        rows = rows.search(filters["q"])
    return rows


def filter_findings(filters: dict, *, without: Collection[str] = ()) -> QuerySet[Finding]:
    """Public findings matching the cleaned filters of FindingFilterForm, leaving out the facets'
    own filters that `without` names (so that they can count their other values)."""
    return _filtered(Finding.objects.all(), _FINDING_PATHS, filters, without)


def _facet_rows(filters: dict, *, without: Collection[str] = ()) -> QuerySet[FindingFacetRow]:
    """The narrow facet rows of the public findings matching the filters but those `without`
    names: what the facets and the total count where the kept counts do not answer, rather than
    the wide findings (inspections/finding_facet_rows.py)."""
    return _filtered(FindingFacetRow.objects.all(), _FACET_ROW_PATHS, filters, without)


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
    they answer, else from the findings' facet rows."""
    if kept_counts_answer(filters):
        cube = (
            _kept_counts(filters, without=_FACET_FIELDS)
            .filter(theme_id=_theme_key(filters))
            .values_list(*_FACET_FIELDS)
            .annotate(n=Sum("n"))
        )
        themed = (
            _kept_counts(filters).exclude(theme_id=FINDINGS).values_list("theme__slug").annotate(n=Sum("n"))
        )
        return cube.order_by(), themed.order_by()
    cube = _facet_rows(filters, without=_FACET_FIELDS).values_list(*_FACET_FIELDS).annotate(n=Count("pk"))
    # From the matching rows to their links, joined: PostgreSQL then looks each match's links up
    # by index, where with `IN (the matches)` it hashed every link (at 25,000 findings 26 -> 42 ms).
    # Rows without a theme give a None slug.
    themed = (
        _facet_rows(filters, without={"theme"})
        .values_list("theme_links__theme__slug")
        .annotate(n=Count("pk"))
    )
    return cube.order_by(), themed.order_by()


def finding_facets(filters: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: number of findings}}, each facet counted under every filter but its own.
    Two queries (over the kept counts where they answer the filters, else over the findings' facet
    rows): one GROUP BY over the four facets a finding has one value of, under every other filter,
    summed per facet over the rows the other three's filters keep; one for the themes."""
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
    return _facet_rows(filters).count()


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
