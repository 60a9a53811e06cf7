"""ParsedDocument -> rows. One transaction per document: it all goes in, or none of it does.

Matching: a document joins the visit that another source already describes (same authority,
compatible type, same start date; or, where dates are not stated, the visit whose findings its
own findings repeat). Where two sources disagree, the first value stays and a Disagreement
records the other. Primary sources (letters, reports) outrank news summaries: a summary's
findings that repeat a primary source's are not stored, whichever arrived first.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from authorities.models import Authority
from authorities.reference import reference_gazetteer

from .models import (
    Disagreement,
    Finding,
    FindingTheme,
    Judgement,
    SourceDocument,
    Theme,
    Visit,
    VisitSource,
    VisitType,
)
from .parsing import PARSER_VERSION, Gazetteer, ParsedDocument, ParseError, Place, ThemeRule, parse_document
from .parsing import workers as parse_workers
from .parsing.default_themes import DEFAULT_THEMES
from .parsing.extract import sniff_format
from .parsing.records import FindingRecord, PriorJudgement
from .themes import theme_rules as current_theme_rules
from .visits import find_visit, visit_family

PRIMARY_KINDS = {SourceDocument.Kind.LETTER, SourceDocument.Kind.REPORT}
INSPECTION_TYPES = {
    VisitType.STANDARD_INSPECTION,
    VisitType.SHORT_INSPECTION,
    VisitType.SIF_INSPECTION,
}
# A summary's finding repeats a primary one when this share of its word 4-grams stand there.
REPEAT_THRESHOLD = 0.6


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


@dataclass
class IngestContext:
    """What every document of a batch needs, read from the database once."""

    gazetteer: Gazetteer
    rules: list[ThemeRule]
    authorities: dict[str, Authority]  # by ONS code
    themes: dict[str, Theme]  # by slug

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
        )

    @classmethod
    def for_dry_run(cls) -> IngestContext:
        """Names from the database where it has them, else from the shipped reference data."""
        try:
            return cls.load()
        except (IngestError, DatabaseError):
            return cls(
                gazetteer=reference_gazetteer(), rules=current_or_default_rules(), authorities={}, themes={}
            )


def current_or_default_rules() -> list[ThemeRule]:
    try:
        return current_theme_rules()
    except DatabaseError:
        return [ThemeRule(t.slug, t.patterns) for t in DEFAULT_THEMES]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_size(data: bytes) -> None:
    if len(data) > settings.MAX_DOCUMENT_BYTES:
        raise ParseError(
            f"file is {len(data):,} bytes, over the limit of {settings.MAX_DOCUMENT_BYTES:,} bytes"
        )


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
) -> ParsedDocument:
    """Parse, then apply what an admin supplied. Raises ParseError."""
    _check_size(data)
    parsed = parse_document(data, gazetteer=context.gazetteer, theme_rules=context.rules, kind=kind)
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
    uploaded_by=None,
    status: str = SourceDocument.Status.PUBLISHED,
    keep_failed: bool = False,
) -> IngestOutcome:
    """Store one document and everything read from it.

    The same bytes twice change nothing. A document that cannot be read writes nothing, unless
    keep_failed (an upload: the original must not be lost), which stores the bytes as failed.
    """
    sha = sha256_of(data)
    existing, unchanged = _unchanged(sha)
    if unchanged:
        return IngestOutcome(filename, sha, "unchanged", document=existing)
    try:
        parsed = document_parse(
            data=data, context=context, kind=kind, published=published, source_url=source_url
        )
    except ParseError as error:
        parsed = error
    return _ingest_parsed(
        parsed, data=data, sha=sha, filename=filename, existing=existing, context=context,
        uploaded_by=uploaded_by, status=status, keep_failed=keep_failed,
    )  # fmt: skip


def _ingest_parsed(parsed, *, data, sha, filename, existing, context, uploaded_by, status, keep_failed):
    """Store a parse (or record its ParseError) in one transaction."""
    try:
        if isinstance(parsed, ParseError):
            raise parsed
        with transaction.atomic():
            if existing is not None:
                existing.delete()
            document, visit = _store(
                parsed, data=data, sha=sha, filename=filename, context=context,
                uploaded_by=uploaded_by, status=status,
            )  # fmt: skip
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


# --- Batches: parsing in worker processes while this one stores -----------------------------


def _parser_processes():
    """Workers forked from a server that has imported the parser once (not Django: the server
    starts clean, so no database connection or thread is inherited)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["inspections.parsing.workers"])
    return context


