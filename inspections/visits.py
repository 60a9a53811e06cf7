"""Which stored visit a source's account describes. Shared by document ingest and the statistics import.

Two accounts describe the same visit when they name the same authority, the same start date and a
compatible visit type. Types are compatible when they belong to one family: a short and a standard
inspection are both "an inspection" (a report seldom says which, and Ofsted's statistics do), while
a focused visit, a monitoring visit and a joint targeted area inspection are each their own family.
"""

from __future__ import annotations

from datetime import date

from authorities.models import Authority

from .models import Visit
from .vocabulary import VisitType, compatible_types, visit_family

INSPECTION_FAMILY = visit_family(VisitType.SHORT_INSPECTION)

__all__ = ["INSPECTION_FAMILY", "compatible_types", "find_visit", "visit_family"]


def find_visit(*, authority: Authority, visit_type: str, start_date: date | None) -> Visit | None:
    """The stored visit to this authority starting that day, of a compatible type; None if there is none.

    A visit without a start date is never matched here: the caller decides what else identifies it.
    If (against the unique constraint's spirit) two compatible visits start the same day, the oldest wins.
    """
    if start_date is None:
        return None
    return (
        Visit.objects.filter(
            authority=authority, start_date=start_date, visit_type__in=compatible_types(visit_type)
        )
        .order_by("pk")
        .first()
    )
