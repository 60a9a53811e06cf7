"""Plain text: decoding whatever the encoding, and splitting text into paragraphs and bullets.

`decode_text` turns bytes into clean text. `blocks` turns text (from a text file, an HTML
article or a PDF) into paragraphs and bullets, undoing the damage of page breaks and of
lines wrapped by a PDF: the letter and news parsers work on these blocks.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from .records import ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def decode_text(data: bytes) -> str:
    """Bytes of a text document -> normalised text. Raises ParseError for binary data."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise ParseError(
                    f"text starts with a {encoding} byte-order mark but is not {encoding}"
                ) from error
            break
    if text is None:
        text = _decode_without_bom(data)
    if _looks_binary(text):
        raise ParseError("binary data, not text")
    return normalise_text(text)


def _decode_without_bom(data: bytes) -> str:
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ParseError("binary data, not text")
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte
        return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NULs every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    if "\x00" in text:
        return True
    sample = text[:20000]
    controls = sum(
        1
        for ch in sample
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
    )
    return controls > max(2, 0.02 * len(sample))


_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalise_text(text: str) -> str:
    """One line-ending style, plain spaces, no invisible characters, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\f", "\n\n\n").replace("\v", "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = text.replace("\t", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


# --- paragraphs and bullets -------------------------------------------------------------

BULLET = re.compile(r"^\s*(?:[-–—•●▪◦■□➢►*·\uf0b7\uf0a7\uf076\uf0d8]|o(?=\s))\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)\]]*$")
# words a sentence never ends on: a block ending with one was cut short
_DANGLING = re.compile(
    r"\b(?:the|a|an|of|by|to|in|on|at|for|from|with|and|or|but|that|which|who|whose|this|these|those|"
    r"their|its|is|are|was|were|be|been|as|than|into|about|between|through|such|not|nor|so|if|when|"
    r"where|while|whilst|although|because|including|his|her|our|your|my|some|many|most|more|all)$",
    re.IGNORECASE,
)


@dataclass
class Block:
    kind: str  # para | bullet
    text: str

    @property
    def is_bullet(self) -> bool:
        return self.kind == "bullet"


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def is_heading(text: str) -> bool:
    """A short line that is not a sentence: a heading, a headline, a label."""
    text = text.strip()
    if not text or len(text) > 120 or len(text.split()) > 16:
        return False
    if text.endswith("?"):
        return True
    return not ends_sentence(text) and not text[0].islower()


def _wrap_width(lines: list[str]) -> int | None:
    """The width a PDF wrapped its lines at, or None when lines are whole paragraphs."""
    lengths = sorted(len(line) for line in lines if len(line.strip()) >= 25)
    if len(lengths) < 6:
        return None
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    longest = lengths[-1]
    if p90 > 140 or longest > 220:
        return None
    # wrapped text: many lines cluster near the width
    near = sum(1 for n in lengths if n >= 0.8 * p90)
    if near < 0.4 * len(lengths):
        return None
    return p90


def blocks(text: str) -> list[Block]:
    """Paragraphs and bullets of a text, with paragraphs split by page breaks or wrapping joined."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    raw: list[tuple[Block, bool]] = []  # (block, preceded by a blank line)
    current: Block | None = None
    previous_line = ""
    blank_before = True
    for line in lines:
        stripped = line.strip()
        if not stripped:
            current = None
            blank_before = True
            continue
        if _PAGE_NUMBER.match(stripped):
            continue
        bullet = BULLET.match(stripped)
        if bullet:
            current = Block("bullet", stripped[bullet.end() :].strip())
            raw.append((current, blank_before))
        elif current is not None and _continues(previous_line, stripped, width):
            current.text = _join(current.text, stripped)
        else:
            current = Block("para", stripped)
            raw.append((current, blank_before))
        previous_line = stripped
        blank_before = False
    return _join_broken([block for block, _ in raw if block.text])


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Is `line` the next line of the same paragraph as `previous` (no blank line between)?"""
    if line[0].islower() and not ends_sentence(previous):
        return True
    if width is None:
        return False
    if is_heading(previous) and len(previous) < 0.6 * width:
        return False
    if ends_sentence(previous) and is_heading(line) and len(line) < 0.75 * width:
        return False  # a heading after a paragraph
    if _DANGLING.search(previous) or previous.endswith((",", "-", "–")):
        return True
    return len(previous) >= 0.75 * width


def _join(left: str, right: str) -> str:
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        # a word hyphenated at the line end: keep the hyphen (safer than guessing)
        return left + right
    return f"{left} {right}"


def _join_broken(items: list[Block]) -> list[Block]:
    """Join a paragraph or bullet to the text a page break cut from it."""
    out: list[Block] = []
    for block in items:
        if out and block.kind == "para" and _is_cut(out[-1].text, block.text):
            out[-1].text = _join(out[-1].text, block.text)
            continue
        out.append(block)
    return out


def _is_cut(left: str, right: str) -> bool:
    if ends_sentence(left):
        return False
    if right[:1].islower():
        return True
    return bool(_DANGLING.search(left)) and not is_heading(left)


_SENTENCE_STOP = re.compile(r"[.!?]['\"”’)]*(?=\s+['\"“‘(]*[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Cllr|Prof|Rev|e\.g|i\.e|etc|vs)|\b[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (a full stop, ! or ? before a capital starts a new one)."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_STOP.finditer(text):
        if _ABBREVIATION.search(text, 0, match.start() + 1):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]