@dataclass
class _Job:
    path: Path
    data: bytes = b""
    sha: str = ""
    existing: SourceDocument | None = None
    outcome: IngestOutcome | None = None  # decided without parsing
    parse: Future | ParsedDocument | ParseError | None = None


def documents_ingest(
    paths: Iterable[Path],
    *,
    context: IngestContext,
    kind: str | None = None,
    published: date | None = None,
    source_url: str | None = None,
    dry_run: bool = False,
    workers: int = 0,
) -> Iterator[IngestOutcome]:
    """Ingest files in order, one outcome each. With workers, parsing runs in that many processes
    while this one stores; at most a few documents are held in memory at once.

    dry_run parses only: each outcome has `parsed` (or `error`) and nothing is written.
    """
    pool = None
    if workers > 0:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_parser_processes(),
            initializer=parse_workers.start,
            initargs=(context.gazetteer.places, context.rules),
        )
    window: deque[_Job] = deque()
    try:
        for path in paths:
            window.append(_job_start(path, pool, context, kind, dry_run))
            while len(window) > 2 * max(workers, 1):
                yield _job_finish(window.popleft(), context, published, source_url, dry_run)
        while window:
            yield _job_finish(window.popleft(), context, published, source_url, dry_run)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _job_start(path: Path, pool, context, kind, dry_run) -> _Job:
    job = _Job(path)
    try:
        job.data = path.read_bytes()
    except OSError as error:
        job.outcome = IngestOutcome(path.name, "", "failed", error=f"cannot read: {error.strerror}")
        return job
    job.sha = sha256_of(job.data)
    if not dry_run:
        job.existing, unchanged = _unchanged(job.sha)
        if unchanged:
            job.outcome = IngestOutcome(path.name, job.sha, "unchanged", document=job.existing)
            return job
    try:
        _check_size(job.data)
    except ParseError as error:
        job.outcome = IngestOutcome(path.name, job.sha, "failed", error=str(error))
        return job
    if pool is not None:
        job.parse = pool.submit(parse_workers.parse, job.data, kind)
    else:
        try:
            job.parse = parse_document(
                job.data, gazetteer=context.gazetteer, theme_rules=context.rules, kind=kind
            )
        except ParseError as error:
            job.parse = error
    return job


def _job_finish(job: _Job, context, published, source_url, dry_run) -> IngestOutcome:
    if job.outcome is not None:
        return job.outcome
    parsed = job.parse.result() if isinstance(job.parse, Future) else job.parse
    if isinstance(parsed, ParsedDocument):
        _apply_admin_values(parsed, published=published, source_url=source_url)
    if dry_run:
        if isinstance(parsed, ParseError):
            return IngestOutcome(job.path.name, job.sha, "failed", error=str(parsed))
        return IngestOutcome(job.path.name, job.sha, "new", parsed=parsed, warnings=parsed.warnings)
    job.existing, unchanged = _unchanged(job.sha)  # the same bytes may have come earlier in this batch
    if unchanged:
        return IngestOutcome(job.path.name, job.sha, "unchanged", document=job.existing)
    return _ingest_parsed(
        parsed, data=job.data, sha=job.sha, filename=job.path.name, existing=job.existing,
        context=context, uploaded_by=None, status=SourceDocument.Status.PUBLISHED, keep_failed=False,
    )  # fmt: skip


def _store_failed(*, data, sha, filename, error, uploaded_by, existing) -> SourceDocument:
    if existing is not None:
        existing.error = error
        existing.save(update_fields=["error"])
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


def _store(parsed: ParsedDocument, *, data, sha, filename, context, uploaded_by, status):
    authority = context.authorities.get(parsed.authority.ons_code or "")
    if authority is None:
        raise IngestError(f"authority {parsed.authority.name!r} is not in the database")
    document = SourceDocument.objects.create(
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
        parser_version=PARSER_VERSION,
        status=status,
        warnings=parsed.warnings,
        uploaded_by=uploaded_by,
    )
    visit = _visit_for(parsed, authority)
    if visit is None:
        visit = _visit_create(parsed, authority)
    else:
        _visit_merge(visit, parsed, document)
    VisitSource.objects.create(visit=visit, document=document, stated=_stated(parsed))
    _judgements_store(visit, parsed, document)
    for prior in parsed.prior_judgements:
        _prior_judgement_store(authority, prior, document)
    _findings_store(visit, parsed.findings, document, context.themes)
    return document, visit


