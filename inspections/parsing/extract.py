"""Telling a document's format from its bytes, and getting its text out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .limits import check_text_length
from .records import ParseError


@dataclass
class Extracted:
    format: str  # pdf | html | text
    text: str
    pages: list[str] = field(default_factory=list)  # PDF only: one string per page
    title: str | None = None
    published: date | None = None
    canonical_url: str | None = None
    source: bytes | None = field(default=None, repr=False, compare=False)  # PDF only: its bytes

    @property
    def page_count(self) -> int | None:
        return len(self.pages) if self.pages else None

    def spaced_pages(self) -> list[str]:
        """The pages with a blank line between paragraphs where the layout shows them by the space
        between lines (a PDF's); the pages as they are otherwise."""
        if self.format != "pdf" or self.source is None:
            return self.pages
        from .pdf import pdf_pages

        return pdf_pages(self.source, spaced=True)


def sniff_format(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<head" in head:
        return "html"
    return "text"


def extract(data: bytes) -> Extracted:
    from .html import html_article
    from .pdf import pdf_pages
    from .text import decode_text

    if not data.strip():
        raise ParseError("file is empty")
    kind = sniff_format(data)
    if kind == "pdf":
        pages = pdf_pages(data)
        return Extracted(format="pdf", text="\n\n".join(pages), pages=pages, source=data)
    if kind == "html":
        article = html_article(data)
        check_text_length(len(article.text), "HTML page")
        return Extracted(
            format="html",
            text=article.text,
            title=article.title,
            published=article.published,
            canonical_url=article.canonical_url,
        )
    text = decode_text(data)
    check_text_length(len(text), "text file")
    return Extracted(format="text", text=text)
