"""Term vectors for the learned models, from words looked up once by number.

A model's terms are the words and two-word phrases of a text (`theme_model.finding_terms`, which
training uses). Reading them string by string for each model and each sentence made the same strings
and looked them up again and again; here each word of a finding is looked up once, in one table of
every word any of the models knows (`Words`), and each model finds its words by that number
(`Linear.word_columns`) and its phrases by the pair of numbers (`Linear.phrase_keys`, sorted, found
by binary search). The vectors are exactly those of the strings: the tests compare them.

A document's findings are read together (`TextWords`: all their words one after the other, and
where each finding and sentence starts), so that each model finds the terms of every finding in one
pass and scores them all with one product of its weights, no phrase running over a finding's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def words_of(text: str) -> list[str]:
    """The words of a text as every model reads them: lower case, "’" as "'"."""
    return TOKEN.findall(text.lower().replace("’", "'"))


class Words:
    """Every word the models know (their words, the words of their phrases, their stop words),
    numbered; any other word is `unknown`, which no model has a term for."""

    def __init__(self, words: set[str]):
        self.ids = {word: number for number, word in enumerate(words)}
        self.unknown = len(self.ids)
        self.width = self.unknown + 1  # a phrase's key: first word's number x width + second's

    def numbers(self, words: list[str]) -> np.ndarray:
        return np.fromiter(map(self.ids.get, words, repeat(self.unknown)), dtype=np.int64, count=len(words))

    def read(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> TextWords:
        """The words of several texts, sentence by sentence (`spans`: each text's sentences)."""
        sentence_words = [
            words_of(text[start:end]) for text, its in zip(texts, spans, strict=True) for start, end in its
        ]
        sentence_text = np.repeat(np.arange(len(texts)), [len(its) for its in spans])
        sentence_bounds = _bounds(np.fromiter(map(len, sentence_words), np.int64, len(sentence_words)))
        return TextWords(
            self.numbers([word for words in sentence_words for word in words]),
            sentence_bounds[np.searchsorted(sentence_text, np.arange(len(texts) + 1))],
            sentence_bounds,
            sentence_text,
        )


@dataclass
class TextWords:
    """The words (by number) of several texts, one after the other, and where each text and each
    sentence starts and ends among them (`text_bounds[i]` to `text_bounds[i + 1]`)."""

    numbers: np.ndarray
    text_bounds: np.ndarray
    sentence_bounds: np.ndarray
    sentence_text: np.ndarray  # the text each sentence is in

    def texts_of(self, positions: np.ndarray) -> np.ndarray:
        """The text each word (by its position in `numbers`) is in."""
        return np.searchsorted(self.text_bounds[:-1], positions, side="right") - 1

    def sentences_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.sentence_bounds[:-1], positions, side="right") - 1

    def subset(self, kept: np.ndarray) -> TextWords:
        """The words of the texts `kept` (a mask), the others left out."""
        text_sizes, sentence_sizes = np.diff(self.text_bounds), np.diff(self.sentence_bounds)
        sentence_kept = kept[self.sentence_text]
        return TextWords(
            self.numbers[np.repeat(kept, text_sizes)],
            _bounds(text_sizes[kept]),
            _bounds(sentence_sizes[sentence_kept]),
            (np.cumsum(kept) - 1)[self.sentence_text[sentence_kept]],
        )


def _bounds(sizes: np.ndarray) -> np.ndarray:
    """Where runs of these sizes, one after the other, start, and where the last ends."""
    return np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)


def term_words(terms: list[str]) -> set[str]:
    """The words of a model's terms (a phrase's two words included; a term of another kind, such as
    "lexicon:concern", is taken for a word no text has)."""
    return set(" ".join(terms).split(" "))


