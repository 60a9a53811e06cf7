"""The polarity of a finding (strength, concern, mixed, neutral), from a small lexicon of
evaluative wording (`polarity_lexicon`) read sentence by sentence:

- each sentence is a strength (only positive wording), a concern (only negative wording) or
  mixed (both, or a contrast such as "although", "but", "while ... not yet");
- negation turns positive wording negative ("not yet consistently good", "insufficiently
  clear", "lack of clarity"); a soft negator before negative wording makes it positive
  ("without delay", "fewer delays");
- negative wording about the past ("previously too many children waited too long") is
  discounted: the finding is about the present;
- the finding is a strength when strengths outweigh concerns more than three to one, a concern the other
  way round, mixed between, neutral when it has no evaluative wording.

One expression finds the punctuation and the lexicon wording in one pass, dispatching on the first
letter of each word; it reads exactly the tokens a plain word-by-word scan finds.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from inspections.vocabulary import Polarity

from .polarity_lexicon import KINDS
from .scan import QUANTIFIERS, group_end, lowered_copy, split_top_level


def _first_letters(entry: str) -> list[tuple[str, str]]:
    """A lexicon entry as (first letter, rest) pairs, tried in this order: "good" -> [("g", "ood")],
    "(?:has|have) improved" -> [("h", "as improved"), ("h", "ave improved")]."""
    pairs = []
    for alternative in split_top_level(entry):
        first, following = alternative[:1], alternative[1:2]
        if first and first in string.ascii_lowercase and following not in QUANTIFIERS:
            pairs.append((first, alternative[1:]))
        elif alternative.startswith("(?:"):
            close = group_end(alternative)
            if close is None or alternative[close + 1 : close + 2] in QUANTIFIERS:
                raise ValueError(f"lexicon entry {entry!r}: a group it starts with must not be optional")
            for inner in split_top_level(alternative[3:close]):
                pairs.extend(_first_letters(inner + alternative[close + 1 :]))
        else:
            raise ValueError(f"lexicon entry {entry!r} must start with a lower-case letter or (?:")
    return pairs


def _token_expression(lowered: bool) -> tuple[re.Pattern, tuple[str | None, ...]]:
    """One expression for the tokens of a text, found left to right: punctuation, and lexicon wording
    at the start of a word (and "n't" anywhere); a word of the lexicon is not searched for inside
    another. With `lowered` it is for the lower-cased text, else for the text itself.

    Each alternative ends with an empty group; the number of the last group matched gives the kind.
    Lexicon entries are tried by kind (the order of `KINDS`), longest first within a kind, grouped
    by first letter: entries that start with different letters never match at the same place, so
    grouping keeps the order that matters and lets the engine try only one letter's entries.
    """
    sources = [
        ("stop", r"[.!?;](?=\s|$|['\"”’)])"),
        ("comma", r"[,:—–(]"),
        ("comma", r"\s-\s"),
        ("strong", r"n['’]t\b"),  # case-sensitive: "DON'T" is no negator
    ]
    kinds: list[str | None] = [None]  # group numbers start at 1
    alternatives = []
    for kind, source in sources:
        alternatives.append(source + "()")
        kinds.append(kind)
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for kind, entries in KINDS:
        for entry in sorted(entries, key=len, reverse=True):
            if entry != entry.lower():
                raise ValueError(f"lexicon entry {entry!r} must be lower case")
            for letter, rest in _first_letters(entry):
                by_letter.setdefault(letter, []).append((rest, kind))
    branches = []
    for letter, entries in by_letter.items():
        body = "|".join(rf"{rest}\b()" for rest, _ in entries)
        branches.append(f"{letter}(?:{body})" if lowered else f"[{letter}{letter.upper()}](?i:{body})")
        kinds.extend(kind for _, kind in entries)
    alternatives.append(rf"(?<![\w'’])(?:{'|'.join(branches)})")
    expression = re.compile("|".join(alternatives))
    if expression.groups != len(kinds) - 1:
        raise ValueError("lexicon entries must not capture: write (?:...)")
    return expression, tuple(kinds)


_TOKENS, _TOKEN_KINDS = _token_expression(lowered=True)
_TOKENS_ANY_CASE = _token_expression(lowered=False)[0]  # same groups, same kinds
# "n't" must be lower case in the text itself, which the lower-cased copy cannot tell
_MIXED_CASE_NT = re.compile(r"N['’][tT]|n['’]T")


def _mixed_case_nt(text: str) -> bool:
    return any(pair in text for pair in ("N'", "N’", "'T", "’T")) and bool(_MIXED_CASE_NT.search(text))


def tokens(text: str, lowered: str | None) -> Iterator[tuple[str, str, int, int]]:
    """(kind, word, start, end) of the evaluative wording and the punctuation of a text."""
    if lowered is None or _mixed_case_nt(text):
        expression, subject = _TOKENS_ANY_CASE, text
    else:
        expression, subject = _TOKENS, lowered
    kinds = _TOKEN_KINDS
    for match in expression.finditer(subject):
        start, end = match.span()
        yield kinds[match.lastindex], text[start:end], start, end


_NEGATION_REACH = 70  # characters after a negator that it still governs (within the clause)


@dataclass
class _Sentence:
    pos: int = 0
    neg: int = 0
    contrast: bool = False

    def verdict(self) -> Polarity | None:
        if self.pos and self.neg:
            if self.contrast or self.pos == self.neg:
                return Polarity.MIXED
            return Polarity.STRENGTH if self.pos > self.neg else Polarity.CONCERN
        if self.pos:
            return Polarity.STRENGTH
        if self.neg:
            return Polarity.CONCERN
        return None


def polarity(text: str) -> Polarity:
    """strength | concern | mixed | neutral, from the wording of a finding."""
    return read_polarity(text, lowered_copy(text))


def read_polarity(text: str, lowered: str | None) -> Polarity:
    """`polarity`, given the text's `scan.lowered_copy`."""
    return _verdict(_sentences(tokens(text, lowered)))


