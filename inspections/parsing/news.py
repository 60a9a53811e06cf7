"""Trade-press news summaries of Ofsted letters and reports."""

from __future__ import annotations

from .extract import Extracted
from .gazetteer import Gazetteer
from .records import ParsedDocument


def parse_news(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    raise NotImplementedError
