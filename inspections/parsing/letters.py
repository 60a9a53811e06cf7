"""Ofsted focused-visit and monitoring-visit letters."""

from __future__ import annotations

from .extract import Extracted
from .gazetteer import Gazetteer
from .records import ParsedDocument


def is_letter(text: str) -> bool:
    raise NotImplementedError


def parse_letter(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    raise NotImplementedError
