"""Uploads are written to disk no further than the largest document accepted."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class DocumentSizeUploadHandler(TemporaryFileUploadHandler):
    """An upload too large to hold in memory goes to a temporary file up to MAX_DOCUMENT_BYTES, and
    past that it is only counted: a huge upload fills neither memory nor disk, and the upload form
    refuses it by its size as counted (UploadedFile.size), before anything reads it."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) <= settings.MAX_DOCUMENT_BYTES:
            self.file.write(raw_data)
