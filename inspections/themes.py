"""The Theme table: seeding the starting set, and reading it as rules for the parser."""

from __future__ import annotations

from .models import Theme
from .parsing.classify import ThemeRule
from .parsing.default_themes import DEFAULT_THEMES


def themes_load_defaults() -> int:
    """Create the starting themes that are missing; never overwrite an admin's edits.

    Returns how many were created.
    """
    existing = set(Theme.objects.values_list("slug", flat=True))
    missing = [
        Theme(slug=t.slug, name=t.name, description=t.description, patterns="\n".join(t.patterns))
        for t in DEFAULT_THEMES
        if t.slug not in existing
    ]
    Theme.objects.bulk_create(missing)
    return len(missing)


def theme_rules() -> list[ThemeRule]:
    """The rules as the Theme table holds them now, or the defaults on an empty table."""
    rules = [ThemeRule(theme.slug, theme.pattern_list()) for theme in Theme.objects.order_by("slug")]
    if rules:
        return rules
    return [ThemeRule(t.slug, t.patterns) for t in DEFAULT_THEMES]
