"""Checks on what admins type, with messages that say what is wrong and where."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError


def validate_theme_patterns(text: str) -> None:
    """Every line a regular expression the tagger can use; a line that is not is refused by name."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        pattern = line.strip()
        if not pattern:
            continue
        try:
            re.compile(f"(?:{pattern})", re.IGNORECASE)
        except re.error as error:
            problems.append(f"Line {number}, {pattern!r}, is not a valid pattern: {error}.")
    if problems:
        raise ValidationError(problems)
