"""PDF text extraction with pypdfium2: one string per page.

Only one text extraction per page and a linear clean-up of its text: this is the floor of
the ingest benchmark. Line breaks are normalised to "\\n"; PDFium's marker for a hyphen at a
line break (U+FFFE) becomes "-"; the private-use bullet glyphs of Symbol/Wingdings fonts become
"•" (or "-" for the Symbol dash), so that later stages see ordinary characters.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .limits import MAX_PDF_PAGES, check_pdf_inflation, check_text_length
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


_GAP = 1.25  # a space between two lines this much wider than the page's usual one ends a paragraph


def _with_gaps(textpage, text: str) -> str:
    """The page's text with a blank line between two lines set further apart than its lines mostly
    are: a PDF marks a paragraph by the space after it, which its text does not show."""
    if len(text) != textpage.count_chars():
        return text  # characters and text do not line up: leave it as it is
    lines = text.split("\r\n")
    bottoms: list[float | None] = []
    at = 0
    for line in lines:
        first = len(line) - len(line.lstrip())
        bottoms.append(textpage.get_charbox(at + first, loose=True)[1] if line.strip() else None)
        at += len(line) + 2
    placed = [bottom for bottom in bottoms if bottom is not None]
    steps = sorted(above - below for above, below in pairwise(placed) if above > below)
    if not steps:
        return text
    usual = steps[len(steps) // 2]
    out: list[str] = []
    previous = None
    for line, bottom in zip(lines, bottoms, strict=True):
        if bottom is not None and previous is not None and previous - bottom > _GAP * usual and out[-1]:
            out.append("")
        out.append(line)
        previous = bottom if bottom is not None else previous
    return "\r\n".join(out)


_TRAILER_END = re.compile(rb"startxref\s+\d+\s+%%EOF")


def _is_complete(data: bytes) -> bool:
    """Does the file end as a whole PDF does ("startxref <offset> %%EOF")?

    A download cut short does not, even when PDFium can rebuild enough of it to open.
    """
    tail = data[-4096:]
    position = tail.rfind(b"startxref")
    return position != -1 and _TRAILER_END.match(tail, position) is not None


def pdf_pages(data: bytes, *, spaced: bool = False) -> list[str]:
    """The text of each page of a PDF, in order. `spaced`: with a blank line where the page leaves
    a paragraph's gap between two lines (`_with_gaps`), at the cost of a look at each line's place.

    Raises ParseError for an encrypted, truncated or damaged PDF, and for one whose pages
    carry no text at all (a scan without a text layer).
    """
    if not data.lstrip()[:5] == b"%PDF-":
        raise ParseError("not a PDF file (no %PDF- header)")
    check_pdf_inflation(data)
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
        if len(document) > MAX_PDF_PAGES:
            raise ParseError(f"PDF has {len(document):,} pages, more than the {MAX_PDF_PAGES:,} read")
        pages: list[str] = []
        length = 0
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
                    if spaced:
                        text = _with_gaps(textpage, text)
                finally:
                    textpage.close()
            except pdfium.PdfiumError as error:
                raise ParseError(
                    f"PDF is damaged or truncated: the text of page {index + 1} cannot be read ({error})"
                ) from None
            finally:
                page.close()
            pages.append(clean_page_text(text))
            length += len(text)
            check_text_length(length, "PDF")
    finally:
        document.close()
    if not pages:
        raise ParseError("PDF has no pages")
    if not any(page.strip() for page in pages):
        raise ParseError("PDF has no text layer (scanned image?): no text could be extracted")
    return pages
