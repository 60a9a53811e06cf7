"""What a document awaiting review brings, held aside until it is published.

A pending document is stored with its findings (public reads skip them: their source is not
published), but it writes nothing onto a visit another source already describes:
its account of that visit (dates, type, inspectors, grades) waits on its VisitSource link, as do
the earlier judgements it refers to and the news summary findings it would take the place of.
A visit only it describes is created at once with what identifies it (no public read shows a
visit without a published source). Publishing merges what was held, as a published document's
ingest would have.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from datetime import date

from ..models import SourceDocument, Visit, VisitSource
from ..parsing.records import PriorJudgement
from ..vocabulary import INSPECTION_TYPES
from .accounts import SourceRanks, VisitAccount
from .findings import summary_repeats_remove
from .references import reference_store, references_absorb
from .titles import made_titles_refresh
from .visits import visit_create, visit_find, visit_merge

_NOT_HELD = {"authority", "document", "findings"}
_DATES = ("start_date", "end_date", "published")


def account_as_json(account: VisitAccount) -> dict:
    values = {f.name: getattr(account, f.name) for f in fields(account) if f.name not in _NOT_HELD}
    for name in _DATES:
        values[name] = values[name].isoformat() if values[name] else None
    return values


def account_from_json(values: dict, *, visit: Visit, document: SourceDocument) -> VisitAccount:
    values = {
        name: date.fromisoformat(value) if name in _DATES and value else value
        for name, value in values.items()
    }
    return VisitAccount(authority=visit.authority, document=document, **values)


def prior_as_json(prior: PriorJudgement) -> dict:
    values = asdict(prior)
    values["date"] = prior.date.isoformat() if prior.date else None
    return values


def prior_from_json(values: dict) -> PriorJudgement:
    return PriorJudgement(
        **{**values, "date": date.fromisoformat(values["date"]) if values["date"] else None}
    )


def account_hold(account: VisitAccount, priors: list[PriorJudgement]) -> Visit:
    """The visit a pending account describes, its contribution held on the link. A visit no source
    describes yet is created with what identifies it (authority, type, start date) and the grades
    (public reads skip them: their source is not published); the rest waits like any other, so
    that a published source joining it before this one is published finds nothing of it."""
    visit = visit_find(account)
    created = visit is None
    if created:
        identity = replace(
            account, end_date=None, published=None, sequence="", focus="", summary="", inspectors=[]
        )
        visit = visit_create(identity, absorb_references=False)
    contribution_hold(visit, account, created=created, priors=priors)
    return visit


def contribution_hold(
    visit: Visit, account: VisitAccount, *, created: bool, priors: list[PriorJudgement]
) -> None:
    """Keep what this pending account brings to `visit` on its source link."""
    held = {"account": account_as_json(account), "priors": [prior_as_json(p) for p in priors]}
    if created:
        held["created"] = True
    VisitSource.objects.update_or_create(
        visit=visit,
        document=account.document,
        defaults={"row": account.row, "stated": account.stated, "held": held},
    )


def held_apply(document: SourceDocument) -> None:
    """Merge into each visit what this document held back while it waited for review."""
    links = VisitSource.objects.filter(document=document).select_related("visit__authority")
    for link in [link for link in links if link.held]:
        visit, held = link.visit, link.held
        account = account_from_json(held["account"], visit=visit, document=document)
        if visit_merge(visit, account, SourceRanks(document)):
            made_titles_refresh(visit)
        if held.get("created") and visit.visit_type in INSPECTION_TYPES:
            references_absorb(visit)
        for prior in held.get("priors", []):
            reference_store(visit.authority, prior_from_json(prior), document)
        summary_repeats_remove(visit, document)
        link.held = {}
        link.save(update_fields=["held"])
