"""The starting set of themes (DESIGN.md); seeded into the Theme table, which admins then edit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultTheme:
    slug: str
    name: str
    description: str
    patterns: tuple[str, ...]


DEFAULT_THEMES: list[DefaultTheme] = []
