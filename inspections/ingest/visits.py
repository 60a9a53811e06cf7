"""Visits from accounts: which stored visit an account describes, and merging it in.

The one merging service for every source. Two accounts describe the same visit when they name the
same authority, the same start date and a type of one family (see vocabulary.visit_family); an
account whose dates are not stated joins the visit whose findings its own repeat, or (for an
inspection) the one dated visit graded exactly as it says.

Where sources disagree, the value of the source believed most (accounts.SourceRanks) is kept and a
Disagreement records the other; a value no source gave is filled by the first that gives it; a
type the source states outranks a type implied by the dates.
"""

from __future__ import annotations

import logging
from datetime import date

from authorities.models import Authority

from ..models import Finding, Judgement, Visit, VisitSource
from ..vocabulary import INSPECTION_TYPES, VisitType, compatible_types, visit_family
from .accounts import SourceRanks, VisitAccount, account_visit_type
from .disagreements import disagreement_record
from .findings import repeated_share
from .references import references_absorb
from .titles import made_titles_refresh

logger = logging.getLogger(__name__)

# An undated account joins a visit when this share of its findings (or of the visit's) repeat.
MATCHING_SHARE = 0.5
# An undated account of an inspection is matched by its grades only when it states this many.
GRADES_TO_MATCH = 3


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


def visit_find(account: VisitAccount) -> Visit | None:
    """The visit another source already describes, if any."""
    visit = find_visit(
        authority=account.authority, visit_type=account_visit_type(account), start_date=account.start_date
    )
    if visit is not None:
        return visit
    candidates = Visit.objects.filter(authority=account.authority, reference_only=False)
    if account.visit_type is not None:
        family = visit_family(account.visit_type)
        candidates = [
            v for v in candidates if v.visit_type == VisitType.OTHER or visit_family(v.visit_type) == family
        ]
    candidates = [
        v
        for v in candidates
        if v.start_date is None or account.start_date is None or v.start_date == account.start_date
    ]
    if not candidates:
        return None
    return _visit_repeated(account, candidates) or _visit_graded_alike(account, candidates)


def _visit_graded_alike(account: VisitAccount, candidates: list[Visit]) -> Visit | None:
    """For an undated account of an inspection: the one dated visit graded exactly as it says.

    Only where the grades single one visit out: two inspections graded alike match neither.
    """
    stated = set(account.judgements.items())
    if account.start_date is not None or len(stated) < GRADES_TO_MATCH:
        return None
    alike = [
        v
        for v in candidates
        if v.start_date is not None and {(j.area, j.grade) for j in v.judgements.all()} == stated
    ]
    return alike[0] if len(alike) == 1 else None


def _visit_repeated(account: VisitAccount, candidates: list[Visit]) -> Visit | None:
    """The visit whose findings this account's findings repeat, or are repeated by."""
    if not account.findings:
        return None
    by_visit: dict[int, list[str]] = {visit.pk: [] for visit in candidates}
    for visit_id, text in Finding.objects.filter(visit__in=by_visit).values_list("visit_id", "text"):
        by_visit[visit_id].append(text)
    best, best_share = None, 0.0
    for visit in candidates:
        theirs = by_visit[visit.pk]
        # A summary repeats part of its letter: look both ways.
        share = max(repeated_share(account.findings, theirs), repeated_share(theirs, account.findings))
        if share > best_share:
            best, best_share = visit, share
    return best if best_share >= MATCHING_SHARE else None


def visit_create(account: VisitAccount, *, absorb_references: bool = True) -> Visit:
    """A visit no stored source describes yet, with this account's judgements and source link.
    An inspection takes over the reference-only visit that stood for it, unless told to wait."""
    visit = Visit.objects.create(
        authority=account.authority,
        visit_type=account_visit_type(account),
        visit_type_stated=account.visit_type_stated,
        start_date=account.start_date,
        end_date=account.end_date,
        published=account.published,
        sequence=account.sequence,
        focus=account.focus,
        summary=account.summary,
        inspectors=account.inspectors,
    )
    VisitSource.objects.create(visit=visit, document=account.document, row=account.row, stated=account.stated)
    Judgement.objects.bulk_create(
        [
            Judgement(visit=visit, area=area, grade=grade, source=account.document)
            for area, grade in sorted(account.judgements.items())
        ]
    )
    logger.info("new visit %s from %s", visit, account.document)
    if absorb_references and visit.visit_type in INSPECTION_TYPES:
        references_absorb(visit)
    return visit


