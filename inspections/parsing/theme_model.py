"""Themes and polarity learned from findings people labelled, applied without scikit-learn.

`inspections/training` fits linear models on the labelled set and writes them as JSON; this module
reads that file and scores a finding. The features are the same here and in training (training
calls `finding_terms` and `context_terms`):

- words and two-word phrases of the text (lower case, English stop words left out), weighted
  (1 + log tf) x idf and scaled to unit length;
- the finding's section and judgement area ("section:improvement", "area:care_leavers");
- for each theme, whether its keyword rules matched (the rules an admin edits stay a feature).

Polarity is read from the words and phrases (no stop words left out), the wording lexicon's reading
of the whole finding and of each sentence, and a sentence reader: a model of one sentence, learned
from the sentences of paragraphs labelled strength or concern, whose most and least concerned
sentences tell a mixed paragraph (a real weakness beside a real strength) from a one-sided one.

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

MODEL_FORMAT = 2
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

# How the sentence reader (a model of one sentence, learned from the sentences of paragraphs
# labelled strength or concern) reads a paragraph, from each sentence's chance of being a concern.
READER_FEATURES = (
    "most concerned sentence",
    "least concerned sentence",
    "mean concern",
    "last sentence's concern",
    "first sentence's concern",
    "a concern sentence and a strength sentence",
    "how surely both",
    "share of concern sentences",
    "one sentence",
    "contrast or hedging wording",
    "second most concerned sentence",
    "second least concerned sentence",
    "share of sure concern sentences",
    "share of sure strength sentences",
    "a sure concern sentence and a sure strength sentence",
)
CONTRAST = re.compile(
    r"\b(?:although|however|but|while|whilst|despite|though|not yet|not consistently|too many|"
    r"too long|some|minority|variable|inconsistent)\b",
    re.IGNORECASE,
)
SURE = 0.8

SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“‘\"'(])")


def sentences_of(text: str) -> list[str]:
    return [sentence for sentence in SENTENCE_END.split(text.strip()) if sentence] or [text]


def sentence_terms(sentence: str, reading: str) -> list[str]:
    """The sentence reader's features: every word and two-word phrase, and the lexicon's reading."""
    return [*finding_terms(sentence, frozenset()), f"lexicon:{reading}"]


def sentence_features(readings: list[str]) -> list[float]:
    """How the wording lexicon reads each sentence (`readings`, in order): a strong paragraph with a
    real weakness in its last sentence is mixed; one whose every sentence is a concern is a concern."""
    share = {p: readings.count(p) / len(readings) for p in ("strength", "concern", "mixed")}
    return [
        share["strength"],
        share["concern"],
        share["mixed"],
        float("strength" in readings and ("concern" in readings or "mixed" in readings)),
        float(readings[0] == "concern"),
        float(readings[-1] == "concern"),
        float(readings[-1] == "mixed"),
    ]


def reader_features(concern: np.ndarray, text: str) -> list[float]:
    """`READER_FEATURES`, from each sentence's chance of being a concern (in order)."""
    ordered = np.sort(concern)
    most, least = ordered[-1], ordered[0]
    return [
        most,
        least,
        float(concern.mean()),
        concern[-1],
        concern[0],
        float(most > 0.5 and least < 0.5),
        min(most, 1.0 - least),
        float((concern > 0.5).mean()),
        float(len(concern) == 1),
        float(bool(CONTRAST.search(text))),
        ordered[-2] if len(ordered) > 1 else most,
        ordered[1] if len(ordered) > 1 else least,
        float((concern > SURE).mean()),
        float((concern < 1.0 - SURE).mean()),
        float(most > SURE and least < 1.0 - SURE),
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
        return self.terms_vector(finding_terms(text, self.stop_words))

    def terms_vector(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        index = self.index
        found = [i for term in terms if (i := index.get(term)) is not None]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        indices, counts = np.unique(np.asarray(found, dtype=np.int64), return_counts=True)
        values = (1.0 + np.log(counts)) * self.idf[indices]
        return indices, values / np.linalg.norm(values)

    def scores(self, rows: np.ndarray, values: np.ndarray, extra: np.ndarray) -> np.ndarray:
        """Scores of every class, from the weight rows of the text's terms (`weights[indices]`),
        their values, and the extra features that follow the terms."""
        return self.intercepts + values @ rows + extra @ self.weights[len(self.terms) :]


class _SentenceReader:
    """A sentence's chance of being a concern rather than a strength (one logistic regression)."""

    def __init__(self, data: dict):
        self.linear = _Linear.from_json(data)

    def concern(self, sentences: list[str], readings: list[str]) -> np.ndarray:
        linear = self.linear
        chances = np.empty(len(sentences))
        for position, (sentence, reading) in enumerate(zip(sentences, readings, strict=True)):
            indices, values = linear.terms_vector(sentence_terms(sentence, reading))
            score = linear.intercepts[0] + values @ linear.weights[indices, 0]
            chances[position] = 1.0 / (1.0 + np.exp(-score))
        return chances


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
        self.sentence_reader = _SentenceReader(data["polarity"]["sentence_reader"])

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
        sentences = sentences_of(text)
        readings = [polarity(sentence) for sentence in sentences]
        concern = self.sentence_reader.concern(sentences, readings)
        extra = np.array(polarity_extra(rule_polarity, self.rule_polarities, readings, concern, text))
        scores = self.polarity_model.scores(rows, values, extra)
        return self.polarities[int(np.argmax(scores))]


def polarity_extra(
    rule_polarity: str, rule_polarities: list[str], readings: list[str], concern: np.ndarray, text: str
) -> list[float]:
    """The polarity model's features after the words: the rules' reading of the whole finding, the
    lexicon's of each sentence, and the sentence reader's."""
    return [
        *(1.0 if rule_polarity == p else 0.0 for p in rule_polarities),
        *sentence_features(readings),
        *reader_features(concern, text),
    ]


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
