"""Judgements a document only refers to ("judged inadequate ... in April 2017").

Each stands on the visit that made it: a stored inspection of that period, or else a
reference-only visit that the real inspection absorbs when a source about it arrives.
"""

from __future__ import annotations

import logging
from datetime import date

from authorities.models import Authority

from ..models import Judgement, SourceDocument, Visit, VisitSource
from ..parsing.records import PriorJudgement
from ..vocabulary import INSPECTION_TYPES, VisitType
from .disagreements import disagreement_record

logger = logging.getLogger(__name__)


def _same_period(day: date | None, approx: date | None, precision: str) -> bool:
    if day is None or approx is None:
        return False
    if precision == "year":
        return day.year == approx.year
    if precision == "month":
        return (day.year, day.month) == (approx.year, approx.month)
    return day == approx


def _referenced_visit(authority: Authority, prior: PriorJudgement) -> Visit | None:
    if prior.date is None:
        return None
    for visit in Visit.objects.filter(authority=authority).order_by("pk"):
        if visit.reference_only:
            if visit.approx_date == prior.date and visit.approx_date_precision == prior.date_precision:
                return visit
        elif visit.visit_type in INSPECTION_TYPES and any(
            _same_period(day, prior.date, prior.date_precision)
            for day in (visit.start_date, visit.end_date, visit.published)
        ):
            return visit
    return None


def reference_store(authority: Authority, prior: PriorJudgement, document: SourceDocument) -> None:
    """A judgement the document only refers to: on the visit that made it, known or not."""
    visit = _referenced_visit(authority, prior)
    if visit is None:
        visit = Visit.objects.create(
            authority=authority,
            visit_type=VisitType.OTHER,
            reference_only=True,
            approx_date=prior.date,
            approx_date_precision=prior.date_precision if prior.date else "",
        )
        logger.info("reference-only visit %s from %s", visit, document)
    VisitSource.objects.get_or_create(
        visit=visit, document=document, defaults={"stated": {"judgements": {prior.area: prior.grade}}}
    )
    current = visit.judgements.filter(area=prior.area).select_related("source").first()
    if current is None:
        Judgement.objects.create(
            visit=visit, area=prior.area, grade=prior.grade, source=document, is_reference=True
        )
    elif current.grade != prior.grade:
        disagreement_record(
            visit, f"grade:{prior.area}", kept=(current.grade, current.source), other=(prior.grade, document)
        )


def references_absorb(visit: Visit) -> None:
    """A newly known inspection takes over the reference-only visit that stood for it."""
    for placeholder in Visit.objects.filter(authority=visit.authority, reference_only=True):
        if not any(
            _same_period(day, placeholder.approx_date, placeholder.approx_date_precision)
            for day in (visit.start_date, visit.end_date, visit.published)
        ):
            continue
        for judgement in placeholder.judgements.all():
            if not visit.judgements.filter(area=judgement.area).exists():
                judgement.visit = visit
                judgement.save(update_fields=["visit"])
        for link in placeholder.visit_sources.all():
            VisitSource.objects.get_or_create(
                visit=visit, document=link.document, defaults={"stated": link.stated}
            )
        logger.info("%s absorbs the reference-only visit %s", visit, placeholder)
        placeholder.delete()