@dataclass
class Linear:
    """A linear model over one vocabulary: terms, their idf, and one weight column per class."""

    stop_words: frozenset[str]
    index: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # (features, classes)
    intercepts: np.ndarray  # (classes,)
    terms: list[str]
    # set by `number`: the model's column of each word (by its number; -1 if none), its phrases'
    # keys (sorted) and columns, and which words are its stop words
    word_columns: np.ndarray = field(init=False, repr=False)
    phrase_keys: np.ndarray = field(init=False, repr=False)
    phrase_columns: np.ndarray = field(init=False, repr=False)
    stops: np.ndarray | None = field(init=False, repr=False)
    width: int = field(init=False, repr=False)

    @classmethod
    def from_json(cls, data: dict) -> Linear:
        terms = data["terms"]
        return cls(
            stop_words=frozenset(data["stop_words"]),
            index={term: i for i, term in enumerate(terms)},
            idf=np.asarray(data["idf"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64).T,
            intercepts=np.asarray(data["intercepts"], dtype=np.float64),
            terms=terms,
        )

    def number(self, words: Words) -> None:
        """Find this model's words and phrases by the numbers of `words` (which holds them all)."""
        words_in_turn = " ".join(self.terms).split(" ")  # a term's word, or a phrase's two
        numbers = np.fromiter(map(words.ids.__getitem__, words_in_turn), np.int64, len(words_in_turn))
        phrase = np.fromiter((" " in term for term in self.terms), bool, len(self.terms))
        sizes = 1 + phrase
        firsts = numbers[np.cumsum(sizes) - sizes]
        seconds = numbers[np.cumsum(sizes) - 1]
        columns = np.arange(len(self.terms))
        self.word_columns = np.full(words.width, -1, dtype=np.int64)
        self.word_columns[firsts[~phrase]] = columns[~phrase]
        keys = firsts[phrase] * words.width + seconds[phrase]
        order = np.argsort(keys, kind="stable")
        self.phrase_keys, self.phrase_columns = keys[order], columns[phrase][order]
        self.stops = None
        if self.stop_words:
            self.stops = np.zeros(words.width, dtype=bool)
            self.stops[[words.ids[word] for word in self.stop_words]] = True
        self.width = words.width

    def columns(self, numbers: np.ndarray, starts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The columns of the terms of a sequence of words (by number), once per occurrence, and the
        position of each term's first word: the words, and the phrase of each word with the next,
        stop words left out first. `starts`: where texts or sentences start (no phrase ends at one)."""
        positions = np.arange(len(numbers))
        if self.stops is not None:
            kept = ~self.stops[numbers]
            numbers, positions = numbers[kept], positions[kept]
        words = self.word_columns[numbers]
        is_term = words >= 0
        if len(numbers) < 2 or not len(self.phrase_keys):
            return words[is_term], positions[is_term]
        keys = numbers[:-1] * self.width + numbers[1:]
        at = np.minimum(np.searchsorted(self.phrase_keys, keys), len(self.phrase_keys) - 1)
        known = self.phrase_keys[at] == keys
        if starts is not None:
            firsts = np.searchsorted(positions, starts)  # the first word kept from each start on
            known[firsts[(firsts > 0) & (firsts < len(numbers))] - 1] = False
        return (
            np.concatenate([words[is_term], self.phrase_columns[at[known]]]),
            np.concatenate([positions[is_term], positions[:-1][known]]),
        )

    def vectors(self, columns: np.ndarray, groups: np.ndarray, count: int) -> TermVectors:
        """The weighted, unit-length term vector of each of `count` texts, from the terms found
        (`columns`) and the text each is in (`groups`)."""
        width = len(self.terms)
        keys, counts = np.unique(groups * width + columns, return_counts=True)
        groups, indices = np.divmod(keys, width)
        values = (1.0 + np.log(counts)) * self.idf[indices]
        bounds = np.searchsorted(groups, np.arange(count + 1))
        norms = np.sqrt(group_sums(values * values, bounds))
        return TermVectors(indices, values / np.repeat(norms, np.diff(bounds)), bounds)

    def scores(self, vectors: TermVectors, extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores of every class for each text (rows), from its term vector and the extra features
        that follow the terms (one row each); and what each term adds to each class (`contributions`,
        one row per term, the texts' terms one after the other)."""
        contributions = vectors.values[:, None] * self.weights[vectors.indices]
        scores = (
            self.intercepts
            + group_sums(contributions, vectors.bounds)
            + extra @ self.weights[len(self.terms) :]
        )
        return scores, contributions


@dataclass
class TermVectors:
    """Term vectors of several texts, one after the other: text i's terms are `indices` (ascending)
    and their `values` between `bounds[i]` and `bounds[i + 1]`."""

    indices: np.ndarray
    values: np.ndarray
    bounds: np.ndarray


def group_sums(rows: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """The sum of each run of `rows` between consecutive `bounds` (0 for an empty run)."""
    sums = np.zeros((len(bounds) - 1, *rows.shape[1:]))
    filled = bounds[1:] > bounds[:-1]
    if filled.any():
        sums[filled] = np.add.reduceat(rows, bounds[:-1][filled], axis=0)
    return sums
