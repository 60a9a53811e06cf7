"""Themes and polarity learned from findings people labelled, applied without scikit-learn.

`inspections/training` fits linear models on the labelled set and writes them as JSON; this module
reads that file and scores a finding. The features are the same here and in training (training
calls `finding_terms` and `context_terms`):

- words and two-word phrases of the text (lower case, English stop words left out), weighted
  (1 + log tf) x idf and scaled to unit length;
- the finding's section and judgement area ("section:improvement", "area:care_leavers");
- for each theme, whether its keyword rules matched (the rules an admin edits stay a feature).

A theme is tagged when its score passes the model's threshold. Its evidence is the words and
phrases that added most to that score. A keyword an admin added after the model was built tags
its theme directly: the model has never seen it, so the rule decides.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from ..vocabulary import Polarity, Section
from .polarity import polarity
from .records import FindingRecord
from .theme_match import ThemeRule, compile_rules, match_themes

MODEL_FORMAT = 1
TOKEN = re.compile(r"(?u)\b\w\w+\b")
EVIDENCE_TERMS = 3
# Section and area tokens weigh half a matched rule: a hint, not a verdict.
CONTEXT_WEIGHT = 0.5


class ThemeModelError(Exception):
    """The model file is missing, unreadable or of another format."""


def finding_terms(text: str, stop_words: frozenset[str]) -> list[str]:
    words = [w for w in TOKEN.findall(text.lower().replace("’", "'")) if w not in stop_words]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def context_terms(section: str, area: str | None) -> list[str]:
    return [f"section:{section}", f"area:{area or 'none'}"]


SENTENCE_FEATURES = (
    "share of strength sentences",
    "share of concern sentences",
    "share of mixed sentences",
    "a strength and a concern",
    "first sentence a concern",
    "last sentence a concern",
    "last sentence mixed",
)


SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“‘\"'(])")


def sentence_features(text: str) -> list[float]:
    """How the wording lexicon reads each sentence: a strong paragraph with a real weakness in its
    last sentence is mixed; one whose every sentence is a concern is a concern."""
    read = [polarity(sentence) for sentence in SENTENCE_END.split(text.strip()) if sentence] or ["neutral"]
    share = {p: read.count(p) / len(read) for p in ("strength", "concern", "mixed")}
    return [
        share["strength"],
        share["concern"],
        share["mixed"],
        float("strength" in read and ("concern" in read or "mixed" in read)),
        float(read[0] == "concern"),
        float(read[-1] == "concern"),
        float(read[-1] == "mixed"),
    ]


@dataclass
class _Linear:
    """A linear model over one vocabulary: terms, their idf, and one weight column per class."""

    stop_words: frozenset[str]
    index: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # (features, classes)
    intercepts: np.ndarray  # (classes,)
    terms: list[str]

    @classmethod
    def from_json(cls, data: dict) -> _Linear:
        terms = data["terms"]
        return cls(
            stop_words=frozenset(data["stop_words"]),
            index={term: i for i, term in enumerate(terms)},
            idf=np.asarray(data["idf"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64).T,
            intercepts=np.asarray(data["intercepts"], dtype=np.float64),
            terms=terms,
        )

    def text_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(indices, values) of the text's weighted, unit-length term vector."""
        index = self.index
        found = [i for term in finding_terms(text, self.stop_words) if (i := index.get(term)) is not None]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        indices, counts = np.unique(np.asarray(found, dtype=np.int64), return_counts=True)
        values = (1.0 + np.log(counts)) * self.idf[indices]
        return indices, values / np.linalg.norm(values)

    def scores(self, rows: np.ndarray, values: np.ndarray, extra: np.ndarray) -> np.ndarray:
        """Scores of every class, from the weight rows of the text's terms (`weights[indices]`),
        their values, and the extra features that follow the terms."""
        return self.intercepts + values @ rows + extra @ self.weights[len(self.terms) :]


@dataclass
class ThemeScore:
    slug: str
    evidence: list[str]


