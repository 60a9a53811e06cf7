"""Uploads read as the background worker reads them, without running the worker."""

from inspections.ingest.uploads import upload_read
from inspections.models import SourceDocument


def queued_uploads_read() -> None:
    """What `db_worker` would do with every upload waiting to be read: the task itself, here."""
    for pk in SourceDocument.objects.filter(status=SourceDocument.Status.QUEUED).values_list("pk", flat=True):
        upload_read.call(pk, kind=None, published=None, source_url=None)
