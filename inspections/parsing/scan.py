"""What the one-pass scanners of themes and polarity share: a lower-cased copy of the text that
stands in for it exactly, and reading the shape of a regular expression (its alternatives, its
groups) without compiling it."""

from __future__ import annotations

from collections.abc import Iterator

QUANTIFIERS = ("?", "*", "+", "{")

# İ lower-cases to two characters; ı and ſ match "i" and "s" case-insensitively but lower-case to
# themselves; K (kelvin sign) lower-cases to "k" but is no [A-Za-z] for the polarity scanner.
CASE_EXCEPTIONS = ("\u0130", "\u0131", "\u017f", "\u212a")


def lowered_copy(text: str) -> str | None:
    """`text` lower-cased, or None when that copy cannot stand in for it.

    Apart from the four `CASE_EXCEPTIONS` (the tests check every code point), every character
    lower-cases to exactly one character; an ASCII letter or digit, space or punctuation matches
    case-insensitively exactly the characters that lower-case to it; and lower-casing keeps whether a
    character is a word character or whitespace. So the copy has the text's offsets, and an
    expression written in lower case and matched case-sensitively on it finds exactly what it finds
    case-insensitively in the text, word boundaries included - only faster: the engine skips a branch
    of an alternation after comparing one character only when matching case-sensitively.
    """
    if not text.isascii() and any(char in text for char in CASE_EXCEPTIONS):
        return None
    return text.lower()


# --- the shape of an expression ----------------------------------------------------------------


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


def split_top_level(pattern: str) -> list[str]:
    """The alternatives of an expression."""
    parts, start = [], 0
    for index, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def group_end(text: str) -> int | None:
    """Offset of the ")" closing the group `text` starts with."""
    for index, char, depth in _structure(text):
        if char == ")" and depth == 0:
            return index
    return None
