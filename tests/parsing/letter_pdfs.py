"""Ofsted's letters laid out as Ofsted publishes them, as PDFs made in the test (fpdf2).

The words are the seed letter's (../shared/seeds/001_*.txt, a plain-text capture); the layout is
a letter's: the letterhead (Ofsted's address and contact lines) at the top right of the first
page, the date, the addressee's block, "Dear ...", the subject line in bold, paragraphs, bold
headings, bullet points with a hanging indent, the sign-off, and on every page what the variant
adds (a running header, a footer, page numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from inspections.parsing.layout import blocks
from inspections.parsing.text import is_heading

LETTERHEAD = [
    "Ofsted",
    "Piccadilly Gate",
    "Store Street",
    "Manchester",
    "M1 2WD",
    "",
    "T 0300 123 1231",
    "Textphone 0161 618 8524",
    "enquiries@ofsted.gov.uk",
    "www.gov.uk/ofsted",
]


@dataclass(frozen=True)
class Layout:
    """What each page carries besides the letter."""

    name: str
    header: str | None = None  # a running header on every page after the first
    footer: str | None = None  # a footer line on every page
    page_numbers: str | None = None  # "{n}", "Page {n} of {total}", ...: under the footer
    letterhead_every_page: bool = False
    font_size: float = 11
    margin: float = 20  # left and right, mm


LAYOUTS = [
    Layout("page numbers", page_numbers="{n}"),
    Layout(
        "footer and 'Page n of m'",
        footer="Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD",
        page_numbers="Page {n} of {total}",
    ),
    Layout(
        "subject line as running header",
        header="Focused visit to Westminster children's services",
        page_numbers="{n}",
    ),
    Layout("letterhead on every page", letterhead_every_page=True, page_numbers="{n}"),
    Layout("small type, wide margins", font_size=10, margin=30, page_numbers="Page {n}"),
    Layout("large type", font_size=12.5, margin=18, footer="www.gov.uk/ofsted", page_numbers="{n}/{total}"),
]


@dataclass
class _Letter:
    date: str
    addressee: list[str]
    dear: str
    subject: str
    body: list[tuple[str, str]]  # (kind, text): heading | para | bullet
    signature: list[str]


def as_visit(text: str, visit: str) -> str:
    """The seed letter (a focused visit) as a letter on another kind of visit: "monitoring" (the
    sixth of a series) or "joint targeted area inspection"."""
    if visit == "focused":
        return text
    if visit == "monitoring":
        text = text.replace("Focused visit to", "Monitoring visit to")
        return text.replace("findings of a focused visit", "findings of the sixth monitoring visit").replace(
            "this focused visit", "this monitoring visit"
        )
    if visit == "jtai":
        text = text.replace("Focused visit to", "Joint targeted area inspection of")
        return text.replace(
            "findings of a focused visit", "findings of a joint targeted area inspection"
        ).replace("this focused visit", "this inspection")
    raise ValueError(visit)


def read_seed_letter(text: str) -> _Letter:
    """The parts of the seed letter, its paragraphs whole (the capture broke some across pages)."""
    items = blocks(text)
    texts = [block.text for block in items]
    dear = next(i for i, t in enumerate(texts) if t.startswith("Dear "))
    closing = next(i for i, t in enumerate(texts) if t.startswith("Yours sincerely"))
    body = []
    for block in items[dear + 2 : closing]:
        kind = "bullet" if block.is_bullet else "heading" if is_heading(block.text) else "para"
        body.append((kind, block.text))
    name, role = texts[closing + 1].split(" Her Majesty", 1)
    addressee = (
        texts[dear - 1]
        .replace(" Bi-Borough", "\nBi-Borough")
        .replace(" Westminster City", "\nWestminster City")
    )
    addressee = addressee.replace(" 5, The Strand", "\n5, The Strand").replace(" London ", "\nLondon\n")
    return _Letter(
        date=texts[dear - 2],
        addressee=addressee.split("\n"),
        dear=texts[dear],
        subject=texts[dear + 1],
        body=body,
        signature=["Yours sincerely", "", "", name, "Her Majesty" + role],
    )


class _LetterPdf(FPDF):
    def __init__(self, layout: Layout) -> None:
        super().__init__(format="A4", unit="mm")
        self.layout = layout
        self.core_fonts_encoding = "windows-1252"  # curly quotes, dashes and bullets in the core fonts
        self.set_margins(layout.margin, 20, layout.margin)
        self.set_auto_page_break(True, margin=30)

    def letterhead(self) -> None:
        self.set_font("Helvetica", size=9)
        for line in LETTERHEAD:
            self.set_x(self.w - self.r_margin - 60)
            self.cell(60, 4.5, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(6)

    def header(self) -> None:
        if self.page_no() == 1 or self.layout.letterhead_every_page:
            self.letterhead()
        elif self.layout.header:
            self.set_font("Helvetica", size=9)
            self.cell(0, 5, self.layout.header, new_x="LMARGIN", new_y="NEXT")
            self.ln(5)

    def footer(self) -> None:
        self.set_y(-22)
        self.set_font("Helvetica", size=8)
        if self.layout.footer:
            self.cell(0, 4, self.layout.footer, align="C", new_x="LMARGIN", new_y="NEXT")
        if self.layout.page_numbers:
            number = self.layout.page_numbers.format(n=self.page_no(), total="{nb}")
            self.cell(0, 4, number, align="R", new_x="LMARGIN", new_y="NEXT")


def letter_pdf(seed_text: str, layout: Layout) -> bytes:
    letter = read_seed_letter(seed_text)
    pdf = _LetterPdf(layout)
    size = layout.font_size
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    line = size * 0.55  # mm
    pdf.cell(0, line, letter.date, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for text in letter.addressee:
        pdf.cell(0, line, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(0, line, letter.dear, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, text in [("heading", letter.subject), *letter.body]:
        pdf.set_font("Helvetica", style="B" if kind == "heading" else "", size=size)
        if kind == "bullet":
            pdf.cell(6, line, "•")
        pdf.multi_cell(0, line, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.set_font("Helvetica", size=size)
    for text in letter.signature:
        pdf.cell(0, line, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
