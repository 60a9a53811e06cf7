"""Ofsted's official statistics workbook -> visits and judgements. One transaction per workbook.

The workbook is one SourceDocument (its original bytes kept). Every inspection or visit it lists
becomes a Visit linked to that document through a VisitSource, whose ``row`` says where it stands
("ILACS_inspection_history, row 7; In-year_inspections, row 5") and whose ``stated`` keeps the
values the workbook gave. Rows of different sheets that describe one inspection (same authority,
same start date, compatible type: see visits.find_visit) become one visit; so do the workbook's
rows and a report already ingested about the same visit.

Idempotent: the same bytes twice change nothing. A different edition of the workbook is a second
SourceDocument linked to the same visits. Where sources disagree, the more authoritative one's
value is kept and a Disagreement records the other:

- a letter or report outranks the statistics, which outrank a news summary;
- of two editions of the statistics, the later (by its cover's publication date, then by the
  order they were imported) supersedes the earlier: its grades and dates update the visit, and a
  Disagreement keeps the earlier edition's value, so the change stays visible.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from authorities.models import Authority

from .models import Disagreement, Judgement, SourceDocument, Visit, VisitSource, VisitType
from .official_statistics import (
    READER_VERSION,
    SHEETS,
    OutcomeRow,
    OutcomesWorkbook,
    RowProblem,
    read_outcomes,
)
from .visits import INSPECTION_FAMILY, find_visit, visit_family

# How far a source is believed when sources disagree (higher wins).
SOURCE_RANK = {
    SourceDocument.Kind.LETTER: 3,
    SourceDocument.Kind.REPORT: 3,
    SourceDocument.Kind.STATISTICS: 2,
    SourceDocument.Kind.NEWS: 1,
}
ROW_FIELD_LENGTH = VisitSource._meta.get_field("row").max_length


class StatisticsImportError(Exception):
    """The workbook cannot be imported at all (no authorities loaded, ...)."""


@dataclass
class ImportResult:
    document: SourceDocument
    document_created: bool
    inspections: int = 0  # short and standard inspections in the workbook, imported
    other_visits: int = 0  # focused visits, monitoring visits, JTAIs
    created: int = 0  # visits new to the database
    updated: int = 0  # stored visits this workbook changed: a new source link, a value, a disagreement
    unchanged: int = 0  # stored visits it already described exactly so
    skipped: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Imported {self.inspections} inspections and {self.other_visits} visits: {self.created} new, "
            f"{self.updated} updated, {self.unchanged} unchanged, {len(self.skipped)} skipped"
        )


# --- Authorities --------------------------------------------------------------------------


def name_key(name: str) -> str:
    return " ".join(name.replace("&", " and ").replace(".", " ").split()).casefold()


class AuthorityIndex:
    """Every authority (current and abolished) by ONS code and by every name it goes by."""

    def __init__(self, authorities: Iterable[Authority]):
        self.by_code: dict[str, Authority] = {}
        self.by_name: dict[str, Authority] = {}
        for authority in authorities:
            self.by_code[authority.ons_code] = authority
            for name in (authority.name, *(a.name for a in authority.aliases.all())):
                self.by_name.setdefault(name_key(name), authority)

    @classmethod
    def load(cls) -> AuthorityIndex:
        index = cls(Authority.objects.prefetch_related("aliases"))
        if not index.by_code:
            raise StatisticsImportError(
                "no authorities in the database: run `python manage.py load_authorities` first"
            )
        return index

    def resolve(self, row: OutcomeRow) -> tuple[Authority | None, str]:
        """(authority, problem): the row's authority by its code and name, or why there is none."""
        by_code = self.by_code.get(row.ons_code) if row.ons_code else None
        by_name = self.by_name.get(name_key(row.authority_name)) if row.authority_name else None
        if by_code and by_name and by_code != by_name:
            return None, (
                f"area code {row.ons_code} is {by_code.name}, but the name says {row.authority_name!r}"
            )
        if by_code or by_name:
            return by_code or by_name, ""
        return None, f"unknown authority {row.authority_name!r} ({row.ons_code or 'no code'})"


# --- Rows -> visits -----------------------------------------------------------------------


