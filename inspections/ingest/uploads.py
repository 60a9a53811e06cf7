"""An upload: the original stored at once, read later by the background worker (`db_worker`).

The web request only stores the bytes, queued; the worker parses them in a child process under
the time and memory limits of the settings, then stores what was read on the same document, or
the reason it could not be read. The original is kept whatever happens.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django_tasks import ResultStatus, task
from django_tasks.backends.database.models import DBTaskResult

from ..models import SourceDocument
from ..parsing import ParseError
from ..parsing.extract import sniff_format
from .documents import (
    IngestContext,
    IngestError,
    _ingest_parsed,
    _store_failed,
    _unchanged,
    document_parse,
    sha256_of,
)
from .pipeline import limited_parsers

WAITING = (SourceDocument.Status.QUEUED, SourceDocument.Status.READING)


def upload_queue(
    *,
    data: bytes,
    filename: str,
    uploaded_by,
    kind: str | None = None,
    published: date | None = None,
    source_url: str | None = None,
) -> tuple[SourceDocument, bool]:
    """Keep the original, queued, and ask the worker to read it: (the document, whether queued).
    Bytes stored before are not queued again: that document is returned."""
    sha = sha256_of(data)
    existing, unchanged = _unchanged(sha)
    if unchanged:
        return existing, False
    document = existing or SourceDocument(
        sha256=sha, original=data, size=len(data), doc_kind=kind or SourceDocument.Kind.REPORT
    )
    document.filename, document.format = filename, sniff_format(data)
    document.status, document.error, document.uploaded_by = SourceDocument.Status.QUEUED, "", uploaded_by
    with transaction.atomic():
        document.save()
        upload_read.enqueue(
            document.pk,
            kind=kind,
            published=published.isoformat() if published else None,
            source_url=source_url,
        )  # sent when the document is committed
    return document, True


@task()
def upload_read(document_id: int, *, kind: str | None, published: str | None, source_url: str | None) -> str:
    """The worker's part: parse a queued upload in a limited child process and store what it says.
    Returns the document's status."""
    document = SourceDocument.objects.filter(pk=document_id, status__in=WAITING).first()
    if document is None:
        return "gone"  # deleted, or read already
    document.status = SourceDocument.Status.READING
    document.save(update_fields=["status"])
    data = bytes(document.original)
    try:
        context = IngestContext.load()
    except IngestError as error:
        _store_failed(
            data=data, sha=document.sha256, filename=document.filename, error=str(error),
            uploaded_by=document.uploaded_by, existing=document,
        )  # fmt: skip
        return document.status
    with limited_parsers(1, context) as parsers:
        try:
            parsed = document_parse(
                data=data, context=context, kind=kind, parsers=parsers, source_url=source_url,
                published=date.fromisoformat(published) if published else None,
            )  # fmt: skip
        except ParseError as error:
            parsed = error
    outcome = _ingest_parsed(
        parsed, data=data, sha=document.sha256, filename=document.filename, existing=document,
        context=context, uploaded_by=document.uploaded_by, status=SourceDocument.Status.REVIEW,
        keep_failed=True,
    )  # fmt: skip
    return outcome.document.status


def uploads_resume() -> list[SourceDocument]:
    """Uploads a stopped worker left "being read" (killed, or the machine went down), queued again
    with the options they were first sent with; their unfinished tasks are marked failed. Only
    for when no worker runs: `make run` and the worker's service call it before starting one."""
    stranded = list(SourceDocument.objects.filter(status=SourceDocument.Status.READING).order_by("pk"))
    for document in stranded:
        sent = (
            DBTaskResult.objects.filter(task_path=upload_read.module_path, args_kwargs__args__0=document.pk)
            .order_by("-enqueued_at")
            .first()
        )
        options = (
            sent.args_kwargs["kwargs"] if sent else {"kind": None, "published": None, "source_url": None}
        )
        with transaction.atomic():
            DBTaskResult.objects.filter(
                task_path=upload_read.module_path,
                args_kwargs__args__0=document.pk,
                status=ResultStatus.RUNNING,
            ).update(status=ResultStatus.FAILED)
            document.status = SourceDocument.Status.QUEUED
            document.save(update_fields=["status"])
            upload_read.enqueue(document.pk, **options)
    return stranded
