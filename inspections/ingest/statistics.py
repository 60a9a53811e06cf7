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
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from authorities.models import Authority

from ..models import SourceDocument, VisitSource
from ..parsing.gazetteer import normalise_name
from ..parsing.official_statistics import (
    READER_VERSION,
    SHEETS,
    OutcomeRow,
    OutcomesWorkbook,
    RowProblem,
    read_outcomes,
)
from ..vocabulary import DocumentKind, VisitType, visit_family
from .accounts import SourceRanks, VisitAccount
from .visits import account_store, find_visit

logger = logging.getLogger(__name__)

INSPECTION_FAMILY = visit_family(VisitType.STANDARD_INSPECTION)
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


class AuthorityIndex:
    """Every authority (current and abolished) by ONS code and by every name it goes by."""

    def __init__(self, authorities: Iterable[Authority]):
        self.by_code: dict[str, Authority] = {}
        self.by_name: dict[str, Authority] = {}
        for authority in authorities:
            self.by_code[authority.ons_code] = authority
            for name in (authority.name, *(a.name for a in authority.aliases.all())):
                self.by_name.setdefault(normalise_name(name), authority)

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
        by_name = self.by_name.get(normalise_name(row.authority_name)) if row.authority_name else None
        if by_code and by_name and by_code != by_name:
            return None, (
                f"area code {row.ons_code} is {by_code.name}, but the name says {row.authority_name!r}"
            )
        if by_code or by_name:
            return by_code or by_name, ""
        return None, f"unknown authority {row.authority_name!r} ({row.ons_code or 'no code'})"


# --- Rows -> visits -----------------------------------------------------------------------


@dataclass
class RowGroup:
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

    def account(self, document: SourceDocument) -> VisitAccount:
        return VisitAccount(
            authority=self.authority,
            document=document,
            # The latest-judgements sheet does not say the type: such rows join a stored inspection.
            visit_type=self.visit_type or VisitType.STANDARD_INSPECTION,
            visit_type_stated=self.visit_type is not None,
            start_date=self.start_date,
            published=self.published,
            focus=self.focus,
            judgements=dict(self.judgements),
            row=self.row_field(),
            stated=self.stated(),
        )


def accounts_from_rows(
    rows: Sequence[OutcomeRow], authorities: AuthorityIndex
) -> tuple[list[RowGroup], list[RowProblem], list[str]]:
    """Group the rows by the visit they describe; (accounts, skipped rows, warnings).

    Within one workbook the inspection history comes first, then the in-year sheet, then the
    latest-judgements sheet: where its sheets disagree, the first one's value is used.
    """
    skipped: list[RowProblem] = []
    warnings: list[str] = []
    accounts: dict[tuple[int, str, date], RowGroup] = {}
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
            account = accounts[key] = RowGroup(authority=authority, start_date=row.start_date, rows=[])
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
        doc_kind=DocumentKind.STATISTICS,
        title=f"Ofsted: {title}",
        source_url=source_url,
        published=workbook.published,
        original=data,
        size=len(data),
        parser_version=READER_VERSION,
        status=SourceDocument.Status.PUBLISHED,
    )
    return document, True


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
            if account.visit_type is None and not find_visit(
                authority=account.authority,
                visit_type=VisitType.STANDARD_INSPECTION,
                start_date=account.start_date,
            ):
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
            _, created, changed = account_store(account.account(document), ranks)
            if created:
                result.created += 1
            elif changed:
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
