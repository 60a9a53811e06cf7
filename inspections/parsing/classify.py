"""Themes and polarity of findings. Rules come from the caller (the Theme table).

Both are explainable: `theme_evidence` keeps the words that made each theme match, and
polarity comes from a small lexicon of evaluative wording read sentence by sentence:

- each sentence is a strength (only positive wording), a concern (only negative wording) or
  mixed (both, or a contrast such as "although", "but", "while ... not yet");
- negation turns positive wording negative ("not yet consistently good", "insufficiently
  clear", "lack of clarity"); a soft negator before negative wording makes it positive
  ("without delay", "fewer delays");
- negative wording about the past ("previously too many children waited too long") is
  discounted: the finding is about the present;
- the finding is a strength when strengths outweigh concerns more than three to one, a concern the other
  way round, mixed between, neutral when it has no evaluative wording;
- points in "What needs to improve" (section "improvement") are concerns by definition.

Speed (this runs on every finding of every document) comes from reading each text in one pass of
the regular expression engine wherever possible, over one lower-cased copy shared by both:

- themes: one expression of the literal words every theme's matches start with ("prefixes") finds
  where any theme can match; each theme's own expression is then tried only there;
- polarity: one expression finds the punctuation and the lexicon wording, dispatching on the first
  letter of each word.

Neither changes a result: themes are exactly what each theme's expression finds, and polarity
reads exactly the tokens a plain word-by-word scan finds; `_lowered` says why the lower-cased
copy is exact, and the tests check both.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .records import FindingRecord


@dataclass(frozen=True)
class ThemeRule:
    slug: str
    patterns: tuple[str, ...]  # regular expressions, matched case-insensitively


def classify_findings(findings: list[FindingRecord], rules: list[ThemeRule]) -> None:
    """Set themes, theme_evidence and polarity on each finding, in place."""
    compiled = _compile(tuple((rule.slug, tuple(rule.patterns)) for rule in rules))
    for finding in findings:
        lowered = _lowered(finding.text)
        themes, evidence = _match_themes(finding.text, lowered, compiled)
        finding.themes = themes
        finding.theme_evidence = evidence
        if finding.section == "improvement":
            finding.polarity = "concern"
        else:
            finding.polarity = _polarity(finding.text, lowered)


def themes_for(text: str, rules: list[ThemeRule]) -> tuple[list[str], dict[str, list[str]]]:
    """Theme slugs (in rule order) of a text, and the words that matched each."""
    return match_themes(text, _compile(tuple((rule.slug, tuple(rule.patterns)) for rule in rules)))


# --- the lower-cased text ----------------------------------------------------------------------

# İ lower-cases to two characters; ı and ſ match "i" and "s" case-insensitively but lower-case to
# themselves; K (kelvin sign) lower-cases to "k" but is no [A-Za-z] for the polarity scanner.
_CASE_EXCEPTIONS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _lowered(text: str) -> str | None:
    """`text` lower-cased, or None when that copy cannot stand in for it.

    Apart from the four `_CASE_EXCEPTIONS` (the tests check every code point), every character
    lower-cases to exactly one character; an ASCII letter or digit, space or punctuation matches
    case-insensitively exactly the characters that lower-case to it; and lower-casing keeps whether a
    character is a word character or whitespace. So the copy has the text's offsets, and an
    expression written in lower case and matched case-sensitively on it finds exactly what it finds
    case-insensitively in the text, word boundaries included - only faster: the engine skips a branch
    of an alternation after comparing one character only when matching case-sensitively.
    """
    if not text.isascii() and any(char in text for char in _CASE_EXCEPTIONS):
        return None
    return text.lower()


# --- themes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CompiledTheme:
    slug: str
    pattern: re.Pattern
    # (literal text in lower case, whether it can only start a word): every match starts with one
    # of them; None when that is not known
    prefixes: tuple[tuple[str, bool], ...] | None


@dataclass(frozen=True)
class _CompiledThemes:
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
def _compile(rules: tuple[tuple[str, tuple[str, ...]], ...]) -> _CompiledThemes:
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
            found = _literal_prefixes(pattern)
            if found is None or prefixes is None:
                prefixes = None
            else:
                prefixes.extend(found)
        compiled.append(
            _CompiledTheme(slug, combined, None if prefixes is None else tuple(dict.fromkeys(prefixes)))
        )
    return _with_scan(tuple(compiled))


def _with_scan(themes: tuple[_CompiledTheme, ...]) -> _CompiledThemes:
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
    return _CompiledThemes(themes, first_word, after_non_word, owners, free)


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


def match_themes(text: str, compiled: _CompiledThemes) -> tuple[list[str], dict[str, list[str]]]:
    """Theme slugs (in rule order) of a text, and the distinct words that matched each, in order."""
    return _match_themes(text, _lowered(text), compiled)


def _match_themes(
    text: str, lowered: str | None, compiled: _CompiledThemes
) -> tuple[list[str], dict[str, list[str]]]:
    themes: list[str] = []
    evidence: dict[str, list[str]] = {}
    starts = compiled.starts(lowered) if lowered is not None else None
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
_QUANTIFIERS = ("?", "*", "+", "{")
_MAX_VARIANTS = 16


def _literal_prefixes(pattern: str, after_boundary: bool = False) -> list[tuple[str, bool]] | None:
    """Literal texts (lower case) one of which every match of `pattern` starts with, each with whether
    it can only start a word; None if it cannot tell.

    Only a speed-up: the regular expression still decides. "\\bthresholds?\\b" -> [("threshold", True)],
    "\\b(?:access|referral) and assessment\\b" -> [("access", True), ("referral", True)],
    "\\bco-?located\\b" -> [("colocated", True), ("co-located", True)].
    """
    out: list[tuple[str, bool]] = []
    for alternative in _split_top_level(pattern):
        found = _alternative_prefixes(alternative, after_boundary)
        if found is None:
            return None
        out.extend(found)
    return out


def _alternative_prefixes(alternative: str, after_boundary: bool) -> list[tuple[str, bool]] | None:
    rest = alternative
    while rest.startswith(("\\b", "^")):
        after_boundary = after_boundary or rest.startswith("\\b")
        rest = rest[2:] if rest.startswith("\\b") else rest[1:]
    if rest.startswith("(?") and not rest.startswith("(?:"):
        return None  # a lookaround, named group, flags...
    if rest.startswith("("):
        close = _group_end(rest)
        if close is None or rest[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        return _literal_prefixes(rest[3 if rest.startswith("(?:") else 1 : close], after_boundary)
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


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(offset, character, depth) of each "(", ")" and "|" of an expression that is neither escaped
    nor in a character class; depth is how many groups around it are open (a parenthesis is outside
    its own group)."""
    depth, index = 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # skip the class; a "]" first in it is a literal
            index += 2 if pattern.startswith("[^", index) else 1
            index += 1 if pattern.startswith("]", index) else 0
            while index < len(pattern) and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        elif char == "(":
            yield index, char, depth
            depth += 1
        elif char == ")":
            depth -= 1
            yield index, char, depth
        elif char == "|":
            yield index, char, depth
        index += 1