def read_polarity_by_part(
    text: str, lowered: str | None, parts: list[tuple[int, int]]
) -> tuple[Polarity, list[Polarity]]:
    """`read_polarity` of the text and of each of its `parts` ((start, end) offsets, in order, with
    only blanks between them, each but the last ending in a full stop), from one reading of the text.

    The reading starts afresh at every full stop, so the whole text reads as its parts one after the
    other; should a lexicon phrase run over a part's end, or a part not end in a full stop, the
    parts are read one by one instead, which gives the same as reading each alone.
    """
    groups: list[list[tuple[str, str, int, int]]] = [[] for _ in parts]
    part = 0
    for token in tokens(text, lowered):
        start, end = token[2], token[3]
        while part < len(parts) and start >= parts[part][1]:
            part += 1
        if part == len(parts) or start < parts[part][0] or end > parts[part][1]:
            return _read_parts_apart(text, lowered, parts)
        groups[part].append(token)
    for group, (_, end) in zip(groups[:-1], parts[:-1], strict=True):
        if not group or group[-1][0] != "stop" or group[-1][3] != end:
            return _read_parts_apart(text, lowered, parts)
    sentences = [_sentences(group) for group in groups]
    return _verdict([s for part_sentences in sentences for s in part_sentences]), [
        _verdict(part_sentences) for part_sentences in sentences
    ]


def _read_parts_apart(
    text: str, lowered: str | None, parts: list[tuple[int, int]]
) -> tuple[Polarity, list[Polarity]]:
    return read_polarity(text, lowered), [polarity(text[start:end]) for start, end in parts]


def _verdict(sentences: list[_Sentence]) -> Polarity:
    verdicts = [v for v in (s.verdict() for s in sentences) if v]
    if not verdicts:
        return Polarity.NEUTRAL
    mixed = 0.5 * verdicts.count(Polarity.MIXED)
    strengths = verdicts.count(Polarity.STRENGTH) + mixed
    concerns = verdicts.count(Polarity.CONCERN) + mixed
    if not concerns or strengths > 3 * concerns:
        return Polarity.STRENGTH
    if not strengths or concerns > 3 * strengths:
        return Polarity.CONCERN
    return Polarity.MIXED


def polarity_evidence(text: str) -> dict[str, list[str]]:
    """The positive and negative wording that decided a finding's polarity (for explaining it)."""
    evidence: dict[str, list[str]] = {"positive": [], "negative": []}
    _sentences(tokens(text, lowered_copy(text)), evidence)
    return evidence


def _sentences(
    found: Iterable[tuple[str, str, int, int]], evidence: dict[str, list[str]] | None = None
) -> list[_Sentence]:
    """The sentences of a text's `tokens`, each with its positive and negative wording counted."""
    sentences = [_Sentence()]
    current = sentences[0]
    negated_until = -1  # strong negation reaches this offset
    soft_until = -1  # soft negation reaches this offset
    past = False
    for kind, word, start, end in found:
        if kind == "stop":
            current = _Sentence()
            sentences.append(current)
            negated_until = soft_until = -1
            past = False
        elif kind == "comma":
            negated_until = soft_until = -1
        elif kind == "past":
            past = True
        elif kind == "contrast":
            current.contrast = True
            negated_until = soft_until = -1
        elif kind == "strong":
            negated_until = end + _NEGATION_REACH
            if not past:
                current.neg += 1
                _note(evidence, "negative", word)
        elif kind == "soft":
            soft_until = end + 25
        elif kind == "neg":
            if start < negated_until:
                continue  # "not yet effective in reducing drift": counted as the negator
            if start < soft_until:
                current.pos += 1  # "without delay", "fewer delays"
                _note(evidence, "positive", word)
                soft_until = -1
            elif not past:
                current.neg += 1
                _note(evidence, "negative", word)
        elif kind == "pos":
            if start < negated_until:
                continue  # already counted as the negator
            if start < soft_until:
                if not past:
                    current.neg += 1  # "less effective"
                    _note(evidence, "negative", word)
                soft_until = -1
                continue
            current.pos += 1
            _note(evidence, "positive", word)
    return sentences


def _note(evidence: dict[str, list[str]] | None, key: str, word: str) -> None:
    if evidence is not None:
        evidence[key].append(word)