class _Merge:
    """One account merged into one stored visit."""

    def __init__(self, visit: Visit, account: VisitAccount, ranks: SourceRanks):
        self.visit, self.account, self.ranks = visit, account, ranks
        self.document = account.document
        others = VisitSource.objects.filter(visit=visit).exclude(document=self.document)
        self.lead = ranks.lead(others.values_list("document_id", flat=True))
        self.wins = ranks.outranks(self.document, self.lead.pk if self.lead else None)
        self.fields: set[str] = set()
        self.changed = False

    def value(self, field_name: str, value, show=str) -> None:
        """Fill what the visit lacks; where it differs, the more believed source's value stays."""
        current = getattr(self.visit, field_name)
        if not value or value == current:
            return
        if not current:
            setattr(self.visit, field_name, value)
            self.fields.add(field_name)
        elif self.wins:
            self.changed |= disagreement_record(
                self.visit, field_name, kept=(show(value), self.document), other=(show(current), self.lead)
            )
            setattr(self.visit, field_name, value)
            self.fields.add(field_name)
        else:
            self.changed |= disagreement_record(
                self.visit, field_name, kept=(show(current), self.lead), other=(show(value), self.document)
            )

    def visit_type(self) -> None:
        account, visit = self.account, self.visit
        if not account.visit_type or not account.visit_type_stated:
            return  # a type only implied by the dates never overrides one
        if account.visit_type == visit.visit_type:
            if not visit.visit_type_stated:
                visit.visit_type_stated = True
                self.fields.add("visit_type_stated")
            return
        clash = (
            Visit.objects.filter(
                authority=visit.authority_id, visit_type=account.visit_type, start_date=visit.start_date
            )
            .exclude(pk=visit.pk)
            .exists()
        )
        if not clash and not visit.visit_type_stated:
            visit.visit_type, visit.visit_type_stated = account.visit_type, True
            self.fields |= {"visit_type", "visit_type_stated"}
        elif not clash and self.wins:
            self.value("visit_type", account.visit_type)
        else:
            self.changed |= disagreement_record(
                visit,
                "visit_type",
                kept=(visit.visit_type, self.lead),
                other=(account.visit_type, self.document),
            )

    def focus(self) -> None:
        """A report words a visit's focus its own way: only an earlier edition of the same source's is
        replaced."""
        if self.visit.focus and not (
            self.wins and self.lead and self.lead.doc_kind == self.document.doc_kind
        ):
            return
        self.value("focus", self.account.focus)

    def judgements(self) -> None:
        existing = {j.area: j for j in self.visit.judgements.all()}
        for area, grade in sorted(self.account.judgements.items()):
            judgement = existing.get(area)
            if judgement is None:
                Judgement.objects.create(visit=self.visit, area=area, grade=grade, source=self.document)
                self.changed = True
            elif judgement.grade == grade:
                if judgement.is_reference:
                    judgement.is_reference, judgement.source = False, self.document
                    judgement.save(update_fields=["is_reference", "source"])
                    self.changed = True
            elif judgement.is_reference or self.ranks.outranks(self.document, judgement.source_id):
                self.changed |= disagreement_record(
                    self.visit,
                    f"grade:{area}",
                    kept=(grade, self.document),
                    other=(judgement.grade, self.ranks.get(judgement.source_id)),
                )
                judgement.grade, judgement.source, judgement.is_reference = grade, self.document, False
                judgement.save(update_fields=["grade", "source", "is_reference"])
                self.changed = True
            else:
                self.changed |= disagreement_record(
                    self.visit,
                    f"grade:{area}",
                    kept=(judgement.grade, self.ranks.get(judgement.source_id)),
                    other=(grade, self.document),
                )

    def source_link(self) -> None:
        link = VisitSource.objects.filter(visit=self.visit, document=self.document).first()
        if link is None:
            VisitSource.objects.create(
                visit=self.visit, document=self.document, row=self.account.row, stated=self.account.stated
            )
            self.changed = True
        elif (link.row, link.stated) != (self.account.row, self.account.stated):
            link.row, link.stated = self.account.row, self.account.stated
            link.save(update_fields=["row", "stated"])
            self.changed = True


def visit_merge(visit: Visit, account: VisitAccount, ranks: SourceRanks) -> bool:
    """Bring a stored visit in line with another source's account of it; True if anything changed."""
    merge = _Merge(visit, account, ranks)
    merge.source_link()
    merge.visit_type()
    for field_name in ("start_date", "end_date"):
        merge.value(field_name, getattr(account, field_name), show=date.isoformat)
    if account.states_publication:
        merge.value("published", account.published, show=date.isoformat)
    elif not visit.published and account.published:
        visit.published = account.published
        merge.fields.add("published")
    merge.focus()
    for field_name in ("sequence", "summary", "inspectors"):
        if getattr(account, field_name) and not getattr(visit, field_name):
            setattr(visit, field_name, getattr(account, field_name))
            merge.fields.add(field_name)
    if merge.fields:
        visit.save(update_fields=merge.fields)
        merge.changed = True
    merge.judgements()
    if merge.changed:
        logger.info("%s: merged %s", visit, account.document)
    return merge.changed


def account_store(account: VisitAccount, ranks: SourceRanks) -> tuple[Visit, bool, bool]:
    """The visit this account describes, created or merged: (visit, created, changed)."""
    visit = visit_find(account)
    if visit is None:
        return visit_create(account), True, True
    changed = visit_merge(visit, account, ranks)
    if changed:
        made_titles_refresh(visit)
    return visit, False, changed
