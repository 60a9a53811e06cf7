"""Batches of files: parsing runs in child processes, each document under the time and memory
limits of the settings, while this one stores, in file order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from ..models import SourceDocument
from ..parsing import ParsedDocument, ParseError, parse_document
from ..parsing.limited import LimitedParsers, Limits
from .documents import (
    IngestContext,
    IngestOutcome,
    _apply_admin_values,
    _ingest_parsed,
    _unchanged,
    document_read,
    sha256_of,
)
from .paths import stored_name


def limited_parsers(processes: int, context: IngestContext) -> LimitedParsers:
    """Child processes that parse under the limits of the settings, with this batch's names and rules."""
    return LimitedParsers(
        processes,
        limits=Limits(seconds=settings.PARSE_TIME_LIMIT, memory_bytes=settings.PARSE_MEMORY_LIMIT),
        worker_args=(context.gazetteer.places, context.rules, settings.THEME_MODEL),
    )


@dataclass
class _Job:
    path: Path
    name: str = ""
    data: bytes = b""
    sha: str = ""
    existing: SourceDocument | None = None
    outcome: IngestOutcome | None = None  # decided without parsing
    parse: int | ParsedDocument | ParseError | None = None  # a ticket of the parsers, or done


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
    """Ingest files in order, one outcome each. With workers, parsing runs in that many child
    processes, each document under the limits of the settings, while this one stores; at most a few
    documents are held in memory at once. Without, it runs here, unlimited (tests, debugging).

    dry_run parses only: each outcome has `parsed` (or `error`) and nothing is written.
    """
    pool = limited_parsers(workers, context) if workers > 0 else None
    window: deque[_Job] = deque()
    try:
        for path in paths:
            window.append(_job_start(path, pool, context, kind, dry_run))
            while len(window) > 2 * max(workers, 1):
                yield _job_finish(window.popleft(), pool, context, published, source_url, dry_run)
        while window:
            yield _job_finish(window.popleft(), pool, context, published, source_url, dry_run)
    finally:
        if pool is not None:
            pool.close()


def _job_start(path: Path, pool, context, kind, dry_run) -> _Job:
    job = _Job(path, stored_name(path))
    try:
        job.data = document_read(path)
    except OSError as error:
        job.outcome = IngestOutcome(job.name, "", "failed", error=f"cannot read: {error.strerror}")
        return job
    except ParseError as error:
        job.outcome = IngestOutcome(job.name, "", "failed", error=str(error))
        return job
    job.sha = sha256_of(job.data)
    if not dry_run:
        job.existing, unchanged = _unchanged(job.sha)
        if unchanged:
            job.outcome = IngestOutcome(job.name, job.sha, "unchanged", document=job.existing)
            return job
    if pool is not None:
        job.parse = pool.submit(job.data, kind)
    else:
        try:
            job.parse = parse_document(
                job.data,
                gazetteer=context.gazetteer,
                theme_rules=context.rules,
                theme_model=context.model,
                kind=kind,
            )
        except ParseError as error:
            job.parse = error
    return job


def _job_finish(job: _Job, pool, context, published, source_url, dry_run) -> IngestOutcome:
    if job.outcome is not None:
        return job.outcome
    parsed = pool.result(job.parse) if isinstance(job.parse, int) else job.parse
    if isinstance(parsed, ParsedDocument):
        _apply_admin_values(parsed, published=published, source_url=source_url)
    if dry_run:
        if isinstance(parsed, ParseError):
            return IngestOutcome(job.name, job.sha, "failed", error=str(parsed))
        return IngestOutcome(job.name, job.sha, "new", parsed=parsed, warnings=parsed.warnings)
    job.existing, unchanged = _unchanged(job.sha)  # the same bytes may have come earlier in this batch
    if unchanged:
        return IngestOutcome(job.name, job.sha, "unchanged", document=job.existing)
    return _ingest_parsed(
        parsed, data=job.data, sha=job.sha, filename=job.name, existing=job.existing,
        context=context, uploaded_by=None, status=SourceDocument.Status.PUBLISHED, keep_failed=False,
    )  # fmt: skip
