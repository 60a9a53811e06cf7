"""What the page layout adds to a document's text, and taking it away.

- `clean_lines`: a paged document's lines without running headers and footers (lines that recur
  at the top or bottom of many pages), page numbers and footnote blocks, so that a paragraph broken
  across pages reads on;
- `paginate`: the pages of a text that lost its page breaks (a report pasted as plain text or
  saved as HTML), found again by its page numbers and running headers;
- `blocks`: the paragraphs and bullets of a text, joined across page breaks and wrapped lines;
- `is_page_number`: "3", "Page 3 of 12", "3/12";
- `is_furniture`: letterhead and web-site furniture (addresses, telephone lines, site footers,
  links) in a letter or a news page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from .text import ends_sentence, is_heading


@dataclass
class Line:
    text: str  # whitespace collapsed
    page: int  # 0-based


_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
_TRAILING_NUMBER_RE = re.compile(r"\s*\d{1,3}$")
_FOOTNOTE_START_RE = re.compile(r"^\d{1,2}(?:\s|$)")
REPORT_MARGIN = 3  # lines at the top (or the bottom) of a report's page that its running header takes
LETTER_MARGIN = 12  # a letter's: its letterhead may run on every page


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER_RE.match(line) is not None


def _layout_key(line: str) -> str:
    """A line as it recurs from page to page: the page number at its end does not count."""
    return _TRAILING_NUMBER_RE.sub("", " ".join(line.split()).lower())


def _recurring(pages: list[list[str]], margin: int) -> tuple[set[str], set[str]]:
    """The running headers and footers: lines among the first (last) `margin` of many pages."""
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages:
        filled = [line for line in lines if line.strip()]
        top.update({_layout_key(line) for line in filled[:margin]})
        bottom.update({_layout_key(line) for line in filled[-margin:]})
    threshold = max(3, int(len(pages) * 0.4))
    headers = {key for key, count in top.items() if count >= threshold and key}
    footers = {key for key, count in bottom.items() if count >= threshold and key}
    return headers, footers


def _first_kept(lines: list[str], indices: range, recurring: set[str], most: int) -> int:
    """The first of `indices` whose line is not blank, a page number or a recurring line, passing
    over at most `most` such lines; `indices.stop` when every line is."""
    dropped = 0
    for index in indices:
        stripped = lines[index].strip()
        if not stripped:
            continue
        if not (is_page_number(stripped) or _layout_key(stripped) in recurring):
            return index
        dropped += 1
        if dropped == most:
            return index + indices.step
    return indices.stop


def clean_lines(
    pages: list[str], own: Callable[[str], bool] | None = None, margin: int = REPORT_MARGIN
) -> list[Line]:
    """All pages' lines without running headers/footers, page numbers and footnotes.

    A running header may repeat the cover's own title word for word; `own` tells such a line (the
    title) and it stays on the first page, once, wherever else it recurs. `margin`: how many lines
    at the top or the bottom of a page its running header or footer may take.
    """
    result: list[Line] = []
    for number, lines in _page_bodies(pages, own, margin):
        for raw in lines:
            text = " ".join(raw.split())
            if text:
                result.append(Line(text, number))
    return result


def clean_pages(pages: list[str], margin: int = REPORT_MARGIN) -> list[str]:
    """Each page's text without its running header and footer, page number and footnotes, its
    lines otherwise as they are (blank ones too)."""
    return ["\n".join(lines) for _, lines in _page_bodies(pages, None, margin)]


def _page_bodies(
    pages: list[str], own: Callable[[str], bool] | None, margin: int
) -> Iterator[tuple[int, list[str]]]:
    """(page number, the page's lines between its header and its footer or footnotes)."""
    split_pages = [page.split("\n") for page in pages]
    headers, footers = _recurring(split_pages, margin)
    cover = next((number for number, lines in enumerate(split_pages) if any(map(str.strip, lines))), None)
    for number, lines in enumerate(split_pages):
        start = _first_kept(lines, range(len(lines)), headers, margin + 1)
        kept = _own_lines(lines[:start], own) if number == cover and own is not None else []
        end = _first_kept(lines, range(len(lines) - 1, start - 1, -1), footers, margin + 1) + 1
        end = _footnotes_start(lines, start, end)
        yield number, [*kept, *lines[start:end]]


def _footnotes_start(lines: list[str], start: int, end: int) -> int:
    """Where a page's footnote block starts (a blank line, then "1 Ofsted produces this report
    ..."), or `end`. A page with a blank line between every two lines (a text saved as HTML, a
    paragraph a line) marks no footnote so."""
    blank = sum(1 for line in lines[start:end] if not line.strip())
    if blank * 3 > end - start:
        return end
    for index in range(max(start, end - 15), end - 1):
        if not lines[index].strip() and _FOOTNOTE_START_RE.match(lines[index + 1].strip()):
            return index
    return end


def _own_lines(dropped: list[str], own: Callable[[str], bool]) -> list[str]:
    """The first of the lines dropped from the top of a page that is the document's own."""
    for raw in dropped:
        if raw.strip() and own(" ".join(raw.split())):
            return [raw]
    return []


# --- pages of a text that lost them ------------------------------------------------------------

_LINES_A_PAGE = 45  # about how many lines a page of a report has, to guess their number
_MIN_PAGE_LINES = 3  # lines from one page number to the next at the least
_HEADER_GAP = 15  # lines between a running header's appearances, mostly (a page may be short)
_MIN_HEADER_LENGTH = 12  # characters: "Good" or "Summary" recur on their own, and are no headers
_LONE_NUMBER_RE = re.compile(r"\s*(?:page\s+)?(\d{1,3})(?:\s*(?:of|/)\s*\d{1,3})?\s*", re.IGNORECASE)


def paginate(text: str) -> list[str]:
    """The pages of a paged document's text that lost its page breaks (pasted as plain text, saved
    as HTML), told by what starts or ends each page: page numbers alone on a line, running in
    sequence, and running headers or footers (lines that recur on many pages, but for the page
    number at their end). A page break goes before each; one page when there is neither."""
    lines = text.split("\n")
    numbered = _numbered_pages(lines)
    pages_guess = len(numbered) or sum(1 for line in lines if line.strip()) // _LINES_A_PAGE
    marks = set(numbered) | set(_running_lines(lines, pages_guess))
    pages: list[str] = []
    start = previous = 0
    for index, line in enumerate(lines):
        if index in marks and previous not in marks and index > start:
            pages.append("\n".join(lines[start:index]))
            start = index
        if line.strip():
            previous = index
    pages.append("\n".join(lines[start:]))
    return pages


def _running_lines(lines: list[str], pages_guess: int) -> list[int]:
    """Where a running header or footer stands: a line (but for a page number at its end) that
    recurs on many pages, mostly a page apart (cells of a table recur too, lines apart)."""
    at: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        key = _layout_key(line)
        if len(key) >= _MIN_HEADER_LENGTH:
            at.setdefault(key, []).append(index)
    least = max(3, int(pages_guess * 0.4))
    found: list[int] = []
    for indices in at.values():
        gaps = sorted(after - before for before, after in pairwise(indices))
        if len(indices) >= least and gaps[len(gaps) // 2] >= _HEADER_GAP:
            found.extend(indices)
    return found


def _numbered_pages(lines: list[str]) -> list[int]:
    """Where the page numbers stand: the longest run of numbers alone on a line that count up one
    by one (1, 2, 3, or from any number on), a few lines apart at least (a column of a table counts
    up too, line by line), and three numbers long at least; of runs as long, the one whose numbers
    stand furthest apart."""
    best: dict[int, tuple[int, int, list[int]]] = {}  # number -> (length, closest gap, run) ending in it
    for index, line in enumerate(lines):
        match = _LONE_NUMBER_RE.fullmatch(line)
        if match is None:
            continue
        value = int(match.group(1))
        length, closest, run = best.get(value - 1, (0, len(lines), []))
        if run and index - run[-1] < _MIN_PAGE_LINES:
            length, closest, run = 0, len(lines), []
        candidate = (length + 1, min(closest, index - run[-1]) if run else closest, [*run, index])
        if candidate[:2] > best.get(value, (0, 0, []))[:2]:
            best[value] = candidate
    length, _, run = max(best.values(), key=lambda item: item[:2], default=(0, 0, []))
    return run if length >= 3 else []


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