def _split_top_level(pattern: str) -> list[str]:
    """The alternatives of an expression."""
    parts, start = [], 0
    for index, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _group_end(text: str) -> int | None:
    """Offset of the ")" closing the group `text` starts with."""
    for index, char, depth in _structure(text):
        if char == ")" and depth == 0:
            return index
    return None


# --- polarity ----------------------------------------------------------------------------------

_POSITIVE = [
    r"good",
    r"very good",
    r"outstanding",
    r"excellent",
    r"exceptional(?:ly)?",
    r"exemplary",
    r"effective(?:ly|ness)?",
    r"efficient(?:ly)?",
    r"timely",
    r"prompt(?:ly)?",
    r"swift(?:ly)?",
    r"quickly",
    r"strong(?:er|ly)?",
    r"strength(?:s|ened)?",
    r"robust(?:ly)?",
    r"rigorous(?:ly)?",
    r"thorough(?:ly)?",
    r"well[- ](?:embedded|established|coordinated|co-ordinated|supported|evidenced|written|articulated|"
    r"considered|understood|managed|targeted|structured|planned|led|used|placed|developed|informed|"
    r"trained|attended|recorded|focused|judged|run)",
    r"embedded",
    r"high[- ]quality",
    r"high (?:standard|level of (?:skill|support|expertise))s?",
    r"morale\b[^.;]{0,40}?\b(?:is|was|remains) (?:very )?(?:high|good)",
    r"high morale",
    r"clear(?:ly)?",
    r"appropriate(?:ly)?",
    r"proportionate(?:ly)?",
    r"positive(?:ly)?",
    r"sound",
    r"comprehensive(?:ly)?",
    r"detailed",
    r"consistent(?:ly)?",
    r"meticulous(?:ly)?",
    r"innovative",
    r"creative",
    r"sensitive(?:ly)?",
    r"child-?(?:centred|focused)",
    r"impressive",
    r"improved",
    r"(?:significant|considerable|notable|sustained|marked|substantial|good|steady) (?:improvements?|progress)",
    r"(?:has|have) improved",
    r"(?:made|making|good|positive|significant|recent|considerable|steady|suitable) progress",
    r"improvements? in",
    r"adds? (?:real )?value",
    r"value[sd]?",
    r"valuable",
    r"manageable",
    r"regular(?:ly)?",
    r"purposeful(?:ly)?",
    r"tenacious(?:ly)?",
    r"diligent(?:ly)?",
    r"conscientious(?:ly)?",
    r"prioritised",
    r"commit(?:ted|ment)",
    r"enjoy(?:s|ed)?",
    r"proud",
    r"praised",
    r"successful(?:ly)?",
    r"empowering",
    r"enabl(?:es|ing)",
    r"responsive",
    r"accurate(?:ly)?",
    r"helpful",
    r"harmonious(?:ly)?",
    r"confident",
    r"competent",
    r"skilled",
    r"insightful",
    r"analytical",
    r"reflective",
    r"better",
    r"stable",
    r"stability",
    r"proactive(?:ly)?",
    r"ensur(?:es|ing)",
    r"nurturing",
    r"aspirational",
    r"ambitious",
    r"very well",
    r"highly",
    r"professional(?:ly)?",
    r"closely",
    r"progressive",
    r"outward-looking",
    r"welcom(?:es|ed|ing)",
    r"benefit(?:s|ed|ing)? from",
    r"(?:are|is|feel|felt) (?:well )?supported",
    r"knits? services together",
]

