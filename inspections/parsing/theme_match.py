"""Matching a finding's text against the theme rules, fast.

One expression of the literal words every theme's matches start with ("prefixes") finds where any
theme can match, over a lower-cased copy of the text; each theme's own expression is then tried only
there. That changes no result: the themes are exactly what each theme's expression finds.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .scan import QUANTIFIERS, group_end, lowered_copy, split_top_level


@dataclass(frozen=True)
class ThemeRule:
    slug: str
    patterns: tuple[str, ...]  # regular expressions, matched case-insensitively


def themes_for(text: str, rules: list[ThemeRule]) -> tuple[list[str], dict[str, list[str]]]:
    """Theme slugs (in rule order) of a text, and the words that matched each."""
    return match_themes(text, compile_rules(rules))


def compile_rules(rules: list[ThemeRule]) -> CompiledThemes:
    """The rules compiled (cached: the same rules give the same object)."""
    return _compile(tuple((rule.slug, tuple(rule.patterns)) for rule in rules))


@dataclass(frozen=True)
class _CompiledTheme:
    slug: str
    pattern: re.Pattern
    # (literal text in lower case, whether it can only start a word): every match starts with one
    # of them; None when that is not known
    prefixes: tuple[tuple[str, bool], ...] | None


@dataclass(frozen=True)
class CompiledThemes:
    """The themes of a rule set, and how to find where any of them can match."""

    themes: tuple[_CompiledTheme, ...]
    # over the lower-cased text: the longest prefix that can only start a word, found either at the
    # start of the text (`first_word`) or after a non-word character (`after_non_word`, group 1)
    first_word: re.Pattern | None
    after_non_word: re.Pattern | None
    # such a prefix -> the themes (indices) with a prefix it starts with, so that can match there
    word_owners: dict[str, tuple[int, ...]]
    # prefixes free to start anywhere (rare: patterns not starting with \b) -> their themes
    free_owners: dict[str, tuple[int, ...]]

    def __iter__(self) -> Iterator[_CompiledTheme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def starts(self, lowered: str) -> dict[int, list[int]]:
        """Theme index -> the offsets (ascending) in the lower-cased text where a match can start."""
        starts: dict[int, list[int]] = {}
        if self.first_word is not None:
            found = self.first_word.match(lowered)
            hits = [(0, found.group())] if found is not None else []
            hits += ((hit.start() + 1, hit.group(1)) for hit in self.after_non_word.finditer(lowered))
            for at, prefix in hits:
                for index in self.word_owners[prefix]:
                    starts.setdefault(index, []).append(at)
        if self.free_owners:
            for prefix, owners in self.free_owners.items():
                at = lowered.find(prefix)
                while at != -1:
                    for index in owners:
                        starts.setdefault(index, []).append(at)
                    at = lowered.find(prefix, at + 1)
            for index in {index for owners in self.free_owners.values() for index in owners}:
                if index in starts:
                    starts[index] = sorted(set(starts[index]))
        return starts


@lru_cache(maxsize=32)
def _compile(rules: tuple[tuple[str, tuple[str, ...]], ...]) -> CompiledThemes:
    """One regular expression per theme; a pattern that does not compile is left out."""
    compiled = []
    for slug, patterns in rules:
        valid = []
        for pattern in patterns:
            try:
                re.compile(pattern, re.IGNORECASE)
            except (re.error, TypeError):
                continue
            valid.append(pattern)
        if not valid:
            continue
        try:
            combined = re.compile("|".join(f"(?:{p})" for p in valid), re.IGNORECASE)
        except re.error:  # e.g. inline global flags, allowed only at the start of a pattern
            combined = re.compile(
                "|".join(f"(?:{p})" for p in valid if not p.startswith("(?")), re.IGNORECASE
            )
        prefixes: list[tuple[str, bool]] | None = []
        for pattern in valid:
            found = literal_prefixes(pattern)
            if found is None or prefixes is None:
                prefixes = None
            else:
                prefixes.extend(found)
        compiled.append(
            _CompiledTheme(slug, combined, None if prefixes is None else tuple(dict.fromkeys(prefixes)))
        )
    return _with_scan(tuple(compiled))


def _with_scan(themes: tuple[_CompiledTheme, ...]) -> CompiledThemes:
    """The themes, with the expressions and tables that find where each can match."""
    word_owners: dict[str, set[int]] = {}
    free_owners: dict[str, set[int]] = {}
    for index, theme in enumerate(themes):
        for text, word_start in theme.prefixes or ():
            (word_owners if word_start else free_owners).setdefault(text, set()).add(index)
    # the longest prefix found at a word start stands for every shorter one it starts with
    owners = {
        longest: tuple(
            sorted({i for text, indices in word_owners.items() if longest.startswith(text) for i in indices})
        )
        for longest in word_owners
    }
    first_word = after_non_word = None
    if owners:
        # "\W" first: the engine skips straight to the non-word characters
        first_word = re.compile(_longest_of(owners))
        after_non_word = re.compile(rf"\W(?=({first_word.pattern}))")
    free = {text: tuple(sorted(indices)) for text, indices in free_owners.items()}
    return CompiledThemes(themes, first_word, after_non_word, owners, free)


def _longest_of(words) -> str:
    """An expression for the longest of `words` (literal texts) that a text continues with: a trie,
    so that the engine compares each character once rather than once per word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def expression(node: dict) -> str:
        branches = [re.escape(char) + expression(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return expression(trie)


def match_themes(text: str, compiled: CompiledThemes) -> tuple[list[str], dict[str, list[str]]]:
    """Theme slugs (in rule order) of a text, and the distinct words that matched each, in order."""
    return themes_in(text, lowered_copy(text), compiled)


def themes_in(
    text: str, lower: str | None, compiled: CompiledThemes
) -> tuple[list[str], dict[str, list[str]]]:
    """`match_themes`, given the text's `scan.lowered_copy`."""
    themes: list[str] = []
    evidence: dict[str, list[str]] = {}
    starts = compiled.starts(lower) if lower is not None else None
    for index, theme in enumerate(compiled.themes):
        if theme.prefixes is None or starts is None:
            matches = theme.pattern.finditer(text)
        elif index in starts:
            matches = _matches_at(theme.pattern, text, starts[index])
        else:
            continue  # none of the words a match must start with is in the text
        words = list(dict.fromkeys(word for match in matches if (word := match.group(0))))
        if words:
            themes.append(theme.slug)
            evidence[theme.slug] = words
    return themes, evidence


def _matches_at(pattern: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` finds, given that every match starts at one of `starts`."""
    end = -1
    for start in starts:
        if start < end:
            continue  # inside the previous match
        match = pattern.match(text, start)
        if match is not None and match.end() > start:
            yield match
            end = match.end()


_LITERAL = re.compile(r"[A-Za-z0-9 '’\-]")
_ESCAPED_LITERAL = frozenset(string.punctuation + " ")  # "\." is a literal "."
_MAX_VARIANTS = 16


def literal_prefixes(pattern: str, after_boundary: bool = False) -> list[tuple[str, bool]] | None:
    """Literal texts (lower case) one of which every match of `pattern` starts with, each with whether
    it can only start a word; None if it cannot tell.

    Only a speed-up: the regular expression still decides. "\\bthresholds?\\b" -> [("threshold", True)],
    "\\b(?:access|referral) and assessment\\b" -> [("access", True), ("referral", True)],
    "\\bco-?located\\b" -> [("colocated", True), ("co-located", True)].
    """
    out: list[tuple[str, bool]] = []
    for alternative in split_top_level(pattern):
        found = _alternative_prefixes(alternative, after_boundary)
        if found is None:
            return None
        out.extend(found)
    return out


def _alternative_prefixes(alternative: str, after_boundary: bool) -> list[tuple[str, bool]] | None:
    rest = alternative
    while rest.startswith(("\\b", "^", "(?<!")):
        if rest.startswith("(?<!"):  # looks behind, so a match still starts with what follows
            close = group_end(rest)
            if close is None or rest[close + 1 : close + 2] in QUANTIFIERS:
                return None
            rest = rest[close + 1 :]
            continue
        after_boundary = after_boundary or rest.startswith("\\b")
        rest = rest[2:] if rest.startswith("\\b") else rest[1:]
    if rest.startswith("(?") and not rest.startswith("(?:"):
        return None  # a lookaround, named group, flags...
    if rest.startswith("("):
        close = group_end(rest)
        if close is None or rest[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        return literal_prefixes(rest[3 if rest.startswith("(?:") else 1 : close], after_boundary)
    variants = [""]  # a literal character followed by "?" doubles them
    index = 0
    while index < len(rest):
        char = rest[index]
        if char == "\\" and rest[index + 1 : index + 2] in _ESCAPED_LITERAL:
            char, step = rest[index + 1], 2
        elif _LITERAL.fullmatch(char):
            step = 1
        else:
            break
        after = rest[index + step : index + step + 1]
        if after == "?" and len(variants) < _MAX_VARIANTS:
            variants += [variant + char for variant in variants]
            step += 2 if rest[index + step + 1 : index + step + 2] in ("?", "+") else 1  # lazy, possessive
        elif after in ("?", "*", "{"):
            break
        else:
            variants = [variant + char for variant in variants]
            if after == "+":
                break
        index += step
    if any(not variant.strip() for variant in variants):
        return None  # a match can start with nothing certain
    # "threshold" does for "thresholds"
    variants = [v for v in variants if not any(v != u and v.startswith(u) for u in variants)]
    # a word boundary before a word character: the character before the match is no word character
    return [(variant.lower(), after_boundary and variant[0].isalnum()) for variant in variants]
