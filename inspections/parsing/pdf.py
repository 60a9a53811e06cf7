"""PDF text extraction with pypdfium2: one string per page.

Only one text extraction per page and a linear clean-up of its text: this is the floor of
the ingest benchmark. Line breaks are normalised to "\\n"; PDFium's marker for a hyphen at a
line break (U+FFFE) becomes "-"; the private-use bullet glyphs of Symbol/Wingdings fonts become
"•" (or "-" for the Symbol dash), so that later stages see ordinary characters.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .records import ParseError

# Private-use code points that Word's Symbol and Wingdings bullets extract as.
_GLYPHS = {
    0xF06E: "•",  # Wingdings black square
    0xF0A7: "•",  # Wingdings small square
    0xF0B7: "•",  # Symbol bullet
    0xF0D8: "•",  # Wingdings arrowhead
    0xF076: "•",  # Wingdings diamond
    0xF0FC: "•",  # Wingdings tick
    0xF02D: "-",  # Symbol hyphen/minus used as a sub-bullet
    0xFFFE: "-",  # PDFium: hyphen at the end of a line
    0x00AD: "-",  # soft hyphen
    0x202F: " ",  # narrow no-break space
    0x00A0: " ",
}

_LINE_BREAKS = re.compile(r"\r\n?")
# One scan in C for the few characters to replace; str.translate looks every character up.
_GLYPH_CHARACTERS = re.compile("[" + "".join(map(chr, _GLYPHS)) + "]")

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "PDF is encrypted",
    pdfium_c.FPDF_ERR_SECURITY: "PDF is encrypted (unsupported security handler)",
    pdfium_c.FPDF_ERR_FILE: "PDF is damaged or truncated: the file could not be read",
    pdfium_c.FPDF_ERR_FORMAT: "PDF is damaged or truncated: not a valid PDF structure",
}


def clean_page_text(text: str) -> str:
    """Normalise one page's extracted text (line breaks, hyphen markers, bullet glyphs)."""
    text = _LINE_BREAKS.sub("\n", text)
    return _GLYPH_CHARACTERS.sub(lambda match: _GLYPHS[ord(match.group())], text)


_TRAILER_END = re.compile(rb"startxref\s+\d+\s+%%EOF")


def _is_complete(data: bytes) -> bool:
    """Does the file end as a whole PDF does ("startxref <offset> %%EOF")?

    A download cut short does not, even when PDFium can rebuild enough of it to open.
    """
    tail = data[-4096:]
    position = tail.rfind(b"startxref")
    return position != -1 and _TRAILER_END.match(tail, position) is not None


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, in order.

    Raises ParseError for an encrypted, truncated or damaged PDF, and for one whose pages
    carry no text at all (a scan without a text layer).
    """
    if not data.lstrip()[:5] == b"%PDF-":
        raise ParseError("not a PDF file (no %PDF- header)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        reason = _LOAD_ERRORS.get(code)
        if reason is None:
            reason = f"PDF is damaged or truncated: {error}"
        raise ParseError(reason) from None
    try:
        if not _is_complete(data):
            raise ParseError("PDF is damaged or truncated: the end-of-file marker is missing")
        pages: list[str] = []
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as error:
                raise ParseError(
                    f"PDF is damaged or truncated: page {index + 1} cannot be read ({error})"
                ) from None
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            except pdfium.PdfiumError as error:
                raise ParseError(
                    f"PDF is damaged or truncated: the text of page {index + 1} cannot be read ({error})"
                ) from None
            finally:
                page.close()
            pages.append(clean_page_text(text))
    finally:
        document.close()
    if not pages:
        raise ParseError("PDF has no pages")
    if not any(page.strip() for page in pages):
        raise ParseError("PDF has no text layer (scanned image?): no text could be extracted")
    return pages
