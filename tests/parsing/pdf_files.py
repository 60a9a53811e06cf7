"""PDF files made byte by byte in the tests (and the benchmark of hostile inputs): no pytest here."""

from __future__ import annotations

import io
import struct
import zlib


def build_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file from numbered object bodies (1 0 obj is the catalog), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


STREAM = b"BT /F1 12 Tf 20 100 Td (Hello world) Tj ET"
HELLO = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n%s\nendstream" % (len(STREAM), STREAM),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]


MB = 1024 * 1024


def flate_bomb(inflated_mb: int) -> bytes:
    """A one-page PDF, about 1 KB per MB that its content stream inflates to ("Hello world", then
    spaces). Made without compressing it all: after a sync flush, each further megabyte of spaces
    compresses to the same bytes."""
    spaces = b" " * MB
    compressor = zlib.compressobj(9)
    first = compressor.compress(STREAM + spaces) + compressor.flush(zlib.Z_SYNC_FLUSH)
    again = compressor.compress(spaces) + compressor.flush(zlib.Z_SYNC_FLUSH)
    end = compressor.flush()[:-4]  # the empty last block; its checksum is of what was compressed
    checksum = zlib.adler32(STREAM)
    for _ in range(inflated_mb):
        checksum = zlib.adler32(spaces, checksum)
    stream = first + again * (inflated_mb - 1) + end + struct.pack(">I", checksum)
    contents = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
    return build_pdf([*HELLO[:3], contents, HELLO[4]])