def _stated(parsed: ParsedDocument) -> dict:
    return {
        "visit_type": parsed.visit_type,
        "visit_start": parsed.visit_start.isoformat() if parsed.visit_start else None,
        "visit_end": parsed.visit_end.isoformat() if parsed.visit_end else None,
        "published": parsed.published.isoformat() if parsed.published else None,
        "judgements": {j.area: j.grade for j in parsed.judgements},
    }


# --- Visits -------------------------------------------------------------------------------


def _visit_for(parsed: ParsedDocument, authority: Authority) -> Visit | None:
    """The visit another source already describes, if any."""
    visit_type = parsed.visit_type or VisitType.OTHER
    if parsed.visit_start is not None:
        visit = find_visit(authority=authority, visit_type=visit_type, start_date=parsed.visit_start)
        if visit is not None:
            return visit
    candidates = Visit.objects.filter(authority=authority, reference_only=False)
    if parsed.visit_type is not None:
        family = visit_family(parsed.visit_type)
        candidates = [
            v for v in candidates if v.visit_type == VisitType.OTHER or visit_family(v.visit_type) == family
        ]
    candidates = [
        v
        for v in candidates
        if v.start_date is None or parsed.visit_start is None or v.start_date == parsed.visit_start
    ]
    # Otherwise a visit whose dates do not contradict, found by what it says.
    if not candidates:
        return None
    return _visit_repeated(parsed, candidates) or _visit_graded_alike(parsed, candidates)


def _visit_graded_alike(parsed: ParsedDocument, candidates: list[Visit]) -> Visit | None:
    """For an undated account of an inspection: the one dated visit graded exactly as it says.

    Only where the grades single one visit out: two inspections graded alike match neither.
    """
    stated = {(j.area, j.grade) for j in parsed.judgements}
    if parsed.visit_start is not None or len(stated) < 3:
        return None
    alike = [
        v
        for v in candidates
        if v.start_date is not None and {(j.area, j.grade) for j in v.judgements.all()} == stated
    ]
    return alike[0] if len(alike) == 1 else None


def _visit_repeated(parsed: ParsedDocument, candidates: list[Visit]) -> Visit | None:
    """The visit whose findings this document's findings repeat, or are repeated by."""
    if not parsed.findings:
        return None
    texts = [f.text for f in parsed.findings]
    by_visit: dict[int, list[str]] = {visit.pk: [] for visit in candidates}
    for visit_id, text in Finding.objects.filter(visit__in=by_visit).values_list("visit_id", "text"):
        by_visit[visit_id].append(text)
    best, best_share = None, 0.0
    for visit in candidates:
        theirs = by_visit[visit.pk]
        # A summary repeats part of its letter: look both ways.
        share = max(_repeated_share(texts, theirs), _repeated_share(theirs, texts))
        if share > best_share:
            best, best_share = visit, share
    return best if best_share >= 0.5 else None


def _visit_create(parsed: ParsedDocument, authority: Authority) -> Visit:
    visit = Visit(
        authority=authority,
        visit_type=parsed.visit_type or VisitType.OTHER,
        visit_type_stated=parsed.visit_type_stated,
        start_date=parsed.visit_start,
        end_date=parsed.visit_end,
        published=parsed.published,
        sequence=(parsed.sequence or "")[:100],
        focus=parsed.focus or "",
        summary=parsed.summary or "",
        inspectors=[{"name": i.name, "role": i.role} for i in parsed.inspectors],
    )
    visit.save()
    if visit.visit_type in INSPECTION_TYPES:
        _absorb_references(visit)
    return visit


def _visit_merge(visit: Visit, parsed: ParsedDocument, document: SourceDocument) -> None:
    """Fill what the visit lacks; record where this source says otherwise."""
    changed = set()
    for field_name, value in (
        ("start_date", parsed.visit_start),
        ("end_date", parsed.visit_end),
        ("published", parsed.published),
    ):
        current = getattr(visit, field_name)
        if value is None:
            continue
        if current is None:
            setattr(visit, field_name, value)
            changed.add(field_name)
        elif current != value and not (field_name == "published" and document.doc_kind == "news"):
            _disagree(visit, field_name, current.isoformat(), value.isoformat(), document)
    if parsed.visit_type and parsed.visit_type != visit.visit_type:
        if parsed.visit_type_stated and not visit.visit_type_stated:
            visit.visit_type, visit.visit_type_stated = parsed.visit_type, True
            changed |= {"visit_type", "visit_type_stated"}
        elif parsed.visit_type_stated:
            _disagree(visit, "visit_type", visit.visit_type, parsed.visit_type, document)
    for field_name, value in (
        ("sequence", parsed.sequence),
        ("focus", parsed.focus),
        ("summary", parsed.summary),
    ):
        if value and not getattr(visit, field_name):
            setattr(visit, field_name, value[:100] if field_name == "sequence" else value)
            changed.add(field_name)
    if parsed.inspectors and not visit.inspectors:
        visit.inspectors = [{"name": i.name, "role": i.role} for i in parsed.inspectors]
        changed.add("inspectors")
    if changed:
        visit.save(update_fields=changed)


