"""A document's bytes -> its source document, visit, judgements and findings, in one transaction.

It all goes in, or none of it does. The same bytes twice change nothing. The visit it describes is
found or created by the merging service (visits.py), which every source shares.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction

from authorities.models import Authority
from authorities.reference import AUTHORITIES_CSV, PREDECESSORS_CSV, read_authorities, read_predecessors

from ..models import SourceDocument, Theme, Visit
from ..parsing import (
    PARSER_VERSION,
    Gazetteer,
    ParsedDocument,
    ParseError,
    Place,
    ThemeModel,
    ThemeModelError,
    ThemeRule,
    parse_document,
)
from ..parsing.default_themes import DEFAULT_THEMES
from ..parsing.extract import sniff_format
from ..parsing.limited import LimitedParsers
from ..recurring import recurring_weaknesses_refresh
from ..themes import theme_rules as current_theme_rules
from .accounts import SourceRanks, account_from_parsed
from .copies import stored_copy
from .findings import findings_store
from .held import account_hold
from .references import reference_store
from .titles import title_make
from .visits import account_store

logger = logging.getLogger(__name__)


def reference_gazetteer(
    path: Path = AUTHORITIES_CSV, predecessors_path: Path | None = PREDECESSORS_CSV
) -> Gazetteer:
    """Every authority's names from the shipped reference data, the predecessors' too (a 2016
    report on Cumbria is about Cumbria). Current authorities come first, so where normalised names
    coincide a current one is found."""
    rows = read_authorities(path)
    if predecessors_path is not None and predecessors_path.exists():
        rows += read_predecessors(predecessors_path)
    return Gazetteer([Place(r.name, r.ons_code, r.aliases) for r in rows])


class IngestError(Exception):
    """The document was read but cannot go into the database; the message says why."""


@dataclass
class IngestOutcome:
    filename: str
    sha256: str
    status: str  # new | unchanged | failed
    error: str | None = None
    document: SourceDocument | None = None
    visit: Visit | None = None
    parsed: ParsedDocument | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def copy_note(self) -> str:
        """For a document newly stored as a copy of another source of its visit, says so."""
        if self.status != "new" or self.document is None or self.document.copy_of is None:
            return ""
        return f"same text as {self.document.copy_of}: no new findings"


@dataclass
class IngestContext:
    """What every document of a batch needs, read from the database once."""

    gazetteer: Gazetteer
    rules: list[ThemeRule]
    authorities: dict[str, Authority]  # by ONS code
    themes: dict[str, Theme]  # by slug
    model: ThemeModel

    @property
    def parser_version(self) -> str:
        """What read a document: the parser's version and the theme model's, so `reparse --outdated`
        knows what to redo."""
        return f"{PARSER_VERSION}+{self.model.version}"

    @classmethod
    def load(cls) -> IngestContext:
        authorities = {a.ons_code: a for a in Authority.objects.prefetch_related("aliases")}
        if not authorities:
            raise IngestError("no authorities in the database: run `python manage.py load_authorities` first")
        places = [
            Place(a.name, a.ons_code, tuple(alias.name for alias in a.aliases.all()))
            for a in authorities.values()
        ]
        return cls(
            gazetteer=Gazetteer(places),
            rules=current_theme_rules(),
            authorities=authorities,
            themes={t.slug: t for t in Theme.objects.all()},
            model=theme_model_load(),
        )

    @classmethod
    def for_dry_run(cls) -> IngestContext:
        """Names from the database where it has them, else from the shipped reference data."""
        try:
            return cls.load()
        except (IngestError, DatabaseError):
            return cls(
                gazetteer=reference_gazetteer(),
                rules=current_or_default_rules(),
                authorities={},
                themes={},
                model=theme_model_load(),
            )


def theme_model_load() -> ThemeModel:
    """The model at THEME_MODEL, read once per process until the file changes."""
    path = Path(settings.THEME_MODEL)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    try:
        return _theme_model_read(path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)
    except ThemeModelError as error:
        raise IngestError(str(error)) from None


@lru_cache(maxsize=2)
def _theme_model_read(path: Path, mtime_ns: int, size: int) -> ThemeModel:
    return ThemeModel.load(path)


def current_or_default_rules() -> list[ThemeRule]:
    try:
        return current_theme_rules()
    except DatabaseError:
        return [ThemeRule(t.slug, t.patterns) for t in DEFAULT_THEMES]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_size(size: int) -> None:
    if size > settings.MAX_DOCUMENT_BYTES:
        raise ParseError(f"file is {size:,} bytes, over the limit of {settings.MAX_DOCUMENT_BYTES:,} bytes")


def document_read(path: Path) -> bytes:
    """A file's bytes. One over MAX_DOCUMENT_BYTES is refused (ParseError) before a byte is read,
    and reading stops past the limit should it grow meanwhile. Raises OSError."""
    with path.open("rb") as file:
        _check_size(os.fstat(file.fileno()).st_size)
        data = file.read(settings.MAX_DOCUMENT_BYTES + 1)
    if len(data) > settings.MAX_DOCUMENT_BYTES:
        raise ParseError(f"file is over the limit of {settings.MAX_DOCUMENT_BYTES:,} bytes")
    return data


def _apply_admin_values(parsed: ParsedDocument, *, published: date | None, source_url: str | None) -> None:
    """What an admin supplied fills what the document does not state; it never overrides it."""
    if published is not None:
        if parsed.published is None:
            parsed.published = published
        elif parsed.published != published:
            parsed.warnings.append(
                f"the document states it was published {parsed.published.isoformat()}; "
                f"--published {published.isoformat()} was not applied"
            )
    if source_url:
        parsed.source_url = source_url


def document_parse(
    *,
    data: bytes,
    context: IngestContext,
    kind: str | None = None,
    published: date | None = None,
    source_url: str | None = None,
    parsers: LimitedParsers | None = None,
) -> ParsedDocument:
    """Parse (in one of the limited child processes of `parsers`, if given, else here), then
    apply what an admin supplied. Raises ParseError."""
    _check_size(len(data))
    if parsers is not None:
        parsed = parsers.result(parsers.submit(data, kind))
        if isinstance(parsed, ParseError):
            raise parsed
    else:
        parsed = parse_document(
            data, gazetteer=context.gazetteer, theme_rules=context.rules, theme_model=context.model, kind=kind
        )
    _apply_admin_values(parsed, published=published, source_url=source_url)
    return parsed


def parsed_as_json(parsed: ParsedDocument, *, filename: str, sha256: str) -> dict:
    """The dry-run record of DESIGN.md: what a document says, nothing guessed."""

    def iso(day):
        return day.isoformat() if day else None

    def prior_date(prior):
        if prior.date is None:
            return None
        return {"year": prior.date.strftime("%Y"), "month": prior.date.strftime("%Y-%m")}.get(
            prior.date_precision, prior.date.isoformat()
        )

    return {
        "file": filename,
        "sha256": sha256,
        "doc_kind": parsed.doc_kind,
        "title": parsed.title,
        "authority": {"name": parsed.authority.name, "ons_code": parsed.authority.ons_code}
        if parsed.authority
        else None,
        "other_authorities": parsed.other_authorities,
        "visit_type": parsed.visit_type,
        "visit_start": iso(parsed.visit_start),
        "visit_end": iso(parsed.visit_end),
        "published": iso(parsed.published),
        "inspectors": [{"name": i.name, "role": i.role} for i in parsed.inspectors],
        "judgements": [{"area": j.area, "grade": j.grade} for j in parsed.judgements],
        "prior_judgements": [
            {"area": p.area, "grade": p.grade, "date": prior_date(p)} for p in parsed.prior_judgements
        ],
        "findings": [
            {"text": f.text, "section": f.section, "area": f.area, "polarity": f.polarity, "themes": f.themes}
            for f in parsed.findings
        ],
        "warnings": parsed.warnings,
    }


def _unchanged(sha: str) -> tuple[SourceDocument | None, bool]:
    """The stored document with these bytes, and whether storing them again would change nothing."""
    existing = SourceDocument.objects.filter(sha256=sha).only("pk", "status").first()
    return existing, existing is not None and existing.status != SourceDocument.Status.FAILED


def document_ingest(
    *,
    data: bytes,
    filename: str,
    context: IngestContext,
    kind: str | None = None,
    published: date | None = None,
    source_url: str | None = None,
    parsers: LimitedParsers | None = None,
    status: str = SourceDocument.Status.PUBLISHED,
) -> IngestOutcome:
    """Store one document (published, unless `status` says it awaits review) and everything read
    from it (parsed by `parsers` if given).

    The same bytes twice change nothing. A document that cannot be read writes nothing (an
    upload, whose original must be kept, goes through uploads.py instead).
    """
    sha = sha256_of(data)
    existing, unchanged = _unchanged(sha)
    if unchanged:
        return IngestOutcome(filename, sha, "unchanged", document=existing)
    try:
        parsed = document_parse(
            data=data, context=context, kind=kind, published=published, source_url=source_url, parsers=parsers
        )
    except ParseError as error:
        parsed = error
    return _ingest_parsed(
        parsed, data=data, sha=sha, filename=filename, existing=existing, context=context,
        uploaded_by=None, status=status, keep_failed=False,
    )  # fmt: skip


def _ingest_parsed(parsed, *, data, sha, filename, existing, context, uploaded_by, status, keep_failed):
    """Store a parse (or record its ParseError) in one transaction."""
    try:
        if isinstance(parsed, ParseError):
            raise parsed
        with transaction.atomic():
            document, visit = _store(
                parsed, data=data, sha=sha, filename=filename, context=context,
                uploaded_by=uploaded_by, status=status, existing=existing,
            )  # fmt: skip
            if status == SourceDocument.Status.PUBLISHED:
                recurring_weaknesses_refresh([visit.authority_id])
    except (ParseError, IngestError) as error:
        document = None
        if keep_failed:
            document = _store_failed(
                data=data, sha=sha, filename=filename, error=str(error),
                uploaded_by=uploaded_by, existing=existing,
            )  # fmt: skip
        return IngestOutcome(filename, sha, "failed", error=str(error), document=document)
    return IngestOutcome(
        filename, sha, "new", document=document, visit=visit, parsed=parsed, warnings=parsed.warnings
    )


def _store_failed(*, data, sha, filename, error, uploaded_by, existing) -> SourceDocument:
    if existing is not None:
        existing.status, existing.error = SourceDocument.Status.FAILED, error
        existing.save(update_fields=["status", "error"])
        return existing
    return SourceDocument.objects.create(
        sha256=sha,
        filename=filename,
        format=sniff_format(data),
        doc_kind=SourceDocument.Kind.REPORT,
        original=data,
        size=len(data),
        parser_version=PARSER_VERSION,
        status=SourceDocument.Status.FAILED,
        error=error,
        uploaded_by=uploaded_by,
    )


def _store(parsed: ParsedDocument, *, data, sha, filename, context, uploaded_by, status, existing=None):
    """Store the document, or fill in `existing` (one that failed or waited to be read, with
    nothing attached yet), keeping its id."""
    authority = context.authorities.get(parsed.authority.ons_code or "")
    if authority is None:
        raise IngestError(f"authority {parsed.authority.name!r} is not in the database")
    document = existing or SourceDocument()
    fields = dict(
        sha256=sha,
        filename=filename,
        format=parsed.format,
        doc_kind=parsed.doc_kind,
        title=(parsed.title or "")[:300],
        source_url=parsed.source_url or "",
        published=parsed.published,
        original=data,
        size=len(data),
        extracted_text=parsed.text,
        page_count=parsed.page_count,
        parser_version=context.parser_version,
        status=status,
        error="",
        warnings=parsed.warnings,
        uploaded_by=uploaded_by,
    )
    for name, value in fields.items():
        setattr(document, name, value)
    document.save()
    account = account_from_parsed(parsed, authority=authority, document=document)
    if status == SourceDocument.Status.REVIEW:
        visit = account_hold(account, parsed.prior_judgements)
    else:
        visit, _, _ = account_store(account, SourceRanks(document))
        for prior in parsed.prior_judgements:
            reference_store(authority, prior, document)
    title_make(document, visit)
    document.copy_of = stored_copy(visit, document)
    if document.copy_of is not None:
        document.save(update_fields=["copy_of"])
        logger.info("%s: same text as %s, no new findings", filename, document.copy_of)
    else:
        findings_store(visit, parsed.findings, document, context.themes)
        logger.info("%s: %s, %d findings", filename, visit, len(parsed.findings))
    return document, visit
