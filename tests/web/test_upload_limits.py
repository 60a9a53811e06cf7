"""An upload over the size limit is refused by its size, and is never held whole, on disk or in memory."""

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from dashboard.uploads import DocumentSizeUploadHandler
from inspections.models import SourceDocument
from tests.web.html import text_of

CHUNK = b"%PDF-" + b"x" * 995


def test_an_upload_past_the_limit_is_counted_not_written(settings):
    settings.MAX_DOCUMENT_BYTES = 2_500
    handler = DocumentSizeUploadHandler()
    handler.new_file("document", "huge.pdf", "application/pdf", None)
    for number in range(10):
        handler.receive_data_chunk(CHUNK, number * len(CHUNK))
    upload = handler.file_complete(10 * len(CHUNK))
    try:
        assert upload.size == 10_000
        assert len(upload.read()) <= 2_500
    finally:
        upload.close()


def test_a_large_upload_over_the_limit_is_refused_by_name_and_size(admin_client, settings):
    settings.MAX_DOCUMENT_BYTES = 2_500
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000  # to a temporary file, as a large upload goes
    response = admin_client.post("/upload/", {"document": SimpleUploadedFile("huge.pdf", CHUNK * 10)})
    assert response.status_code == 400
    assert "huge.pdf is 10,000 bytes, over the limit of 2,500 bytes." in text_of(
        BeautifulSoup(response.content, "html.parser")
    )
    assert not SourceDocument.objects.exists()