_NEGATIVE = [
    r"too",
    r"delay(?:s|ed)?",
    r"drift(?:s|ed|ing)?",
    r"variab(?:le|ility)",
    r"var(?:y|ies)",
    r"inconsisten(?:t|tly|cy|cies)",
    r"inadequate(?:ly)?",
    r"poor(?:ly)?",
    r"weak(?:er|ness|nesses)?",
    r"slow(?:ly|er)?",
    r"late",
    r"limited",
    r"unclear",
    r"under-?developed",
    r"deficit(?:s)?",
    r"shortfall(?:s)?",
    r"fail(?:s|ed|ing|ure|ures)?",
    r"missed",
    r"gaps?",
    r"backlogs?",
    r"hamper(?:s|ed)?",
    r"undermin(?:e|es|ed|ing)",
    r"worse",
    r"deteriorat(?:e|ed|ing|ion)",
    r"declin(?:e|ed|ing)",
    r"concerns? (?:about|over|that|regarding)",
    r"(?:expressed|raised|raise|express|significant|serious) concerns?",
    r"unsafe",
    r"unsuitable",
    r"overridden",
    r"unstable",
    r"instability",
    r"ineffective(?:ly)?",
    r"(?:needs?|requires?|required) (?:to be )?improve(?:d|ment)?",
    r"(?:should|must) improve",
    r"could be (?:further |much )?(?:improved|strengthened|better)",
    r"(?:is|are|remains?) (?:still )?(?:at an )?early stages?",
    r"high (?:caseloads?|turnover|levels? of|numbers? of|volume|reliance)",
    r"reliance on (?:agency|temporary|locum)",
    r"missed opportunit(?:y|ies)",
    r"not (?:yet )?(?:consistently )?(?:good )?enough",
    r"minority",
    r"only (?:a few|some|partially)",
]

# strong negators count as negative wording by themselves and cancel positive wording after them
_STRONG_NEGATORS = [
    r"not",
    r"not yet",
    r"not always",
    r"not all",
    r"n't",
    r"never",
    r"cannot",
    r"insufficient(?:ly)?",
    r"lack(?:s|ing|ed)?(?: of)?",
    r"absence of",
    r"nor",
    r"rarely",
    r"seldom",
]
# soft negators only matter next to evaluative wording: "less effective" (negative),
# "without delay", "fewer delays" (positive)
_SOFT_NEGATORS = [
    r"less",
    r"without",
    r"no",
    r"fewer",
    r"reduc(?:e|es|ed|ing)(?: the)?",
    r"prevent(?:s|ing)?",
]

