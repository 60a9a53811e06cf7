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
"""

from __future__ import annotations

import re
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
        themes, evidence = match_themes(finding.text, compiled)
        finding.themes = themes
        finding.theme_evidence = evidence
        finding.polarity = "concern" if finding.section == "improvement" else polarity(finding.text)


def themes_for(text: str, rules: list[ThemeRule]) -> tuple[list[str], dict[str, list[str]]]:
    """Theme slugs (in rule order) of a text, and the words that matched each."""
    return match_themes(text, _compile(tuple((rule.slug, tuple(rule.patterns)) for rule in rules)))


@dataclass(frozen=True)
class _CompiledTheme:
    slug: str
    pattern: re.Pattern
    # literal text (case-folded) one of which every match starts with; None when unknown
    prefixes: tuple[str, ...] | None
    # the prefixes are long enough to try the expression only where one of them occurs
    anchored: bool = False


@lru_cache(maxsize=32)
def _compile(rules: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[_CompiledTheme, ...]:
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
        prefixes: list[str] | None = []
        for pattern in valid:
            found = _literal_prefixes(pattern)
            if found is None or prefixes is None:
                prefixes = None
            else:
                prefixes.extend(found)
        if prefixes is None:
            compiled.append(_CompiledTheme(slug, combined, None))
        else:
            unique = tuple(dict.fromkeys(prefixes))
            compiled.append(_CompiledTheme(slug, combined, unique, min(len(p) for p in unique) >= 3))
    return tuple(compiled)


def match_themes(text: str, compiled) -> tuple[list[str], dict[str, list[str]]]:
    themes: list[str] = []
    evidence: dict[str, list[str]] = {}
    folded = text.casefold()
    aligned = len(folded) == len(text)  # case folding kept every offset
    for theme in compiled:
        words: list[str] = []
        for match in _theme_matches(theme, text, folded, aligned):
            word = match.group(0)
            if word and word not in words:
                words.append(word)
        if words:
            themes.append(theme.slug)
            evidence[theme.slug] = words
    return themes, evidence


def _theme_matches(theme: _CompiledTheme, text: str, folded: str, aligned: bool):
    """The matches of a theme's expression, trying it only where a match can start."""
    if theme.prefixes is None:
        return theme.pattern.finditer(text)
    starts = set()
    for prefix in theme.prefixes:
        at = folded.find(prefix)
        while at != -1:
            starts.add(at)
            at = folded.find(prefix, at + 1)
    if not starts:
        return ()  # none of the words a match must start with is in the text
    if not aligned or not theme.anchored:
        return theme.pattern.finditer(text)
    matches = []
    end = -1
    for start in sorted(starts):
        if start < end:
            continue
        match = theme.pattern.match(text, start)
        if match is not None and match.end() > start:
            matches.append(match)
            end = match.end()
    return matches


_LITERAL = re.compile(r"[A-Za-z0-9 '’\-]")


def _literal_prefixes(pattern: str) -> list[str] | None:
    """Literal texts one of which every match of `pattern` starts with (None if it cannot tell).

    Only a speed-up: the regular expression still decides. "\\bthresholds?\\b" -> ["threshold"],
    "\\b(?:access|referral) and assessment\\b" -> ["access", "referral"].
    """
    out: list[str] = []
    for alternative in _top_level(pattern, "|"):
        found = _alternative_prefixes(alternative)
        if found is None:
            return None
        out.extend(found)
    return out


def _alternative_prefixes(alternative: str) -> list[str] | None:
    rest = alternative
    while rest.startswith(("\\b", "^")):
        rest = rest[2:] if rest.startswith("\\b") else rest[1:]
    if rest.startswith(("(?:", "(")) and not rest.startswith(
        ("(?=", "(?!", "(?<", "(?P", "(?#", "(?i", "(?a")
    ):
        body_start = 3 if rest.startswith("(?:") else 1
        close = _closing(rest)
        if close is None or (close + 1 < len(rest) and rest[close + 1] in "?*{"):
            return None
        inner = _literal_prefixes(rest[body_start:close])
        return inner
    literal = []
    index = 0
    while index < len(rest):
        char = rest[index]
        following = rest[index + 1] if index + 1 < len(rest) else ""
        if char == "\\" and following == "-":
            char, step = "-", 2
        elif _LITERAL.fullmatch(char) and char != "\\":
            step = 1
        else:
            break
        after = rest[index + step] if index + step < len(rest) else ""
        if after in ("?", "*", "{"):
            break
        literal.append(char)
        if after == "+":
            break
        index += step
    text = "".join(literal).casefold()
    return [text] if text.strip() else None


def _top_level(pattern: str, separator: str) -> list[str]:
    parts, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _closing(text: str) -> int | None:
    depth, in_class, index = 0, False, 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


# --- polarity -----------------------------------------------------------------------------

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


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_KINDS = (
    ("neutral", _NEUTRAL),
    ("past", _PAST),
    ("strong", _STRONG_NEGATORS),
    ("soft", _SOFT_NEGATORS),
    ("contrast", _CONTRAST),
    ("neg", _NEGATIVE),
    ("pos", _POSITIVE),
)


def _lexicon_by_letter() -> dict[str, re.Pattern]:
    """For each first letter, one expression of the lexicon entries that can start with it.

    Scanning tries this only at the start of a word: much faster than one alternation of
    every entry tried at every character.
    """
    letters: dict[str, dict[str, list[str]]] = {}
    for kind, words in _KINDS:
        for word in words:
            prefixes = _literal_prefixes(word)
            starts = {p[0] for p in prefixes} if prefixes else set("abcdefghijklmnopqrstuvwxyz")
            for letter in starts:
                letters.setdefault(letter, {}).setdefault(kind, []).append(word)
    compiled = {}
    for letter, kinds in letters.items():
        branches = [f"(?P<{kind}>{_alternatives(kinds[kind])})\\b" for kind, _ in _KINDS if kind in kinds]
        compiled[letter] = re.compile("|".join(branches), re.IGNORECASE)
    return compiled


_BY_LETTER = _lexicon_by_letter()
_SCAN = re.compile(
    r"(?P<stop>[.!?;](?=\s|$|['\"”’)]))"
    r"|(?P<comma>[,:—–(]|\s-\s)"
    r"|(?P<nt>n['’]t\b)"
    r"|(?<![\w'’])(?P<word>[A-Za-z])"
)


def _tokens(text: str):
    """(kind, word, start, end) of the evaluative wording and the punctuation of a text."""
    position = 0
    while True:
        match = _SCAN.search(text, position)
        if match is None:
            return
        kind = match.lastgroup
        if kind == "word":
            expression = _BY_LETTER.get(match.group("word").lower())
            found = expression.match(text, match.start()) if expression is not None else None
            if found is None:
                position = match.end()
                continue
            position = found.end()
            yield found.lastgroup, found.group(0), found.start(), found.end()
        else:
            position = match.end()
            yield ("strong" if kind == "nt" else kind), match.group(0), match.start(), match.end()


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
    verdicts = [v for v in (s.verdict() for s in _sentences(text)) if v]
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
    _sentences(text, evidence)
    return evidence


def _sentences(text: str, evidence: dict[str, list[str]] | None = None) -> list[_Sentence]:
    sentences = [_Sentence()]
    current = sentences[0]
    negated_until = -1  # strong negation reaches this offset
    soft_until = -1  # soft negation reaches this offset
    past = False
    for kind, word, start, end in _tokens(text):
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
