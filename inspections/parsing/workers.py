"""Parsing in worker processes: each worker builds its gazetteer once, then parses many documents.

Kept apart from ingest so a worker imports the parser and nothing of Django.
"""

from __future__ import annotations

from . import parse_document
from .classify import ThemeRule
from .gazetteer import Gazetteer, Place
from .records import ParsedDocument, ParseError

_context: tuple[Gazetteer, list[ThemeRule]] | None = None


def start(places: list[Place], rules: list[ThemeRule]) -> None:
    global _context
    _context = (Gazetteer(places), rules)


def parse(data: bytes, kind: str | None) -> ParsedDocument | ParseError:
    """The parse, or the ParseError saying why there is none (returned, to cross the process boundary)."""
    gazetteer, rules = _context
    try:
        return parse_document(data, gazetteer=gazetteer, theme_rules=rules, kind=kind)
    except ParseError as error:
        return error
