"""Parsing in worker processes: each worker builds its gazetteer once, then parses many documents.

Kept apart from ingest so a worker imports the parser and nothing of Django.
"""

from __future__ import annotations

from pathlib import Path

from . import parse_document
from .classify import ThemeRule
from .gazetteer import Gazetteer, Place
from .records import ParsedDocument, ParseError
from .theme_model import ThemeModel

_context: tuple[Gazetteer, list[ThemeRule], ThemeModel | None] | None = None


def start(places: list[Place], rules: list[ThemeRule], model_path: Path | None) -> None:
    """Each worker reads the gazetteer and the theme model once."""
    global _context
    _context = (Gazetteer(places), rules, ThemeModel.load(model_path) if model_path else None)


def parse(data: bytes, kind: str | None) -> ParsedDocument | ParseError:
    """The parse, or the ParseError saying why there is none (returned, to cross the process boundary)."""
    gazetteer, rules, model = _context
    try:
        return parse_document(data, gazetteer=gazetteer, theme_rules=rules, theme_model=model, kind=kind)
    except ParseError as error:
        return error
