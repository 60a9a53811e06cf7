"""Rows as the JSON API and the exports give them, with DESIGN.md's field names."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet
from django.urls import reverse

from authorities.models import Authority
from dashboard.grades import GRADE_COLUMN_KEYS
from inspections.models import Finding, FindingTheme, Judgement, Visit


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


# What a finding row reads, as (record key, values() path): plain values, no model instances.
_FINDING_VALUES = (
    ("id", "pk"),
    ("authority", "visit__authority__slug"),
    ("authority_name", "visit__authority__name"),
    ("region", "visit__authority__region"),
    ("visit_id", "visit_id"),
    ("visit_type", "visit__visit_type"),
    ("date", "visit__sort_date"),
    ("section", "section"),
    ("area", "area"),
    ("polarity", "polarity"),
    ("text", "text"),
    ("source_title", "source__title"),
    ("source_filename", "source__filename"),
    ("source_sha256", "source__sha256"),
    ("source_id", "source_id"),
)
_BATCH = 1000
_PLACEHOLDER_ID = 2_147_483_647


def _themes_by_finding(finding_ids: list[int]) -> dict[int, list[str]]:
    """{finding id: its theme slugs by theme name}. One query, sorted here: an ORDER BY on the
    theme's name turns SQLite's plan towards scanning every theme link."""
    found: dict[int, list[tuple[str, str]]] = {}
    for finding_id, name, slug in FindingTheme.objects.filter(finding_id__in=finding_ids).values_list(
        "finding_id", "theme__name", "theme__slug"
    ):
        found.setdefault(finding_id, []).append((name, slug))
    return {finding_id: [slug for _, slug in sorted(named)] for finding_id, named in found.items()}


def finding_rows(findings: QuerySet[Finding], request) -> Iterator[dict]:
    """Each finding as a dict of everything the API and the exports give (FINDING_RECORD_FIELDS
    and the CSV's names beside the slugs), in the queryset's order, read as plain values a
    thousand at a time: one query for the rows (in chunks) and one for the themes of each thousand."""
    keys = [key for key, _ in _FINDING_VALUES]
    source_url = request.build_absolute_uri(reverse("source-original", args=[_PLACEHOLDER_ID]))
    prefix, suffix = source_url.split(str(_PLACEHOLDER_ID))
    rows = iter(findings.values_list(*(path for _, path in _FINDING_VALUES)).iterator(chunk_size=_BATCH))
    while batch := list(islice(rows, _BATCH)):
        themes = _themes_by_finding([row[0] for row in batch])
        for values in batch:
            row = dict(zip(keys, values, strict=True))
            row["date"] = _iso(row["date"])
            row["area"] = row["area"] or None
            row["themes"] = themes.get(row["id"], [])
            row["source_url"] = f"{prefix}{row['source_id']}{suffix}"
            yield row


def finding_record(row: dict) -> dict:
    """A finding row (finding_rows) as the JSON API and the JSON export give it."""
    return {field: row[field] for field in FINDING_RECORD_FIELDS}


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


def csv_safe(value) -> str:
    """Spreadsheet programs run a cell that starts with = + - @ as a formula: quote it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def finding_csv_row(row: dict) -> list[str]:
    """A finding row (finding_rows) as a row of CSV_COLUMNS."""
    cells = {
        **row,
        "themes": ";".join(row["themes"]),
        "source_title": row["source_title"] or row["source_filename"],
    }
    return [csv_safe(cells[column]) for column in CSV_COLUMNS]
