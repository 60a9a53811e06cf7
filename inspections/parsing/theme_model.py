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
from .polarity import read_polarity_by_part
from .records import FindingRecord
from .scan import lowered_copy
from .term_vectors import Linear, TextWords, Words, term_words, words_of
from .theme_match import ThemeRule, compile_rules, themes_in

MODEL_FORMAT = 2
EVIDENCE_TERMS = 3
# Section and area tokens weigh half a matched rule: a hint, not a verdict.
CONTEXT_WEIGHT = 0.5


class ThemeModelError(Exception):
    """The model file is missing, unreadable or of another format."""


def finding_terms(text: str, stop_words: frozenset[str]) -> list[str]:
    """The terms of a text as training reads them (`term_vectors` finds the same ones by number)."""
    words = [w for w in words_of(text) if w not in stop_words]
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

# Not `text.sentences`, which the parser uses to find dates and names in a paragraph: this one also
# ends a sentence at ";" and knows no abbreviations, and the sentence reader learned from the
# sentences it makes (one splitter for both would change what the model reads, and its figures).
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z“‘\"'(])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a finding, in order; the whole text if it has none."""
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    spans = []
    for match in SENTENCE_END.finditer(text, start, end):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if end > start:
        spans.append((start, end))
    return spans or [(0, len(text))]


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


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
    chances = concern.tolist()  # a few sentences: Python's floats are quicker than numpy's here
    count = len(chances)
    ordered = sorted(chances)
    most, least = ordered[-1], ordered[0]
    return [
        most,
        least,
        float(concern.mean()),
        chances[-1],
        chances[0],
        float(most > 0.5 and least < 0.5),
        min(most, 1.0 - least),
        sum(c > 0.5 for c in chances) / count,
        float(count == 1),
        float(bool(CONTRAST.search(text))),
        ordered[-2] if count > 1 else most,
        ordered[1] if count > 1 else least,
        sum(c > SURE for c in chances) / count,
        sum(c < 1.0 - SURE for c in chances) / count,
        float(most > SURE and least < 1.0 - SURE),
    ]


