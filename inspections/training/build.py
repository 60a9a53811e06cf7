"""Labelled examples -> the theme and polarity model that parsing/theme_model.py applies.

One logistic regression per theme over the text's words and phrases, its section and area, and
which themes' keyword rules matched, each feature scaled for that theme by how much more often it
occurs in the theme's findings than in the others, or the reverse (the log-count ratio of NB-SVM);
for polarity, one over words, phrases, the rules' reading and what a sentence reader (a logistic
regression over sentences) makes of each sentence. Deterministic: the same examples, rules and
settings give the same file, byte for byte.
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
from ..parsing.polarity import polarity
from ..parsing.records import FindingRecord
from ..parsing.theme_model import (
    CONTEXT_WEIGHT,
    MODEL_FORMAT,
    context_terms,
    finding_terms,
    polarity_extra,
    sentence_terms,
    sentences_of,
)
from ..vocabulary import Polarity, Section
from .dataset import Example, folds_of

THEME_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)
POLARITY_STOP_WORDS: frozenset[str] = frozenset()
DIGITS = 5


@dataclass(frozen=True)
class BuildSettings:
    themes_c: float = 20.0  # inverse regularisation, chosen by evaluate_themes
    polarity_c: float = 10.0
    sentence_c: float = 10.0  # the sentence reader's
    sentence_folds: int = 5  # the final polarity model learns from sentences read held out, this many folds
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


def _sentence_reader_fit(examples, sentences, readings, settings):
    """A sentence's chance of being a concern: every sentence of a paragraph labelled a strength is
    taken for a strength, of one labelled a concern for a concern. Returns the vectoriser and model."""
    texts, targets = [], []
    for example, its_sentences, its_readings in zip(examples, sentences, readings, strict=True):
        if example.polarity in (Polarity.STRENGTH, Polarity.CONCERN):
            texts += [sentence_terms(s, r) for s, r in zip(its_sentences, its_readings, strict=True)]
            targets += [int(example.polarity == Polarity.CONCERN)] * len(its_sentences)
    vectoriser = TfidfVectorizer(
        analyzer=lambda terms: terms, sublinear_tf=True, min_df=settings.min_documents, dtype=np.float64
    )
    features = vectoriser.fit_transform(texts)
    model = LogisticRegression(C=settings.sentence_c, solver="lbfgs", max_iter=5000)
    return vectoriser, model.fit(features, np.array(targets))


def _sentence_concern(reader, sentences, readings) -> list[np.ndarray]:
    vectoriser, model = reader
    return [
        model.predict_proba(
            vectoriser.transform([sentence_terms(s, r) for s, r in zip(ss, rs, strict=True)])
        )[:, 1]
        for ss, rs in zip(sentences, readings, strict=True)
    ]


def _held_out_concern(examples, sentences, readings, settings) -> list[np.ndarray]:
    """Each paragraph's sentences read by a reader that did not learn from its document, so that the
    final model learns how far to trust the reader on findings it has not seen, as at ingest."""
    concern: list[np.ndarray | None] = [None] * len(examples)
    for held_out in folds_of(examples, settings.sentence_folds):
        kept = sorted(set(range(len(examples))) - set(held_out))
        reader = _sentence_reader_fit(
            [examples[i] for i in kept], [sentences[i] for i in kept], [readings[i] for i in kept], settings
        )
        read = _sentence_concern(reader, [sentences[i] for i in held_out], [readings[i] for i in held_out])
        for i, chances in zip(held_out, read, strict=True):
            concern[i] = chances
    return concern


def _polarity_fit(examples, readings, settings) -> dict:
    """Improvement points are concerns by definition: the model reads the rest, from its words and
    phrases, the rules' reading, the lexicon's reading of each sentence and the sentence reader's."""
    kept = [examples[i] for i, e in enumerate(examples) if e.section != Section.IMPROVEMENT]
    rule_readings = [readings[i].polarity for i, e in enumerate(examples) if e.section != Section.IMPROVEMENT]
    sentences = [sentences_of(e.text) for e in kept]
    sentence_readings = [[polarity(s) for s in ss] for ss in sentences]
    concern = _held_out_concern(kept, sentences, sentence_readings, settings)
    reader_vectoriser, reader_model = _sentence_reader_fit(kept, sentences, sentence_readings, settings)

    vectoriser = _vectoriser(POLARITY_STOP_WORDS, settings)
    text = vectoriser.fit_transform([e.text for e in kept])
    rule_classes = Polarity.values
    extra = np.array(
        [
            polarity_extra(rule, rule_classes, its_readings, chances, e.text)
            for e, rule, its_readings, chances in zip(
                kept, rule_readings, sentence_readings, concern, strict=True
            )
        ]
    )
    features = sparse.hstack([text, sparse.csr_matrix(extra)]).tocsr()
    target = np.array([e.polarity for e in kept])
    classes = sorted(set(target))
    model = LogisticRegression(C=settings.polarity_c, solver="lbfgs", max_iter=5000).fit(features, target)
    weights = model.coef_ if len(classes) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    intercepts = (
        model.intercept_ if len(classes) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    )
    linear = _linear(vectoriser, POLARITY_STOP_WORDS, classes, weights, intercepts)
    linear["rule_classes"] = list(rule_classes)
    linear["sentence_reader"] = _linear(
        reader_vectoriser, frozenset(), ["concern"], reader_model.coef_, reader_model.intercept_
    )
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
