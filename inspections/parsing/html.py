"""The article in an HTML page: its text, title, published date and canonical URL.

The text keeps the shape of a text file so that the same parsers read both: paragraphs and
headings as blocks separated by blank lines, list items as "- " lines.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import islice

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from .dates import parse_date
from .limits import MAX_HTML_TAGS
from .records import ParseError
from .text import normalise_text


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    published: date | None = None
    canonical_url: str | None = None


_DROP = {
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
    "input", "nav", "aside", "footer", "head", "object", "embed", "canvas", "dialog",
}  # fmt: skip
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "address",
    "hr",
    "details",
    "summary",
    "body",
    "center",
}
# class or id tokens of page furniture ("cookie-banner", "related_articles", "social-share")
_FURNITURE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:cookies?|consent|banners?|breadcrumbs?|share|sharing|social-(?:share|links|media|icons)|"
    r"newsletter|subscribe|related|adverts?|ads?|promo|skip-link|sidebar|comments?|signup|sign-up|popup|"
    r"modal|site-header|site-footer|masthead)(?:$|[-_\s])",
    re.IGNORECASE,
)
_ERROR_PAGE = re.compile(
    r"\b(?:(?:report|page|document|file|article|content)\s+(?:was\s+)?not\s+found|not\s+found|404|"
    r"page\s+(?:cannot|can't|could\s+not)\s+be\s+(?:found|displayed)|no\s+longer\s+(?:exists|available)|"
    r"access\s+denied|forbidden|server\s+error|an\s+error\s+(?:has\s+)?occurred|something\s+went\s+wrong|"
    r"page\s+unavailable|service\s+unavailable|sign\s+in\s+to\s+continue)\b",
    re.IGNORECASE,
)
_MIN_ARTICLE_WORDS = 40
_TAG_START = re.compile(rb"<[A-Za-z]")


def html_article(data: bytes) -> HtmlArticle:
    """The article of an HTML page. Raises ParseError for error pages and pages without an article."""
    if _too_many_tags(data):
        raise ParseError(f"HTML has more than {MAX_HTML_TAGS:,} tags: too many to read")
    try:
        return _article(data)
    except RecursionError:
        raise ParseError("HTML is nested too deeply to read") from None


def _too_many_tags(data: bytes) -> bool:
    tags = _TAG_START.finditer(data)
    return next(islice(tags, MAX_HTML_TAGS, None), None) is not None


def _article(data: bytes) -> HtmlArticle:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            soup = BeautifulSoup(data, "lxml")
    except Exception as error:  # lxml or bs4 giving up on malformed input
        raise ParseError(f"unreadable HTML ({error.__class__.__name__})") from error

    metas = _metas(soup)
    title = _title(soup, metas)
    published = _published(soup, metas)
    canonical = _canonical(soup, metas)
    heading = _first_text(soup.find("h1"))
    page_title = _first_text(soup.find("title"))

    for label in (heading, _strip_site_name(page_title, longest=False), title):
        if label and len(label.split()) <= 8 and _ERROR_PAGE.search(label):
            raise ParseError(f"this is an HTML page ({label!r}), not a report")

    container = _container(soup)
    if container is not None:
        _pre_lines(container, soup)
    text = _render(container) if container is not None else ""
    words = len(text.split())
    if words < _MIN_ARTICLE_WORDS:
        shown = heading or page_title or title
        described = f"this HTML page ({shown!r})" if shown else "this HTML page"
        raise ParseError(f"{described} has no article text ({words} words), not a report")
    return HtmlArticle(text=text, title=title, published=published, canonical_url=canonical)


# --- metadata -------------------------------------------------------------------------------


_META_ATTRIBUTES = ("property", "name", "itemprop")
Metas = dict[tuple[str, str], str]  # (attribute, its value in lower case) -> content


def _metas(soup: BeautifulSoup) -> Metas:
    """The page's <meta> tags with content, the first of each name: one search of the page."""
    found: Metas = {}
    for tag in soup.find_all("meta", content=True):
        content = " ".join(str(tag["content"]).split())
        for attribute in _META_ATTRIBUTES:
            value = tag.get(attribute)
            if content and isinstance(value, str):
                found.setdefault((attribute, value.lower()), content)
    return found


def _meta(metas: Metas, *names: str) -> str | None:
    for name in names:
        for attribute in _META_ATTRIBUTES:
            content = metas.get((attribute, name.lower()))
            if content:
                return content
    return None


def _first_text(tag) -> str | None:
    if tag is None:
        return None
    text = " ".join(tag.get_text(" ").split())
    return text or None


def _title(soup: BeautifulSoup, metas: Metas) -> str | None:
    return (
        _meta(metas, "og:title", "twitter:title")
        or _first_text(soup.find("h1"))
        or _strip_site_name(_first_text(soup.find("title")))
    )


def _strip_site_name(title: str | None, longest: bool = True) -> str | None:
    """ "Headline | Site name", "Headline - Site name": the longest part (or the first)."""
    if not title:
        return title
    parts = [part.strip() for part in re.split(r"\s+[|–—-]\s+", title) if part.strip()]
    if not parts:
        return title
    return max(parts, key=len) if longest else parts[0]


_DATE_TAGS = 3


