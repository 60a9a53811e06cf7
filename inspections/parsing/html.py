"""The article in an HTML page: its text, title, published date and canonical URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    published: date | None = None
    canonical_url: str | None = None


def html_article(data: bytes) -> HtmlArticle:
    raise NotImplementedError
