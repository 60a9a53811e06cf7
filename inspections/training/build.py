"""Labelled examples -> the theme and polarity model that parsing/theme_model.py applies.

One logistic regression per theme over the text's words and phrases, its section and area, and
which themes' keyword rules matched, each feature scaled for that theme by how much more often it
occurs in the theme's findings than in the others, or the reverse (the log-count ratio of NB-SVM);
one over words, phrases and the rules' polarity reading for polarity. Deterministic: the same
examples, rules and settings give the same file, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import scipy.sparse as sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from ..parsing.classify import ThemeRule, classify_findings
from ..parsing.records import FindingRecord
from ..parsing.theme_model import (
    CONTEXT_WEIGHT,
    MODEL_FORMAT,
    context_terms,
    finding_terms,
    sentence_features,
)
from ..vocabulary import Polarity, Section
from .dataset import Example

THEME_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)
POLARITY_STOP_WORDS: frozenset[str] = frozenset()
DIGITS = 5


@dataclass(frozen=True)
class BuildSettings:
    themes_c: float = 20.0  # inverse regularisation, chosen by evaluate_themes
    polarity_c: float = 10.0
    min_documents: int = 2  # a word or phrase counts once at least this many findings use it
    threshold: float = 0.0  # decision score a theme must reach (0 is 50% likely, classes balanced)


@dataclass
class RuleReading:
    """What the keyword rules make of one finding: the themes they match (with their words) and
    the polarity the wording lexicon gives."""

    matched: dict[str, list[str]]
    polarity: str


def rules_read(examples: Sequence[Example], rules: list[ThemeRule]) -> list[RuleReading]:
    records = [FindingRecord(text=e.text, section=e.section, area=e.area) for e in examples]
    classify_findings(records, rules)
    return [
        RuleReading({slug: r.theme_evidence.get(slug, []) for slug in r.themes}, r.polarity) for r in records
    ]


def _vectoriser(stop_words: frozenset[str], settings: BuildSettings) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer=lambda text: finding_terms(text, stop_words),
        sublinear_tf=True,
        min_df=settings.min_documents,
        dtype=np.float64,
    )


def _rounded(matrix) -> list:
    return np.round(np.asarray(matrix, dtype=np.float64), DIGITS).tolist()


def _linear(vectoriser, stop_words, classes, weights, intercepts) -> dict:
    """One weight row per class, over the vectoriser's terms and then the extra features."""
    return {
        "stop_words": sorted(stop_words),
        "terms": vectoriser.get_feature_names_out().tolist(),
        "idf": _rounded(vectoriser.idf_),
        "classes": list(classes),
        "weights": _rounded(weights),
        "intercepts": _rounded(intercepts),
    }


def log_count_ratios(present, target: np.ndarray) -> np.ndarray:
    """How strongly each feature tells the theme's findings from the rest, either way: |log of the
    ratio of its smoothed share among the theme's findings to its share among the others|. A
    feature that occurs alike in both weighs next to nothing, so a word used in passing everywhere
    carries little."""
    inside = 1.0 + np.asarray(present[target == 1].sum(axis=0)).ravel()
    outside = 1.0 + np.asarray(present[target == 0].sum(axis=0)).ravel()
    return np.abs(np.log((inside / inside.sum()) / (outside / outside.sum())))


def _themes_fit(examples, readings, rules, contexts, settings) -> dict:
    vectoriser = _vectoriser(THEME_STOP_WORDS, settings)
    text = vectoriser.fit_transform([e.text for e in examples])
    context = np.array(
        [
            [CONTEXT_WEIGHT if c in context_terms(e.section, e.area) else 0.0 for c in contexts]
            for e in examples
        ]
    )
    matched = np.array([[1.0 if rule.slug in r.matched else 0.0 for rule in rules] for r in readings])
    features = sparse.hstack([text, sparse.csr_matrix(context), sparse.csr_matrix(matched)]).tocsr()
    present = (features > 0).astype(np.float64)
    slugs = sorted({slug for e in examples for slug in e.themes})
    weights, intercepts = [], []
    for slug in slugs:
        target = np.array([slug in e.themes for e in examples], dtype=int)
        ratios = log_count_ratios(present, target)
        model = LogisticRegression(
            C=settings.themes_c, class_weight="balanced", solver="liblinear", max_iter=5000
        ).fit(features @ sparse.diags(ratios), target)
        # scaling a feature then weighing it is weighing it by the product: the file keeps the product
        weights.append(model.coef_.ravel() * ratios)
        intercepts.append(model.intercept_[0])
    linear = _linear(vectoriser, THEME_STOP_WORDS, slugs, np.vstack(weights), intercepts)
    linear["threshold"] = settings.threshold
    return linear


def _polarity_fit(examples, readings, settings) -> dict:
    """Improvement points are concerns by definition: the model reads the rest."""
    kept = [i for i, e in enumerate(examples) if e.section != Section.IMPROVEMENT]
    vectoriser = _vectoriser(POLARITY_STOP_WORDS, settings)
    text = vectoriser.fit_transform([examples[i].text for i in kept])
    rule_classes = Polarity.values
    rule = np.array(
        [
            [
                *(1.0 if readings[i].polarity == p else 0.0 for p in rule_classes),
                *sentence_features(examples[i].text),
            ]
            for i in kept
        ]
    )
    features = sparse.hstack([text, sparse.csr_matrix(rule)]).tocsr()
    target = np.array([examples[i].polarity for i in kept])
    classes = sorted(set(target))
    model = LogisticRegression(C=settings.polarity_c, solver="lbfgs", max_iter=5000).fit(features, target)
    weights = model.coef_ if len(classes) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    intercepts = (
        model.intercept_ if len(classes) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    )
    linear = _linear(vectoriser, POLARITY_STOP_WORDS, classes, weights, intercepts)
    linear["rule_classes"] = list(rule_classes)
    return linear


def model_build(
    examples: Sequence[Example], rules: list[ThemeRule], settings: BuildSettings | None = None
) -> dict:
    """The model as the JSON the product reads (ThemeModel)."""
    settings = settings or BuildSettings()
    if not examples:
        raise ValueError("no labelled examples to learn from")
    rules = sorted(rules, key=lambda rule: rule.slug)  # the model file keeps them by slug
    readings = rules_read(examples, rules)
    contexts = sorted({c for e in examples for c in context_terms(e.section, e.area)})
    model = {
        "format": MODEL_FORMAT,
        "version": "",
        "settings": asdict(settings),
        "examples": len(examples),
        "contexts": contexts,
        "rules": {rule.slug: list(rule.patterns) for rule in rules},
        "themes": _themes_fit(examples, readings, rules, contexts, settings),
        "polarity": _polarity_fit(examples, readings, settings),
    }
    model["version"] = hashlib.sha256(model_bytes(model)).hexdigest()[:12]
    return model


def model_bytes(model: dict) -> bytes:
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
