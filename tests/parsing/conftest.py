import pytest

from inspections.ingest import reference_gazetteer
from inspections.parsing.classify import ThemeRule
from inspections.parsing.default_themes import DEFAULT_THEMES


@pytest.fixture(scope="session")
def gazetteer():
    return reference_gazetteer()


@pytest.fixture(scope="session")
def theme_rules():
    return [ThemeRule(theme.slug, theme.patterns) for theme in DEFAULT_THEMES]
