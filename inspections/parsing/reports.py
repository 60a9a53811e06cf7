"""Ofsted inspection reports: ILACS (2018 on) and the single inspection framework (2013-2017)."""

from __future__ import annotations

from .extract import Extracted
from .gazetteer import Gazetteer
from .records import ParsedDocument


def is_report(text: str) -> bool:
    raise NotImplementedError


def parse_report(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    raise NotImplementedError
