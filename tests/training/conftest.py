import pytest

from inspections.parsing.classify import ThemeRule
from inspections.parsing.default_themes import DEFAULT_THEMES
from inspections.parsing.theme_model import ThemeModel
from inspections.training.dataset import examples_read


@pytest.fixture(scope="session")
def default_rules() -> list[ThemeRule]:
    return [ThemeRule(t.slug, t.patterns) for t in DEFAULT_THEMES]


@pytest.fixture(scope="session")
def examples():
    return examples_read()


@pytest.fixture(scope="session")
def model(theme_model) -> ThemeModel:
    """Learned from the whole labelled set with the default themes' rules, as `build_theme_model`
    learns it: the file the whole suite tags with (tests/conftest.py), built once."""
    return ThemeModel.load(theme_model)