def _published(soup: BeautifulSoup, metas: Metas) -> date | None:
    candidates: list[str | None] = [
        _meta(
            metas,
            "article:published_time",
            "datePublished",
            "publish-date",
            "published_time",
            "pubdate",
            "dc.date.issued",
            "dcterms.issued",
            "sailthru.date",
            "parsely-pub-date",
        ),
    ]
    # A few: the text of each nested in the one before would make it the square of the page.
    for tag in soup.find_all(attrs={"itemprop": "datePublished"}, limit=_DATE_TAGS):
        candidates.append(tag.get("datetime") or tag.get("content") or tag.get_text(" "))
    candidates.append(_json_ld_date(soup))
    time = soup.find("time")
    if time is not None:
        candidates.append(time.get("datetime") or time.get_text(" "))
    for value in candidates:
        parsed = _date(value)
        if parsed is not None:
            return parsed
    return None


_ISO_PREFIX = re.compile(r"^\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?:[T\s]|$)")


def _date(value) -> date | None:
    """An ISO timestamp ("2019-03-12T09:30:00Z") or a date in words."""
    if not value or not isinstance(value, str):
        return None
    iso = _ISO_PREFIX.match(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    return parse_date(value.strip())


def _json_ld_date(soup: BeautifulSoup) -> str | None:
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.IGNORECASE)}):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, TypeError):
            continue
        found = _find_key(data, "datePublished", depth=0)
        if found:
            return found
    return None


def _find_key(data, key: str, depth: int) -> str | None:
    if depth > 6:
        return None
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        items = data.values()
    elif isinstance(data, list):
        items = data
    else:
        return None
    for item in items:
        found = _find_key(item, key, depth + 1)
        if found:
            return found
    return None


def _canonical(soup: BeautifulSoup, metas: Metas) -> str | None:
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if any(r.lower() == "canonical" for r in rels) and link["href"].strip():
            return link["href"].strip()
    return _meta(metas, "og:url")


# --- the article's text -----------------------------------------------------------------------


def _outermost(root: Tag, matches: Callable[[Tag], bool]) -> list[Tag]:
    """The tags under root that match, in document order, leaving out those inside one that does:
    one iterative walk, so the cost is the size of the tree, however deep it is."""
    found: list[Tag] = []
    stack: list[Tag] = [root]
    while stack:
        tag = stack.pop()
        if tag is not root and matches(tag):
            found.append(tag)
            continue
        stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return found


def _is_furniture(tag: Tag) -> bool:
    """Dropped from the article: scripts, navigation and the like, and tags whose class, id or
    role names page furniture (a cookie banner, share buttons)."""
    if tag.name in _DROP:
        return True
    if not tag.attrs or tag.name in ("html", "body", "main", "article"):
        return False
    marker = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
    return bool(marker.strip()) and _FURNITURE_CLASS.search(marker) is not None


def _container(soup: BeautifulSoup) -> Tag | None:
    for tag in _outermost(soup, _is_furniture):
        tag.decompose()
    # An article inside another has fewer words than the one around it.
    articles = _outermost(soup, lambda tag: tag.name == "article")
    if articles:
        container = max(articles, key=lambda tag: len(tag.get_text(" ").split()))
    else:
        container = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    for header in _outermost(container, lambda tag: tag.name == "header"):
        headline = header.find("h1")
        if headline is not None:
            header.replace_with(headline)
        else:
            header.decompose()
    return container


def _pre_lines(container: Tag, soup: BeautifulSoup) -> None:
    """Preformatted text keeps its lines: each line break in a <pre> becomes a <br>."""
    for pre in _outermost(container, lambda tag: tag.name == "pre"):
        for string in list(pre.find_all(string=True)):
            if "\n" not in string or isinstance(string, Comment | CData):
                continue
            pieces = []
            for number, line in enumerate(str(string).split("\n")):
                if number:
                    pieces.append(soup.new_tag("br"))
                pieces.append(NavigableString(line))
            string.replace_with(*pieces)


def _render(container: Tag) -> str:
    """Blocks separated by blank lines (a <br> on an empty line is one too), list items as '- '
    lines (iterative: no recursion limit)."""
    out: list[tuple[str, str, bool]] = []  # (kind, text, after a line break)
    buffer: list[str] = []
    kinds: list[str] = ["para"]
    line_break = [False]

    def flush(at_break: bool = False) -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            out.append((kinds[-1], text, line_break[0]))
        line_break[0] = at_break and bool(text)  # a line break after an empty line: a blank line

    stack: list[tuple[object, bool]] = [(container, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            flush()
            if node.name == "li" and len(kinds) > 1:
                kinds.pop()
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, Comment | CData | Declaration | Doctype | ProcessingInstruction):
                continue
            buffer.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "br":
            if kinds[-1] == "li":
                buffer.append(" ")
            else:
                flush(at_break=True)
            continue
        block = node.name in _BLOCKS
        if block:
            flush()
            if node.name == "li":
                kinds.append("li")
            stack.append((node, True))
        for child in reversed(list(node.children)):
            stack.append((child, False))
    flush()

    parts: list[str] = []
    previous = None
    for kind, text, after_break in out:
        if kind == "li":
            parts.append(("\n" if previous == "li" else "\n\n") + f"- {text}")
        else:
            parts.append(("\n" if after_break else "\n\n") + text)
        previous = kind
    return normalise_text("".join(parts))