class ThemeModel:
    def __init__(self, data: dict):
        if data.get("format") != MODEL_FORMAT:
            raise ThemeModelError(f"model format {data.get('format')!r}, expected {MODEL_FORMAT}")
        self.version: str = data["version"]
        self.themes: list[str] = data["themes"]["classes"]
        self.contexts: list[str] = data["contexts"]
        self._context_index = {term: i for i, term in enumerate(self.contexts)}
        self.rule_patterns: dict[str, list[str]] = data["rules"]
        self.rule_slugs: list[str] = list(self.rule_patterns)
        self.threshold: float = data["themes"]["threshold"]
        self.theme_model = _Linear.from_json(data["themes"])
        self.polarities: list[str] = data["polarity"]["classes"]
        self.polarity_model = _Linear.from_json(data["polarity"])
        self.rule_polarities: list[str] = data["polarity"]["rule_classes"]

    @classmethod
    def load(cls, path: Path) -> ThemeModel:
        try:
            return cls(json.loads(path.read_bytes()))
        except FileNotFoundError:
            raise ThemeModelError(
                f"{path}: no theme model (build it: python manage.py build_theme_model)"
            ) from None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ThemeModelError(f"{path}: not a theme model ({error})") from None

    def context_vector(self, section: str, area: str | None) -> np.ndarray:
        vector = np.zeros(len(self.contexts))
        for term in context_terms(section, area):
            if (position := self._context_index.get(term)) is not None:
                vector[position] = CONTEXT_WEIGHT
        return vector

    def rule_vector(self, matched: set[str]) -> np.ndarray:
        return np.array([1.0 if slug in matched else 0.0 for slug in self.rule_slugs])

    def themes_for(
        self, text: str, *, section: str, area: str | None, matched: dict[str, list[str]]
    ) -> list[ThemeScore]:
        """The themes of a finding, each with its evidence. `matched`: what each theme's keyword
        rules found in it (slug -> the words)."""
        linear = self.theme_model
        indices, values = linear.text_vector(text)
        rows = linear.weights[indices]
        extra = np.concatenate([self.context_vector(section, area), self.rule_vector(set(matched))])
        scores = linear.scores(rows, values, extra)
        chosen = [int(j) for j in np.flatnonzero(scores >= self.threshold)]
        chosen.sort(key=lambda j: -scores[j])
        if not chosen and len(indices):
            chosen = [int(np.argmax(scores))]  # every finding is about something
        found = []
        for j in chosen:
            contributions = values * rows[:, j]
            best = np.argsort(-contributions, kind="stable")[:EVIDENCE_TERMS]
            evidence = [linear.terms[indices[k]] for k in best if contributions[k] > 0]
            slug = self.themes[j]
            found.append(ThemeScore(slug, list(dict.fromkeys([*matched.get(slug, []), *evidence]))))
        return found

    def polarity_for(self, text: str, *, rule_polarity: str) -> str:
        indices, values = self.polarity_model.text_vector(text)
        rows = self.polarity_model.weights[indices]
        extra = np.array(
            [
                *(1.0 if rule_polarity == p else 0.0 for p in self.rule_polarities),
                *sentence_features(text),
            ]
        )
        scores = self.polarity_model.scores(rows, values, extra)
        return self.polarities[int(np.argmax(scores))]


def _rules_added(rules: list[ThemeRule], model: ThemeModel) -> list[ThemeRule]:
    """The keyword patterns admins added since the model was built (a new theme's included)."""
    added = []
    for rule in rules:
        known = set(model.rule_patterns.get(rule.slug, ()))
        patterns = tuple(p for p in rule.patterns if p not in known)
        if patterns:
            added.append(ThemeRule(rule.slug, patterns))
    return added


def findings_classify(findings: list[FindingRecord], rules: list[ThemeRule], model: ThemeModel) -> None:
    """Set themes, theme_evidence and polarity on each finding, in place, by the model.

    The keyword rules as the model learned them and the wording lexicon's reading of each sentence
    are its features; a pattern added since the model was built tags its theme at once, with the
    words it matched as evidence.
    """
    learned = compile_rules(
        [ThemeRule(slug, tuple(patterns)) for slug, patterns in model.rule_patterns.items()]
    )
    added = compile_rules(_rules_added(rules, model))
    for finding in findings:
        _, matched = match_themes(finding.text, learned)
        scored = model.themes_for(finding.text, section=finding.section, area=finding.area, matched=matched)
        evidence = {score.slug: score.evidence for score in scored}
        for slug, found in match_themes(finding.text, added)[1].items():
            evidence[slug] = list(dict.fromkeys([*evidence.get(slug, []), *found]))
        finding.themes = list(evidence)
        finding.theme_evidence = evidence
        if finding.section == Section.IMPROVEMENT:
            finding.polarity = Polarity.CONCERN
        else:
            finding.polarity = model.polarity_for(finding.text, rule_polarity=polarity(finding.text))