def _disagree(visit, field_name, kept, other, document, kept_source=None):
    if kept_source is None:
        first = visit.visit_sources.select_related("document").order_by("pk").first()
        kept_source = first.document if first else None
    Disagreement.objects.get_or_create(
        visit=visit,
        field=field_name,
        other_source=document,
        defaults={"kept_value": kept, "kept_source": kept_source, "other_value": other},
    )


# --- Judgements ---------------------------------------------------------------------------


def _judgements_store(visit: Visit, parsed: ParsedDocument, document: SourceDocument) -> None:
    existing = {j.area: j for j in visit.judgements.all()}
    for record in parsed.judgements:
        current = existing.get(record.area)
        if current is None:
            Judgement.objects.create(visit=visit, area=record.area, grade=record.grade, source=document)
        elif current.grade != record.grade:
            _disagree(visit, f"grade:{record.area}", current.grade, record.grade, document, current.source)
        elif current.is_reference:
            current.is_reference, current.source = False, document
            current.save(update_fields=["is_reference", "source"])


def _prior_judgement_store(authority: Authority, prior: PriorJudgement, document: SourceDocument) -> None:
    """A judgement the document only refers to: on the visit that made it, known or not."""
    visit = _referenced_visit(authority, prior)
    if visit is None:
        visit = Visit(
            authority=authority,
            visit_type=VisitType.OTHER,
            reference_only=True,
            approx_date=prior.date,
            approx_date_precision=prior.date_precision if prior.date else "",
        )
        visit.save()
    VisitSource.objects.get_or_create(
        visit=visit, document=document, defaults={"stated": {"judgements": {prior.area: prior.grade}}}
    )
    current = visit.judgements.filter(area=prior.area).first()
    if current is None:
        Judgement.objects.create(
            visit=visit, area=prior.area, grade=prior.grade, source=document, is_reference=True
        )
    elif current.grade != prior.grade:
        _disagree(visit, f"grade:{prior.area}", current.grade, prior.grade, document, current.source)


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


def _absorb_references(visit: Visit) -> None:
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
        placeholder.delete()


# --- Findings -----------------------------------------------------------------------------


def _shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _repeats(text: str, pool: set[tuple[str, ...]]) -> bool:
    own = _shingles(text)
    return bool(own) and len(own & pool) / len(own) >= REPEAT_THRESHOLD


def _repeated_share(texts, others) -> float:
    pool: set[tuple[str, ...]] = set()
    for other in others:
        pool |= _shingles(other)
    if not texts or not pool:
        return 0.0
    return sum(_repeats(t, pool) for t in texts) / len(texts)


def _findings_store(visit, records: list[FindingRecord], document, themes: dict[str, Theme]) -> None:
    others = list(
        Finding.objects.filter(visit=visit).select_related("source").only("pk", "text", "source__doc_kind")
    )
    summaries = [f for f in others if f.source.doc_kind not in PRIMARY_KINDS]
    if document.doc_kind in PRIMARY_KINDS and summaries:
        pool: set[tuple[str, ...]] = set()
        for record in records:
            pool |= _shingles(record.text)
        Finding.objects.filter(pk__in=[f.pk for f in summaries if _repeats(f.text, pool)]).delete()
    elif document.doc_kind not in PRIMARY_KINDS and len(summaries) < len(others):
        pool = set()
        for finding in others:
            if finding.source.doc_kind in PRIMARY_KINDS:
                pool |= _shingles(finding.text)
        records = [r for r in records if not _repeats(r.text, pool)]
    _findings_create(visit=visit, document=document, records=records, themes=themes)


def _findings_create(*, visit, document, records: list[FindingRecord], themes: dict[str, Theme]) -> None:
    _insert_rows(
        Finding,
        ["visit_id", "source_id", "position", "text", "section", "area", "polarity", "edited", "hidden"],
        [
            (visit.pk, document.pk, r.position, r.text, r.section, r.area or "", r.polarity, False, False)
            for r in records
        ],
    )
    ids = dict(Finding.objects.filter(source=document).values_list("position", "pk"))
    _insert_rows(
        FindingTheme,
        ["finding_id", "theme_id", "evidence"],
        [
            (ids[r.position], themes[slug].pk, ", ".join(dict.fromkeys(r.theme_evidence.get(slug, [])))[:300])
            for r in records
            for slug in r.themes
            if slug in themes
        ],
    )


