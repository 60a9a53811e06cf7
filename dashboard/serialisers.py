"""Rows as the JSON API and the exports give them, with DESIGN.md's field names."""

from __future__ import annotations

from django.urls import reverse

from authorities.models import Authority
from dashboard.grades import GRADE_COLUMN_KEYS
from inspections.models import Finding, Judgement, Visit


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


def finding_record(finding: Finding, request) -> dict:
    """A finding (read for_display()) as the JSON API and the exports give it."""
    visit = finding.visit
    return {
        "id": finding.pk,
        "authority": visit.authority.slug,
        "visit_id": visit.pk,
        "visit_type": visit.visit_type,
        "date": _iso(visit.sort_date),
        "section": finding.section,
        "area": finding.area or None,
        "polarity": finding.polarity,
        "themes": [link.theme.slug for link in finding.finding_themes.all()],
        "text": finding.text,
        "source_sha256": finding.source.sha256,
        "source_url": request.build_absolute_uri(reverse("source-original", args=[finding.source_id])),
    }


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


def _csv_safe(value) -> str:
    """Spreadsheet programs run a cell that starts with = + - @ as a formula: quote it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def finding_csv_row(finding: Finding, request) -> list[str]:
    """A finding as a row of CSV_COLUMNS: the JSON record, with names beside the slugs."""
    record = finding_record(finding, request)
    record.update(
        authority_name=finding.visit.authority.name,
        region=finding.visit.authority.region,
        themes=";".join(record["themes"]),
        source_title=str(finding.source),
    )
    return [_csv_safe(record[column]) for column in CSV_COLUMNS]
