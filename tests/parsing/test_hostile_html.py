"""Hostile HTML: whatever the page, the reader returns an article or says in a ParseError why not,
in time that grows with the page, not with its square."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspections.parsing.html import HtmlArticle, html_article
from inspections.parsing.limits import MAX_HTML_TAGS
from inspections.parsing.records import ParseError
from tests.processes import parse_in_child

ARTICLE = "<p>" + "Children in care are visited regularly by their social workers. " * 8 + "</p>"
SCRIPT_MARKER = "stolen-cookie"
TAGS = [
    "div", "p", "article", "header", "section", "main", "pre", "li", "ul", "b", "span", "table", "tr",
    "td", "h1", "time", "nav", "aside", "footer", "script", "style", "template", "svg", "form", "br",
]  # fmt: skip
ATTRIBUTES = [
    'href="javascript:alert(document.domain)//"',
    'src="javascript:alert(1)"',
    'onclick="alert(1)"',
    'class="cookie-banner"',
    'class="social-share related"',
    'id="main"',
    'role="main"',
    'itemprop="datePublished" content="2019-03-12"',
    'rel="canonical" href="javascript:alert(1)"',
    'datetime="not a date"',
    'style="display:none"',
]


@st.composite
def tag_soup(draw) -> bytes:
    """Random tags, opened and often never closed, with hostile attributes, around an article."""
    parts = ["<html><head><title>Hostile page</title></head><body>"]
    for _ in range(draw(st.integers(0, 30))):
        name = draw(st.sampled_from(TAGS))
        attributes = " ".join(draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3)))
        depth = draw(st.one_of(st.just(1), st.integers(1, 3000)))
        parts.append(f"<{name} {attributes}>" * depth)
        parts.append(draw(st.sampled_from(["", "word ", ARTICLE, f"<script>{SCRIPT_MARKER}</script>", "\n"])))
        if draw(st.booleans()):
            parts.append(f"</{name}>" * draw(st.integers(0, depth)))
    parts.append(draw(st.sampled_from(["", "</body></html>", "<!--", "<![CDATA[", "</div>" * 50])))
    return "".join(parts).encode()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(tag_soup())
def test_any_page_gives_an_article_or_a_parse_error_in_time(data):
    started = time.perf_counter()
    try:
        article = html_article(data)
    except ParseError as error:
        assert str(error)
    else:
        assert isinstance(article, HtmlArticle)
        assert SCRIPT_MARKER not in article.text  # a script's text never becomes the article's
    assert time.perf_counter() - started < 10


def nested(depth: int, closed: bool = True) -> bytes:
    return ("<html><body>" + "<div>" * depth + ARTICLE + ("</div>" * depth if closed else "")).encode()


def reading_time(data: bytes) -> float:
    """The best of two readings: the machine is shared, and a pause only ever adds."""
    times = []
    for _ in range(2):
        started = time.perf_counter()
        assert "visited regularly" in html_article(data).text
        times.append(time.perf_counter() - started)
    return min(times)


def test_ten_times_deeper_takes_about_ten_times_longer_not_a_hundred():
    shallow, deep = reading_time(nested(2_000)), reading_time(nested(20_000))
    assert deep / shallow < 30, f"depth 2,000: {shallow:.2f} s; depth 20,000: {deep:.2f} s"


def test_a_page_nested_deep_without_closing_tags_is_read():
    assert "visited regularly" in html_article(nested(20_000, closed=False)).text


def read_in_child(data: str) -> tuple[str, float, int]:
    return parse_in_child(
        f"from inspections.parsing.html import html_article\ndata = {data}", "html_article(data)"
    )


def test_a_million_unclosed_tags_are_refused_at_once():
    message, seconds, megabytes = read_in_child('b"<html><body>" + b"<div>" * 1_000_000')  # 5 MB
    assert message == f"HTML has more than {MAX_HTML_TAGS:,} tags: too many to read"
    assert seconds < 5 and megabytes < 100


def test_a_page_nested_200_000_deep_is_refused_at_once():
    message, seconds, megabytes = read_in_child('b"<div>" * 200_000 + b"text" + b"</div>" * 200_000')
    assert message == f"HTML has more than {MAX_HTML_TAGS:,} tags: too many to read"
    assert seconds < 5 and megabytes < 100