_CONTRAST = [
    r"although",
    r"though",
    r"but",
    r"however",
    r"while",
    r"whilst",
    r"whereas",
    r"despite",
    r"and yet",
]
_PAST = [
    r"previously",
    r"formerly",
    r"historically",
    r"in the past",
    r"at the (?:last|previous) inspection",
    r"used to",
]
_NEUTRAL = [r"not only", r"not just", r"whether or not", r"no longer", r"no doubt", r"if not", r"good range"]


_KINDS = (
    ("neutral", _NEUTRAL),
    ("past", _PAST),
    ("strong", _STRONG_NEGATORS),
    ("soft", _SOFT_NEGATORS),
    ("contrast", _CONTRAST),
    ("neg", _NEGATIVE),
    ("pos", _POSITIVE),
)


def _first_letters(entry: str) -> list[tuple[str, str]]:
    """A lexicon entry as (first letter, rest) pairs, tried in this order: "good" -> [("g", "ood")],
    "(?:has|have) improved" -> [("h", "as improved"), ("h", "ave improved")]."""
    pairs = []
    for alternative in _split_top_level(entry):
        first, following = alternative[:1], alternative[1:2]
        if first and first in string.ascii_lowercase and following not in _QUANTIFIERS:
            pairs.append((first, alternative[1:]))
        elif alternative.startswith("(?:"):
            close = _group_end(alternative)
            if close is None or alternative[close + 1 : close + 2] in _QUANTIFIERS:
                raise ValueError(f"lexicon entry {entry!r}: a group it starts with must not be optional")
            for inner in _split_top_level(alternative[3:close]):
                pairs.extend(_first_letters(inner + alternative[close + 1 :]))
        else:
            raise ValueError(f"lexicon entry {entry!r} must start with a lower-case letter or (?:")
    return pairs


def _token_expression(lowered: bool) -> tuple[re.Pattern, tuple[str | None, ...]]:
    """One expression for the tokens of a text, found left to right: punctuation, and lexicon wording
    at the start of a word (and "n't" anywhere); a word of the lexicon is not searched for inside
    another. With `lowered` it is for the lower-cased text, else for the text itself.

    Each alternative ends with an empty group; the number of the last group matched gives the kind.
    Lexicon entries are tried by kind (the order of `_KINDS`), longest first within a kind, grouped
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
    for kind, entries in _KINDS:
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


def _tokens(text: str, lowered: str | None) -> Iterator[tuple[str, str, int, int]]:
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

    def verdict(self) -> str | None:
        if self.pos and self.neg:
            if self.contrast or self.pos == self.neg:
                return "mixed"
            return "strength" if self.pos > self.neg else "concern"
        if self.pos:
            return "strength"
        if self.neg:
            return "concern"
        return None


def polarity(text: str) -> str:
    """strength | concern | mixed | neutral, from the wording of a finding."""
    return _polarity(text, _lowered(text))


def _polarity(text: str, lowered: str | None) -> str:
    verdicts = [v for v in (s.verdict() for s in _sentences(text, lowered)) if v]
    if not verdicts:
        return "neutral"
    strengths = verdicts.count("strength") + 0.5 * verdicts.count("mixed")
    concerns = verdicts.count("concern") + 0.5 * verdicts.count("mixed")
    if not concerns:
        return "strength"
    if not strengths:
        return "concern"
    if strengths > 3 * concerns:
        return "strength"
    if concerns > 3 * strengths:
        return "concern"
    return "mixed"


def polarity_evidence(text: str) -> dict[str, list[str]]:
    """The positive and negative wording that decided a finding's polarity (for explaining it)."""
    evidence: dict[str, list[str]] = {"positive": [], "negative": []}
    _sentences(text, _lowered(text), evidence)
    return evidence


def _sentences(
    text: str, lowered: str | None, evidence: dict[str, list[str]] | None = None
) -> list[_Sentence]:
    sentences = [_Sentence()]
    current = sentences[0]
    negated_until = -1  # strong negation reaches this offset
    soft_until = -1  # soft negation reaches this offset
    past = False
    for kind, word, start, end in _tokens(text, lowered):
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
