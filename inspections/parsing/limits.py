"""How much of a document the parser will read. Past a limit it stops and says which (ParseError),
so that a hostile file costs bounded time and memory whatever it holds. A long report has about
300,000 characters on 60 pages, a long news page a few thousand tags."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from .records import ParseError

MAX_TEXT_CHARS = 5_000_000
MAX_PDF_PAGES = 2_000
MAX_HTML_TAGS = 50_000  # bs4 holds about a kilobyte for each, and each search of the page visits every one
# What a PDF's compressed streams may inflate to, all together. PDFium holds an inflated stream
# whole, twice over (a 1 MB file inflating to 1 GB took 2.2 GB), and a page's text objects about
# 13 times the content stream that draws them. Ofsted's reports inflate to 2 MB at most.
MAX_INFLATED_BYTES = 32 * 1024 * 1024

_CHUNK = 1024 * 1024  # compressed bytes fed at a time
_PIECE = 64 * 1024  # inflated bytes taken at a time


def check_text_length(length: int, what: str) -> None:
    if length > MAX_TEXT_CHARS:
        raise ParseError(f"{what} has more than {MAX_TEXT_CHARS:,} characters of text: too long to read")


def check_pdf_inflation(data: bytes) -> None:
    """Inflate each zlib-compressed stream of a PDF a piece at a time, keeping nothing, and refuse
    the file once the total passes MAX_INFLATED_BYTES: before PDFium inflates any of it whole.

    Streams that are not zlib data (images in other codecs, encrypted files) are PDFium's to judge.
    """
    total = 0
    view = memoryview(data)
    for position in _stream_starts(data):
        inflater = zlib.decompressobj()
        pending = b""
        try:
            while True:
                if not pending:
                    pending = view[position : position + _CHUNK]
                    position += _CHUNK
                    if not pending:
                        break
                total += len(inflater.decompress(pending, _PIECE))
                if total > MAX_INFLATED_BYTES:
                    raise ParseError(_bomb("PDF"))
                if inflater.eof:
                    break
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue


def check_zip_inflation(data: bytes, what: str) -> None:
    """Inflate each member of a zip file (a workbook) a piece at a time, keeping nothing, and refuse
    the file once the total passes MAX_INFLATED_BYTES. A file that is no zip is its reader's to judge."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                with archive.open(member) as stream:
                    while piece := stream.read(_PIECE):
                        total += len(piece)
                        if total > MAX_INFLATED_BYTES:
                            raise ParseError(_bomb(what))
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError):
        return


def _bomb(what: str) -> str:
    return (
        f"{what} inflates to more than {MAX_INFLATED_BYTES // 1024**2:,} MB: refused as a decompression bomb"
    )


def _stream_starts(data: bytes) -> Iterator[int]:
    """Where the data of each "stream" keyword of a PDF begins (bytes.find: a regex is 10x slower)."""
    at = data.find(b"stream")
    while at != -1:
        end = at + len(b"stream")
        if data[at - 3 : at] != b"end":
            if data[end : end + 2] == b"\r\n":
                yield end + 2
            elif data[end : end + 1] in (b"\n", b"\r"):
                yield end + 1
        at = data.find(b"stream", end)
