"""Rows as the JSON API and the exports give them, with DESIGN.md's field names."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet
from django.urls import reverse

from authorities.models import Authority
from dashboard.grades import GRADE_COLUMN_KEYS
from inspections.models import Finding, FindingTheme, Judgement, SourceDocument, Theme, Visit


def _iso(value):
    return value.isoformat() if value else None


def _judgement(judgement: Judgement) -> dict:
    return {"area": judgement.area, "grade": judgement.grade}


def _latest(judgements: dict[str, Judgement]) -> list[dict]:
    """The latest judgement in each grade column, once each (the 2018-2022 combined judgement on
    children in care and care leavers answers two columns)."""
    seen, result = set(), []
    for key in GRADE_COLUMN_KEYS:
        judgement = judgements.get(key)
        if judgement is None or judgement.pk in seen:
            continue
        seen.add(judgement.pk)
        visit = judgement.visit
        result.append({**_judgement(judgement), "visit_id": visit.pk, "date": _iso(visit.sort_date)})
    return result


def authority_record(authority: Authority, judgements: dict[str, Judgement]) -> dict:
    """An authority with its latest judgements ({column key: Judgement}, from latest_judgements)."""
    return {
        "slug": authority.slug,
        "name": authority.name,
        "ons_code": authority.ons_code,
        "region": authority.region,
        "type": authority.authority_type,
        "abolished": _iso(authority.abolished),
        "latest_judgements": _latest(judgements),
    }


def visit_record(visit: Visit) -> dict:
    """A visit with judgements and sources prefetched and annotated with_finding_counts()."""
    return {
        "id": visit.pk,
        "visit_type": visit.visit_type,
        "visit_start": _iso(visit.start_date),
        "visit_end": _iso(visit.end_date),
        "published": _iso(visit.published),
        "reference_only": visit.reference_only,
        "approx_date": _iso(visit.approx_date),
        "sequence": visit.sequence,
        "judgements": [_judgement(j) for j in visit.own_judgements()],
        "referred_judgements": [_judgement(j) for j in visit.referred_judgements()],
        "sources": [
            {"title": link.document.title, "doc_kind": link.document.doc_kind, "sha256": link.document.sha256}
            for link in visit.visit_sources.all()
        ],
        "n_findings": visit.n_findings,
    }


# What a finding row reads of the finding itself: plain values, no join. Its visit, authority,
# source and themes come from small maps (_Lookups), so that the database reads each row once.
_FINDING_VALUES = ("pk", "visit_id", "section", "area", "polarity", "text", "source_id")
_BATCH = 1000
_PLACEHOLDER_ID = 2_147_483_647


class _Lookups:
    """What a batch of finding rows names by key, each read once a batch with one query: the
    visits' type, date and authority; the sources' title and sha256; the findings' theme slugs.
    The 153 authorities and the themes are read whole, once."""

    def __init__(self):
        self.authorities = {
            pk: (slug, name, region)
            for pk, slug, name, region in Authority.objects.order_by().values_list(
                "pk", "slug", "name", "region"
            )
        }
        # By name, then slug, compared here rather than in the database's collation.
        themes = sorted(Theme.objects.order_by().values_list("name", "slug", "pk"))
        self.theme_slugs = {pk: slug for _, slug, pk in themes}
        self.theme_rank = {pk: rank for rank, (_, _, pk) in enumerate(themes)}

    def read(self, batch: list[tuple]) -> None:
        visit_ids = {row[1] for row in batch}
        self.visits = {
            pk: (*self.authorities[authority_id], visit_type, _iso(sort_date))
            for pk, visit_type, sort_date, authority_id in Visit.objects.filter(pk__in=visit_ids).values_list(
                "pk", "visit_type", "sort_date", "authority_id"
            )
        }
        self.sources = {
            pk: (title or filename, sha256)
            for pk, title, filename, sha256 in SourceDocument.objects.filter(
                pk__in={row[6] for row in batch}
            ).values_list("pk", "title", "filename", "sha256")
        }
        # The theme links of the batch's visits, the few visit ids rather than a thousand finding
        # ids (Django prepares each value of an IN list: that was a third of the export's time);
        # links of findings the filters left out are read and not used. Sorted here: an ORDER BY
        # on the theme's name turns SQLite's plan towards scanning every theme link.
        found: dict[int, list[int]] = {}
        for finding_id, theme_id in FindingTheme.objects.filter(finding__visit__in=visit_ids).values_list(
            "finding_id", "theme_id"
        ):
            found.setdefault(finding_id, []).append(theme_id)
        rank, slugs = self.theme_rank.__getitem__, self.theme_slugs
        self.themes = {pk: [slugs[theme] for theme in sorted(ids, key=rank)] for pk, ids in found.items()}


def finding_rows(findings: QuerySet[Finding], request) -> Iterator[tuple]:
    """Each finding as a tuple of CSV_COLUMNS' values (themes a list of slugs; date and area None
    where there is none), in the queryset's order, for the API and the exports. Read as plain values a thousand at a
    time: the rows in chunks, then for each thousand its visits, sources and themes (three
    queries); the authorities and themes once."""
    lookups = _Lookups()
    source_url = request.build_absolute_uri(reverse("source-original", args=[_PLACEHOLDER_ID]))
    prefix, suffix = source_url.split(str(_PLACEHOLDER_ID))
    rows = iter(findings.values_list(*_FINDING_VALUES).iterator(chunk_size=_BATCH))
    while batch := list(islice(rows, _BATCH)):
        lookups.read(batch)
        visits, sources, themes = lookups.visits, lookups.sources, lookups.themes
        for pk, visit_id, section, area, polarity, text, source_id in batch:
            slug, name, region, visit_type, date = visits[visit_id]
            title, sha256 = sources[source_id]
            yield (
                pk,
                slug,
                name,
                region,
                visit_id,
                visit_type,
                date,
                section,
                area or None,
                polarity,
                themes.get(pk, []),
                text,
                title,
                sha256,
                f"{prefix}{source_id}{suffix}",
            )


def finding_record(row: tuple) -> dict:
    """A finding row (finding_rows) as the JSON API and the JSON export give it."""
    return {field: row[index] for field, index in _RECORD_INDEXES}


CSV_COLUMNS = [
    "id",
    "authority",
    "authority_name",
    "region",
    "visit_id",
    "visit_type",
    "date",
    "section",
    "area",
    "polarity",
    "themes",
    "text",
    "source_title",
    "source_sha256",
    "source_url",
]


# The JSON record: the CSV's columns without the names it gives beside the slugs.
FINDING_RECORD_FIELDS = [
    column for column in CSV_COLUMNS if column not in ("authority_name", "region", "source_title")
]
_RECORD_INDEXES = [(field, CSV_COLUMNS.index(field)) for field in FINDING_RECORD_FIELDS]


# Spreadsheet programs run a cell that starts with one of these as a formula: it is quoted with '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell from outside as text, quoted where a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


_THEMES = CSV_COLUMNS.index("themes")
# The cells that can start like a formula: text from outside. The others are numbers, dates, the
# vocabulary's values, hex digests and the site's own addresses.
_FREE_TEXT = [
    CSV_COLUMNS.index(column)
    for column in ("authority", "authority_name", "region", "themes", "text", "source_title")
]


def finding_csv_row(row: tuple) -> list:
    """A finding row (finding_rows) as a row of CSV_COLUMNS for csv.writer (None an empty cell)."""
    cells = list(row)
    cells[_THEMES] = ";".join(row[_THEMES])
    for index in _FREE_TEXT:
        cells[index] = csv_safe(cells[index])
    return cells