class _SentenceReader:
    """A sentence's chance of being a concern rather than a strength (one logistic regression)."""

    def __init__(self, data: dict):
        self.linear = Linear.from_json(data)
        # the lexicon's reading of a sentence is one of its terms ("lexicon:concern")
        self.reading_columns = {
            term.removeprefix("lexicon:"): column
            for term, column in self.linear.index.items()
            if term.startswith("lexicon:")
        }

    def concern(self, words: TextWords, readings: list[str]) -> np.ndarray:
        """Each sentence's chance (of every text, in order), from the texts' words and the lexicon's
        reading of each sentence: one term vector per sentence, all found at once."""
        linear = self.linear
        columns, positions = linear.columns(words.numbers, words.sentence_bounds[:-1])
        sentence = words.sentences_of(positions)
        read = [(i, c) for i, r in enumerate(readings) if (c := self.reading_columns.get(r)) is not None]
        if read:
            sentence = np.concatenate([sentence, [i for i, _ in read]])
            columns = np.concatenate([columns, [c for _, c in read]])
        vectors = linear.vectors(columns, sentence, len(readings))
        scores, _ = linear.scores(vectors, np.zeros((len(readings), 0)))
        return 1.0 / (1.0 + np.exp(-scores[:, 0]))


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
        self.theme_model = Linear.from_json(data["themes"])
        self.polarities: list[str] = data["polarity"]["classes"]
        self.polarity_model = Linear.from_json(data["polarity"])
        self.rule_polarities: list[str] = data["polarity"]["rule_classes"]
        self.sentence_reader = _SentenceReader(data["polarity"]["sentence_reader"])
        linears = (self.theme_model, self.polarity_model, self.sentence_reader.linear)
        self.words = Words(set().union(*(term_words(m.terms) | m.stop_words for m in linears)))
        for linear in linears:
            linear.number(self.words)

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

    def context_vector(self, section: str, area: str | None) -> list[float]:
        vector = [0.0] * len(self.contexts)
        for term in context_terms(section, area):
            if (position := self._context_index.get(term)) is not None:
                vector[position] = CONTEXT_WEIGHT
        return vector

    def rule_vector(self, matched: dict[str, list[str]]) -> list[float]:
        return [1.0 if slug in matched else 0.0 for slug in self.rule_slugs]

    def themes_of(
        self, words: TextWords, contexts: list[tuple[str, str | None]], matched: list[dict[str, list[str]]]
    ) -> list[list[ThemeScore]]:
        """The themes of each of several findings, each with its evidence, from their words; each
        finding's section and area (`contexts`) and what each theme's keyword rules found in it
        (`matched`: slug -> the words)."""
        linear = self.theme_model
        columns, positions = linear.columns(words.numbers, words.text_bounds[:-1])
        vectors = linear.vectors(columns, words.texts_of(positions), len(contexts))
        extra = np.array(
            [
                self.context_vector(section, area) + self.rule_vector(its_matched)
                for (section, area), its_matched in zip(contexts, matched, strict=True)
            ]
        )
        scores, contributions = linear.scores(vectors, extra)
        found = []
        for its_scores, its_matched, start, end in zip(
            scores.tolist(), matched, vectors.bounds[:-1].tolist(), vectors.bounds[1:].tolist(), strict=True
        ):
            chosen = [j for j, score in enumerate(its_scores) if score >= self.threshold]
            chosen.sort(key=lambda j: -its_scores[j])
            if not chosen and end > start:  # every finding is about something
                chosen = [max(range(len(its_scores)), key=its_scores.__getitem__)]
            # what each term adds to each chosen theme's score: the terms that add most are its evidence
            adds = contributions[start:end, chosen]
            best = np.argsort(-adds, axis=0, kind="stable")[:EVIDENCE_TERMS].T.tolist()
            its_found = []
            for j, its_best, its_adds in zip(chosen, best, adds.T.tolist(), strict=True):
                evidence = [linear.terms[vectors.indices[start + k]] for k in its_best if its_adds[k] > 0]
                slug = self.themes[j]
                its_found.append(
                    ThemeScore(slug, list(dict.fromkeys([*its_matched.get(slug, []), *evidence])))
                )
            found.append(its_found)
        return found

    def polarities_of(
        self, texts: list[str], words: TextWords, rule_polarities: list[str], readings: list[list[str]]
    ) -> list[str]:
        """The polarity of each of several findings from their words, the lexicon's reading of each
        whole finding (`rule_polarities`) and of each of its sentences (`readings`)."""
        linear = self.polarity_model
        columns, positions = linear.columns(words.numbers, words.text_bounds[:-1])
        vectors = linear.vectors(columns, words.texts_of(positions), len(texts))
        concern = self.sentence_reader.concern(words, [r for its in readings for r in its])
        sentence_bounds = np.cumsum([0, *map(len, readings)])
        extra = np.array(
            [
                polarity_extra(rule, self.rule_polarities, its_readings, concern[start:end], text)
                for text, rule, its_readings, start, end in zip(
                    texts, rule_polarities, readings, sentence_bounds[:-1], sentence_bounds[1:], strict=True
                )
            ]
        )
        scores, _ = linear.scores(vectors, extra)
        return [self.polarities[j] for j in np.argmax(scores, axis=1).tolist()]


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
    """Set themes, theme_evidence and polarity on each finding, in place, by the model: a
    document's findings together, each model applied to all of them at once.

    The keyword rules as the model learned them and the wording lexicon's reading of each sentence
    are its features; a pattern added since the model was built tags its theme at once, with the
    words it matched as evidence.
    """
    if not findings:
        return
    learned = compile_rules(
        [ThemeRule(slug, tuple(patterns)) for slug, patterns in model.rule_patterns.items()]
    )
    added = compile_rules(_rules_added(rules, model))
    texts = [finding.text for finding in findings]
    lowered = [lowered_copy(text) for text in texts]
    # one reading of the texts for every model: their words (by number), sentence by sentence
    spans = [sentence_spans(text) for text in texts]
    words = model.words.read(texts, spans)
    matched = [
        themes_in(text, its_lowered, learned)[1] for text, its_lowered in zip(texts, lowered, strict=True)
    ]
    scored = model.themes_of(words, [(finding.section, finding.area) for finding in findings], matched)
    for finding, its_lowered, its_scored in zip(findings, lowered, scored, strict=True):
        evidence = {score.slug: score.evidence for score in its_scored}
        if len(added):
            for slug, found in themes_in(finding.text, its_lowered, added)[1].items():
                evidence[slug] = list(dict.fromkeys([*evidence.get(slug, []), *found]))
        finding.themes = list(evidence)
        finding.theme_evidence = evidence
        if finding.section == Section.IMPROVEMENT:
            finding.polarity = Polarity.CONCERN
    read = [i for i, finding in enumerate(findings) if finding.section != Section.IMPROVEMENT]
    if not read:
        return
    wholes, readings = zip(
        *(read_polarity_by_part(texts[i], lowered[i], spans[i]) for i in read), strict=True
    )
    kept = np.zeros(len(findings), dtype=bool)
    kept[read] = True
    polarities = model.polarities_of(
        [texts[i] for i in read], words.subset(kept), list(wholes), list(readings)
    )
    for i, its_polarity in zip(read, polarities, strict=True):
        findings[i].polarity = its_polarity
