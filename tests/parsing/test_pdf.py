from pathlib import Path

import pypdfium2 as pdfium
import pytest

from inspections.parsing import limits
from inspections.parsing.extract import extract
from inspections.parsing.limits import MAX_INFLATED_BYTES, MAX_PDF_PAGES
from inspections.parsing.pdf import clean_page_text, pdf_pages
from inspections.parsing.records import ParseError
from tests.parsing.pdf_files import HELLO, MB, build_pdf, flate_bomb
from tests.paths import CORPUS
from tests.processes import parse_in_child


def corpus_pdf() -> bytes:
    """A real report from the corpus (the smallest PDF, to keep the test quick)."""
    files = [path for path in CORPUS.glob("*.pdf") if path.read_bytes()[:5] == b"%PDF-"]
    return min(files, key=lambda path: path.stat().st_size).read_bytes()


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


# --- hostile PDFs ------------------------------------------------------------------------------


def test_a_compressed_stream_reads_as_before():
    assert pdf_pages(flate_bomb(2)) == ["Hello world"]


def test_a_1_mb_pdf_inflating_to_1_gb_is_refused_in_bounded_time_and_memory():
    message, seconds, megabytes = parse_in_child(
        "from inspections.parsing.pdf import pdf_pages\n"
        "from tests.parsing.pdf_files import flate_bomb\n"
        "data = flate_bomb(1024)",
        "pdf_pages(data)",
    )
    assert (
        message == f"PDF inflates to more than {MAX_INFLATED_BYTES // MB} MB: refused as a decompression bomb"
    )
    assert seconds < 10 and megabytes < 100  # it was 2.2 GB


def test_a_pdf_of_more_pages_than_are_read_is_refused():
    pages = MAX_PDF_PAGES + 1
    kids = b" ".join(b"%d 0 R" % (number + 4) for number in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R >>"
    objects = [
        HELLO[0],
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        HELLO[3],
        *[page] * pages,
    ]
    with pytest.raises(ParseError, match=f"^PDF has {pages:,} pages, more than the {MAX_PDF_PAGES:,} read$"):
        pdf_pages(build_pdf(objects))


def test_a_pdf_with_more_text_than_is_read_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1_000)
    with pytest.raises(ParseError, match=r"^PDF has more than 1,000 characters of text: too long to read$"):
        pdf_pages(corpus_pdf())


def test_a_text_file_with_more_text_than_is_read_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1_000)
    with pytest.raises(ParseError, match=r"^text file has more than 1,000 characters of text"):
        extract(b"Children's services. " * 100)
