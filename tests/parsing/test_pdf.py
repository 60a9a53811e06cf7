import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from inspections.parsing.extract import extract
from inspections.parsing.pdf import clean_page_text, pdf_pages
from inspections.parsing.records import ParseError
from tests.paths import CORPUS


def corpus_pdf() -> bytes:
    """A real report from the corpus (the smallest PDF, to keep the test quick)."""
    files = [path for path in CORPUS.glob("*.pdf") if path.read_bytes()[:5] == b"%PDF-"]
    return min(files, key=lambda path: path.stat().st_size).read_bytes()


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


def test_hand_made_pdf_reads():
    assert pdf_pages(build_pdf(HELLO)) == ["Hello world"]


def test_corpus_pdf_gives_one_string_per_page():
    data = corpus_pdf()
    pages = pdf_pages(data)
    with pdfium.PdfDocument(data) as document:
        assert len(pages) == len(document)
    assert all(isinstance(page, str) for page in pages)
    text = "\n".join(pages)
    assert "Inspection" in text
    assert "\r" not in text and "\ufffe" not in text


def test_extract_uses_pdf_pages():
    extracted = extract(corpus_pdf())
    assert extracted.format == "pdf"
    assert extracted.text == "\n\n".join(extracted.pages)


def test_clean_page_text():
    assert clean_page_text("multi\ufffeagency\r\n\uf06e point\r\n") == "multi-agency\n• point\n"


@pytest.mark.parametrize("fraction", [0.5, 0.9])
def test_truncated_pdf(fraction):
    data = corpus_pdf()
    with pytest.raises(ParseError, match=r"^PDF is damaged or truncated: "):
        pdf_pages(data[: int(len(data) * fraction)])


def test_truncated_just_before_the_end():
    data = corpus_pdf().rstrip()
    assert data.endswith(b"%%EOF")
    with pytest.raises(ParseError, match=r"^PDF is damaged or truncated"):
        pdf_pages(data[:-10])


def test_garbage_after_the_header():
    with pytest.raises(ParseError, match=r"^PDF is damaged or truncated"):
        pdf_pages(b"%PDF-1.7\n" + bytes(range(256)) * 40)


def test_not_a_pdf_at_all():
    with pytest.raises(ParseError, match="not a PDF"):
        pdf_pages(b"<!DOCTYPE html><html><body>Report not found</body></html>")


def test_encrypted_pdf():
    # Standard security handler with made-up /O and /U: the empty user password does not open it.
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    file_id = b"<" + b"ab" * 16 + b">"
    data = build_pdf([*HELLO, encrypt], trailer=b"/Encrypt 6 0 R /ID [%s %s] " % (file_id, file_id))
    with pytest.raises(ParseError, match=r"^PDF is encrypted"):
        pdf_pages(data)


def test_pdf_without_a_text_layer(tmp_path: Path):
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    document.save(path)
    document.close()
    with pytest.raises(ParseError, match=r"no text layer \(scanned image\?\)"):
        pdf_pages(path.read_bytes())
