"""Themes and polarity of findings. Rules come from the caller (the Theme table)."""

from __future__ import annotations

from dataclasses import dataclass

from .records import FindingRecord


@dataclass(frozen=True)
class ThemeRule:
    slug: str
    patterns: tuple[str, ...]  # regular expressions, matched case-insensitively


def classify_findings(findings: list[FindingRecord], rules: list[ThemeRule]) -> None:
    """Set themes, theme_evidence and polarity on each finding, in place."""
    raise NotImplementedError
