"""Uploads a stopped worker left "being read" are queued again with what they were sent with."""

from datetime import date

import pytest
from django.core.management import call_command
from django_tasks import ResultStatus
from django_tasks.backends.database.models import DBTaskResult

from inspections.ingest.uploads import upload_queue
from inspections.models import SourceDocument
from tests.paths import CORPUS

pytestmark = pytest.mark.django_db(transaction=True)

A_REPORT = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"


def test_a_document_left_being_read_is_queued_again_with_its_options(capsys):
    document, _ = upload_queue(
        data=A_REPORT.read_bytes(), filename=A_REPORT.name, uploaded_by=None,
        kind="report", published=date(2025, 1, 29), source_url="https://example.org/r.pdf",
    )  # fmt: skip
    first = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=first.pk).update(status=ResultStatus.RUNNING)  # the worker died here
    SourceDocument.objects.filter(pk=document.pk).update(status=SourceDocument.Status.READING)

    call_command("resume_uploads")

    assert capsys.readouterr().out.splitlines() == [
        f"queued again: {A_REPORT.name} ({document.sha256[:12]})",
        "1 upload queued again",
    ]
    document.refresh_from_db()
    assert document.status == SourceDocument.Status.QUEUED
    assert DBTaskResult.objects.get(pk=first.pk).status == ResultStatus.FAILED
    again = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert again.status == ResultStatus.READY
    assert again.args_kwargs == first.args_kwargs


def test_documents_queued_or_read_are_left_alone(capsys):
    upload_queue(data=A_REPORT.read_bytes(), filename=A_REPORT.name, uploaded_by=None)
    call_command("resume_uploads")
    assert capsys.readouterr().out.strip() == "0 uploads queued again"
    assert DBTaskResult.objects.count() == 1
