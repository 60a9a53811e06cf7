"""Plain text: decoding whatever the encoding, and telling sentences and headings.

`decode_text` turns bytes into clean text; `sentences`, `ends_sentence` and `is_heading` read
a paragraph or a line. Paragraphs and bullets of a paged text: `layout.blocks`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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


# --- sentences and headings ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)\]]*$")


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
