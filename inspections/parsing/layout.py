"""What the page layout adds to a document's text, and taking it away.

- `clean_lines`: a paged document's lines without running headers and footers (lines that recur
  at the top or bottom of many pages), page numbers and footnote blocks, so that a paragraph broken
  across pages reads on;
- `is_page_number`: "3", "Page 3 of 12", "3/12";
- `is_furniture`: letterhead and web-site furniture (addresses, telephone lines, site footers,
  links) in a letter or a news page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .text import ends_sentence, is_heading


@dataclass
class Line:
    text: str  # whitespace collapsed
    page: int  # 0-based


_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_TRAILING_NUMBER_RE = re.compile(r"\s*\d{1,3}$")
_FOOTNOTE_START_RE = re.compile(r"^\d{1,2}(?:\s|$)")
_MOST_DROPPED = 4  # lines of header (or of footer) a page can have


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER_RE.match(line) is not None


def _layout_key(line: str) -> str:
    """A line as it recurs from page to page: the page number at its end does not count."""
    return _TRAILING_NUMBER_RE.sub("", " ".join(line.split()).lower())


def _recurring(pages: list[list[str]]) -> tuple[set[str], set[str]]:
    """The running headers and footers: lines among the first (last) three of many pages."""
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages:
        filled = [line for line in lines if line.strip()]
        top.update({_layout_key(line) for line in filled[:3]})
        bottom.update({_layout_key(line) for line in filled[-3:]})
    threshold = max(3, int(len(pages) * 0.4))
    headers = {key for key, count in top.items() if count >= threshold and key}
    footers = {key for key, count in bottom.items() if count >= threshold and key}
    return headers, footers


def _first_kept(lines: list[str], indices: range, recurring: set[str]) -> int:
    """The first of `indices` whose line is not blank, a page number or a recurring line, passing
    over at most four such lines; `indices.stop` when every line is."""
    dropped = 0
    for index in indices:
        stripped = lines[index].strip()
        if not stripped:
            continue
        if not (is_page_number(stripped) or _layout_key(stripped) in recurring):
            return index
        dropped += 1
        if dropped == _MOST_DROPPED:
            return index + indices.step
    return indices.stop


def clean_lines(pages: list[str], own: Callable[[str], bool] | None = None) -> list[Line]:
    """All pages' lines without running headers/footers, page numbers and footnotes.

    A running header may repeat the cover's own title word for word; `own` tells such a line (the
    title) and it stays on the first page, once, wherever else it recurs.
    """
    split_pages = [page.split("\n") for page in pages]
    headers, footers = _recurring(split_pages)
    cover = next((number for number, lines in enumerate(split_pages) if any(map(str.strip, lines))), None)
    result: list[Line] = []
    for number, lines in enumerate(split_pages):
        start = _first_kept(lines, range(len(lines)), headers)
        if number == cover and own is not None:
            result.extend(_own_lines(lines[:start], own, number))
        end = _first_kept(lines, range(len(lines) - 1, start - 1, -1), footers) + 1
        # A footnote block: a whitespace-only line, then "1 Ofsted produces this report ..."
        for index in range(max(start, end - 15), end - 1):
            if not lines[index].strip() and _FOOTNOTE_START_RE.match(lines[index + 1].strip()):
                end = index
                break
        for raw in lines[start:end]:
            text = " ".join(raw.split())
            if text:
                result.append(Line(text, number))
    return result


def _own_lines(dropped: list[str], own: Callable[[str], bool], page: int) -> list[Line]:
    """The first of the lines dropped from the top of a page that is the document's own."""
    for raw in dropped:
        text = " ".join(raw.split())
        if text and own(text):
            return [Line(text, page)]
    return []


# --- paragraphs and bullets ---------------------------------------------------------------

BULLET = re.compile(r"^\s*(?:[-–—•●▪◦■□➢►*·\uf0b7\uf0a7\uf076\uf0d8]|o(?=\s))\s+")
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
        if is_page_number(stripped):
            continue
        bullet = BULLET.match(stripped)
        if bullet:
            current = Block("bullet", stripped[bullet.end() :].strip())
            raw.append((current, blank_before))
        elif current is not None and _continues(previous_line, stripped, width):
            current.text = join_lines(current.text, stripped)
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


def join_lines(left: str, right: str) -> str:
    """Two lines of a paragraph as one."""
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        # a word hyphenated at the line end: keep the hyphen (safer than guessing)
        return left + right
    return f"{left} {right}"


def _join_broken(items: list[Block]) -> list[Block]:
    """Join a paragraph or bullet to the text a page break cut from it."""
    out: list[Block] = []
    for block in items:
        if out and block.kind == "para" and _is_cut(out[-1].text, block.text):
            out[-1].text = join_lines(out[-1].text, block.text)
            continue
        out.append(block)
    return out


def _is_cut(left: str, right: str) -> bool:
    if ends_sentence(left):
        return False
    if right[:1].islower():
        return True
    return bool(_DANGLING.search(left)) and not is_heading(left)


# --- letterhead and site furniture ---------------------------------------------------------

_FURNITURE = re.compile(
    r"(?:\bcollaboration\s+-|\bwebsite design by\b|\bmarket research by\b|^Registered (?:Address|Office)\b|"
    r"^(?:Tel|Telephone|Fax|Email|E-mail|Web|Phone)\s*[:.]|\bContact Us\b|^Delivering a diverse\b|"
    r"\bAll rights reserved\b|^(?:Copyright|©)|\bPrivacy (?:policy|notice)\b|\bTerms (?:and|&) conditions\b|"
    r"\bCookies?\b.*\b(?:policy|settings|accept)\b|^(?:Share|Follow us|Subscribe|Sign up|Read more|"
    r"Related (?:articles|stories|news)|Back to top|Skip to)\b|\benquiries@ofsted\b|www\.gov\.uk/ofsted|"
    r"^Textphone\b|\*\*Textphone\*\*|^T\s+0\d{3}|^Ofsted\s+(?:Piccadilly Gate|Agora|Royal Exchange|"
    r"Clive House)|^(?:Piccadilly Gate|Store Street|Agora|Cumberland Place|Royal Exchange Buildings)\b|"
    r"^(?:www\.|https?://)\S+$|^\S+@\S+\.\S+$)",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


def is_furniture(text: str) -> bool:
    """Site or letterhead furniture: addresses, telephone lines, footers, links."""
    text = text.strip()
    if not text:
        return True
    if _FURNITURE.search(text):
        return True
    # an address: a postcode in a short text that is not a sentence
    return bool(_POSTCODE.search(text)) and len(text.split()) <= 25 and not ends_sentence(text)