def _insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """One executemany for many rows. A report brings about a hundred findings and four hundred
    theme links: this costs a fifth of what bulk_create's model instances do (BENCHMARKS.md)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    values = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({values})", rows)


# --- Re-parsing stored originals ----------------------------------------------------------


@dataclass
class ReparseOutcome:
    document: SourceDocument
    added: list[str] = field(default_factory=list)  # finding texts new or changed in this parse
    removed: list[str] = field(default_factory=list)  # finding texts no longer produced
    kept_edited: int = 0  # findings an admin corrected, left as they were
    judgements: list[str] = field(default_factory=list)  # "leadership: good -> outstanding"
    error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.judgements)


def _stored_signature(finding: Finding) -> tuple:
    themes = tuple(sorted(t.slug for t in finding.themes.all()))
    return (finding.text, finding.section, finding.area, finding.polarity, themes)


def _judgements_restate(visit, parsed: ParsedDocument, document, said: dict[str, str]) -> list[str]:
    """This source's judgements as the new parse reads them. A grade that differs from what the
    source said last time was corrected by an admin: it stays."""
    changes = []
    current = {j.area: j for j in visit.judgements.all()}
    for record in parsed.judgements:
        judgement = current.get(record.area)
        if judgement is None:
            Judgement.objects.create(visit=visit, area=record.area, grade=record.grade, source=document)
            changes.append(f"{record.area}: not graded -> {record.grade}")
        elif judgement.source_id != document.pk or judgement.is_reference:
            if judgement.grade != record.grade:
                _disagree(
                    visit, f"grade:{record.area}", judgement.grade, record.grade, document, judgement.source
                )
        elif judgement.grade != record.grade and judgement.grade == said.get(record.area):
            changes.append(f"{record.area}: {judgement.grade} -> {record.grade}")
            judgement.grade = record.grade
            judgement.save(update_fields=["grade"])
    return changes


def document_reparse(*, document: SourceDocument, context: IngestContext) -> ReparseOutcome:
    """Read a stored original again with today's parser and themes; say what changed.

    Findings an admin edited stay as they are; findings an admin hid stay hidden; a grade an
    admin corrected stays; what the visit lacked and the new parse states is filled in.
    """
    outcome = ReparseOutcome(document=document)
    data = bytes(document.original)
    kind = document.doc_kind if document.doc_kind in PRIMARY_KINDS | {SourceDocument.Kind.NEWS} else None
    try:
        parsed = document_parse(data=data, context=context, kind=kind)
    except ParseError as error:
        outcome.error = str(error)
        return outcome
    if document.status == SourceDocument.Status.FAILED:
        with transaction.atomic():
            filename, uploaded_by = document.filename, document.uploaded_by
            document.delete()
            outcome.document, _ = _store(
                parsed, data=data, sha=sha256_of(data), filename=filename, context=context,
                uploaded_by=uploaded_by, status=SourceDocument.Status.REVIEW,
            )  # fmt: skip
        outcome.added = [f.text for f in parsed.findings]
        return outcome

    with transaction.atomic():
        old = list(document.findings.prefetch_related("themes"))
        edited = {f.position for f in old if f.edited}
        hidden = {f.text for f in old if f.hidden and not f.edited}
        before = {_stored_signature(f) for f in old if not f.edited}
        document.findings.filter(edited=False).delete()
        records = [r for r in parsed.findings if r.position not in edited]
        visit = document.visits.filter(reference_only=False).first()
        if visit is not None:
            _findings_store(visit, records, document, context.themes)
            link = visit.visit_sources.get(document=document)
            outcome.judgements = _judgements_restate(
                visit, parsed, document, link.stated.get("judgements", {})
            )
            _visit_merge(visit, parsed, document)
            link.stated = _stated(parsed)
            link.save(update_fields=["stated"])
        document.findings.filter(edited=False, text__in=hidden).update(hidden=True)
        after = {
            _stored_signature(f) for f in document.findings.filter(edited=False).prefetch_related("themes")
        }
        outcome.added = sorted(s[0] for s in after - before)
        outcome.removed = sorted(s[0] for s in before - after)
        outcome.kept_edited = len(edited)
        document.extracted_text = parsed.text
        document.parser_version = PARSER_VERSION
        document.warnings = parsed.warnings
        document.save(update_fields=["extracted_text", "parser_version", "warnings"])
    return outcome