@dataclass
class VisitAccount:
    """What one workbook says about one visit, from all the rows (of any sheet) describing it."""

    authority: Authority
    start_date: date
    rows: list[OutcomeRow]
    visit_type: str | None = None
    published: date | None = None
    focus: str = ""
    judgements: dict[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return visit_family(self.visit_type) if self.visit_type else INSPECTION_FAMILY

    @property
    def where(self) -> str:
        return "; ".join(row.where for row in self.rows)

    def row_field(self) -> str:
        """The rows for VisitSource.row, shortened to fit ("...row 5; row 9") where it must."""
        text = self.where
        if len(text) <= ROW_FIELD_LENGTH:
            return text
        short = "; ".join(f"{row.sheet.split('_')[0]} {row.row}" for row in self.rows)
        return short[:ROW_FIELD_LENGTH]

    def stated(self) -> dict:
        return {
            "visit_type": self.visit_type,
            "visit_start": self.start_date.isoformat(),
            "visit_end": None,
            "published": self.published.isoformat() if self.published else None,
            "judgements": dict(sorted(self.judgements.items())),
            "focus": self.focus or None,
            "authority": self.rows[0].authority_name,
            "ons_code": self.authority.ons_code,
            "rows": [row.stated() for row in self.rows],
        }


def accounts_from_rows(
    rows: Sequence[OutcomeRow], authorities: AuthorityIndex
) -> tuple[list[VisitAccount], list[RowProblem], list[str]]:
    """Group the rows by the visit they describe; (accounts, skipped rows, warnings).

    Within one workbook the inspection history comes first, then the in-year sheet, then the
    latest-judgements sheet: where its sheets disagree, the first one's value is used.
    """
    skipped: list[RowProblem] = []
    warnings: list[str] = []
    accounts: dict[tuple[int, str, date], VisitAccount] = {}
    order = {sheet: position for position, sheet in enumerate(SHEETS)}
    for row in sorted(rows, key=lambda r: (order.get(r.sheet, len(order)), r.row)):
        authority, problem = authorities.resolve(row)
        if authority is None:
            skipped.append(RowProblem(row.sheet, row.row, problem))
            continue
        family = visit_family(row.visit_type) if row.visit_type else INSPECTION_FAMILY
        key = (authority.pk, family, row.start_date)
        account = accounts.get(key)
        if account is None:
            account = accounts[key] = VisitAccount(authority=authority, start_date=row.start_date, rows=[])
        account.rows.append(row)
        for name, value in (
            ("visit_type", row.visit_type),
            ("published", row.published),
            ("focus", row.focus),
        ):
            if not value:
                continue
            current = getattr(account, name)
            if not current:
                setattr(account, name, value)
            elif current != value:
                warnings.append(
                    f"{row.where}: {name} {value} differs from {account.rows[0].where} ({current})"
                )
        for area, grade in row.judgements.items():
            current = account.judgements.setdefault(area, grade)
            if current != grade:
                warnings.append(
                    f"{row.where}: {area} {grade} differs from {account.rows[0].where} ({current})"
                )
    return list(accounts.values()), skipped, warnings


# --- Sources and precedence ---------------------------------------------------------------


class SourceRanks:
    """Which of two sources to believe; documents read once (without their bytes) per import."""

    def __init__(self, document: SourceDocument):
        self.document = document
        self._cache: dict[int, SourceDocument] = {document.pk: document}

    def get(self, pk: int | None) -> SourceDocument | None:
        if pk is None:
            return None
        if pk not in self._cache:
            self._cache[pk] = SourceDocument.objects.only("pk", "doc_kind", "published", "uploaded_at").get(
                pk=pk
            )
        return self._cache[pk]

    @staticmethod
    def key(document: SourceDocument) -> tuple:
        edition = document.published or (document.uploaded_at.date() if document.uploaded_at else date.min)
        return (SOURCE_RANK.get(document.doc_kind, 0), edition, document.pk)

    def outranks(self, other_pk: int | None) -> bool:
        """Does this import's document outrank the other source (None: no source at all)?"""
        other = self.get(other_pk)
        if other is None:
            return True
        mine, theirs = self.key(self.document), self.key(other)
        if mine[0] != theirs[0] or self.document.doc_kind == SourceDocument.Kind.STATISTICS:
            return mine > theirs
        return False  # two documents of the same kind: the first one's values stay

    def lead(self, document_pks: Iterable[int]) -> SourceDocument | None:
        """The most authoritative of these sources."""
        documents = [d for d in (self.get(pk) for pk in document_pks) if d is not None]
        return max(documents, key=self.key, default=None)


def _disagree(
    visit: Visit, field_name: str, kept: str, kept_source: SourceDocument | None, other: str, other_source
) -> bool:
    """Record a disagreement (or bring an existing record of it up to date); True if anything changed."""
    if other_source is None:
        return False
    record, created = Disagreement.objects.get_or_create(
        visit=visit,
        field=field_name,
        other_source=other_source,
        defaults={"kept_value": kept, "kept_source": kept_source, "other_value": other},
    )
    if created:
        return True
    if (record.kept_value, record.kept_source_id, record.other_value) == (
        kept,
        kept_source.pk if kept_source else None,
        other,
    ):
        return False
    record.kept_value, record.kept_source, record.other_value = kept, kept_source, other
    record.save(update_fields=["kept_value", "kept_source", "other_value"])
    return True


# --- Storing ------------------------------------------------------------------------------


def _document(*, workbook: OutcomesWorkbook, data: bytes, filename: str, source_url: str) -> tuple:
    digest = hashlib.sha256(data).hexdigest()
    document = SourceDocument.objects.defer("original").filter(sha256=digest).first()
    if document is not None:
        return document, False
    title = workbook.title or "Local authority inspection outcomes"
    document = SourceDocument.objects.create(
        sha256=digest,
        filename=Path(filename).name,
        format=SourceDocument.Format.ODS,
        doc_kind=SourceDocument.Kind.STATISTICS,
        title=f"Ofsted: {title}",
        source_url=source_url,
        published=workbook.published,
        original=data,
        size=len(data),
        parser_version=READER_VERSION,
        status=SourceDocument.Status.PUBLISHED,
    )
    return document, True


def _create_visit(account: VisitAccount, document: SourceDocument) -> Visit:
    visit = Visit.objects.create(
        authority=account.authority,
        visit_type=account.visit_type,
        visit_type_stated=True,
        start_date=account.start_date,
        published=account.published,
        focus=account.focus,
    )
    Judgement.objects.bulk_create(
        [
            Judgement(visit=visit, area=area, grade=grade, source=document)
            for area, grade in sorted(account.judgements.items())
        ]
    )
    VisitSource.objects.create(
        visit=visit, document=document, row=account.row_field(), stated=account.stated()
    )
    return visit


def _merge_visit(visit: Visit, account: VisitAccount, ranks: SourceRanks) -> bool:
    """Bring a stored visit in line with this workbook's account of it; True if anything changed."""
    document = ranks.document
    changed = False
    links = list(VisitSource.objects.filter(visit=visit).only("pk", "document_id", "row", "stated"))
    source_pks = [each.document_id for each in links]
    link = next((each for each in links if each.document_id == document.pk), None)
    row, stated = account.row_field(), account.stated()
    if link is None:
        VisitSource.objects.create(visit=visit, document=document, row=row, stated=stated)
        changed = True
    elif (link.row, link.stated) != (row, stated):
        link.row, link.stated = row, stated
        link.save(update_fields=["row", "stated"])
        changed = True

    lead = ranks.lead(pk for pk in source_pks if pk != document.pk)
    wins = ranks.outranks(lead.pk if lead else None)
    fields: set[str] = set()

    if account.visit_type and account.visit_type != visit.visit_type:
        clash = (
            Visit.objects.filter(
                authority=visit.authority_id, visit_type=account.visit_type, start_date=visit.start_date
            )
            .exclude(pk=visit.pk)
            .exists()
        )
        if not visit.visit_type_stated and not clash:
            visit.visit_type, visit.visit_type_stated = account.visit_type, True
            fields |= {"visit_type", "visit_type_stated"}
        elif wins and not clash:
            changed |= _disagree(visit, "visit_type", account.visit_type, document, visit.visit_type, lead)
            visit.visit_type = account.visit_type
            fields.add("visit_type")
        else:
            changed |= _disagree(visit, "visit_type", visit.visit_type, lead, account.visit_type, document)
    elif account.visit_type and not visit.visit_type_stated:
        visit.visit_type_stated = True
        fields.add("visit_type_stated")

    if account.published and account.published != visit.published:
        if visit.published is None:
            visit.published = account.published
            fields.add("published")
        elif wins:
            changed |= _disagree(
                visit, "published", account.published.isoformat(), document, visit.published.isoformat(), lead
            )
            visit.published = account.published
            fields.add("published")
        else:
            changed |= _disagree(
                visit, "published", visit.published.isoformat(), lead, account.published.isoformat(), document
            )

    # A report words a visit's focus its own way: only an earlier edition of these statistics is replaced.
    replaces_focus = not visit.focus or (
        wins and lead is not None and lead.doc_kind == SourceDocument.Kind.STATISTICS
    )
    if account.focus and account.focus != visit.focus and replaces_focus:
        if visit.focus:
            changed |= _disagree(visit, "focus", account.focus, document, visit.focus, lead)
        visit.focus = account.focus
        fields.add("focus")

    if fields:
        visit.save(update_fields=fields)
        changed = True

    existing = {j.area: j for j in visit.judgements.all()}
    for area, grade in sorted(account.judgements.items()):
        judgement = existing.get(area)
        if judgement is None:
            Judgement.objects.create(visit=visit, area=area, grade=grade, source=document)
            changed = True
        elif judgement.grade == grade:
            if judgement.is_reference:
                judgement.is_reference, judgement.source = False, document
                judgement.save(update_fields=["is_reference", "source"])
                changed = True
        elif judgement.is_reference or ranks.outranks(judgement.source_id):
            changed |= _disagree(
                visit, f"grade:{area}", grade, document, judgement.grade, ranks.get(judgement.source_id)
            )
            judgement.grade, judgement.source, judgement.is_reference = grade, document, False
            judgement.save(update_fields=["grade", "source", "is_reference"])
            changed = True
        else:
            changed |= _disagree(
                visit, f"grade:{area}", judgement.grade, ranks.get(judgement.source_id), grade, document
            )
    return changed


def save_outcomes(
    *, workbook: OutcomesWorkbook, data: bytes, filename: str, source_url: str = ""
) -> ImportResult:
    """Store a read workbook: its document, visits, judgements and sources, in one transaction.

    ``data`` are the workbook's bytes (kept as the document's original; their sha256 identifies the
    edition). Rows the reader could not read, and rows naming no known authority, are skipped and
    listed in the result; the rest go in.
    """
    with transaction.atomic():
        authorities = AuthorityIndex.load()
        document, created = _document(workbook=workbook, data=data, filename=filename, source_url=source_url)
        accounts, unknown, warnings = accounts_from_rows(workbook.rows, authorities)
        result = ImportResult(
            document=document,
            document_created=created,
            skipped=sorted([*workbook.problems, *unknown], key=lambda p: (SHEETS.index(p.sheet), p.row)),
            warnings=warnings,
        )
        ranks = SourceRanks(document)
        for account in accounts:
            type_for_matching = account.visit_type or VisitType.STANDARD_INSPECTION
            visit = find_visit(
                authority=account.authority, visit_type=type_for_matching, start_date=account.start_date
            )
            if visit is None and account.visit_type is None:
                for row in account.rows:
                    result.skipped.append(
                        RowProblem(
                            row.sheet,
                            row.row,
                            f"the inspection of {account.authority.name} on {account.start_date.isoformat()} "
                            "is in no other sheet and its type is not given",
                        )
                    )
                continue
            if visit is None:
                _create_visit(account, document)
                result.created += 1
            elif _merge_visit(visit, account, ranks):
                result.updated += 1
            else:
                result.unchanged += 1
            if account.family == INSPECTION_FAMILY:
                result.inspections += 1
            else:
                result.other_visits += 1
        notes = [str(p) for p in result.skipped] + result.warnings
        if document.warnings != notes:
            document.warnings = notes
            document.save(update_fields=["warnings"])
    return result


def import_outcomes(*, data: bytes, filename: str, source_url: str = "") -> ImportResult:
    """Read and store Ofsted's outcomes workbook. Raises WorkbookError, StatisticsImportError."""
    return save_outcomes(workbook=read_outcomes(data), data=data, filename=filename, source_url=source_url)
