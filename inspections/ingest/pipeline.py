"""Batches of files: parsing runs in worker processes while this one stores, in file order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from ..models import SourceDocument
from ..parsing import ParsedDocument, ParseError, parent_watch, parse_document
from ..parsing import workers as parse_workers
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


def _parser_processes():
    """Workers forked from a server that has imported the parser once (not Django: the server
    starts clean, so no database connection or thread is inherited)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["inspections.parsing.parent_watch"])
    return context


@dataclass
class _Job:
    path: Path
    name: str = ""
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
    pool, parent_alive = None, None
    if workers > 0:
        processes = _parser_processes()
        # Workers exit when this process does, however it ends: it holds the only write end.
        parent_alive = processes.Pipe(duplex=False)
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=processes,
            initializer=parent_watch.start,
            initargs=(parent_alive[0], context.gazetteer.places, context.rules, settings.THEME_MODEL),
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
            for end in parent_alive:
                end.close()


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
        job.parse = pool.submit(parse_workers.parse, job.data, kind)
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


def _job_finish(job: _Job, context, published, source_url, dry_run) -> IngestOutcome:
    if job.outcome is not None:
        return job.outcome
    parsed = job.parse.result() if isinstance(job.parse, Future) else job.parse
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
