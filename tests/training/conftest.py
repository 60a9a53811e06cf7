import pytest

from inspections.parsing.classify import ThemeRule
from inspections.parsing.default_themes import DEFAULT_THEMES
from inspections.parsing.theme_model import ThemeModel
from inspections.training.build import model_build
from inspections.training.dataset import examples_read


@pytest.fixture(scope="session")
def default_rules() -> list[ThemeRule]:
    return [ThemeRule(t.slug, t.patterns) for t in DEFAULT_THEMES]


@pytest.fixture(scope="session")
def examples():
    return examples_read()


@pytest.fixture(scope="session")
def model(examples, default_rules) -> ThemeModel:
    """Learned from the whole labelled set, as `build_theme_model` learns it."""
    return ThemeModel(model_build(examples, default_rules))
