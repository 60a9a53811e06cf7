"""Decoding text files and reading the article out of HTML pages."""

from __future__ import annotations

import codecs
import random
from datetime import date

import pytest

from inspections.parsing import ParseError, parse_document
from inspections.parsing.extract import extract
from inspections.parsing.html import html_article
from inspections.parsing.layout import blocks
from inspections.parsing.text import decode_text
from tests.paths import CORPUS

SAMPLE = "Children’s services in Westminster – “outstanding” café\nSecond line"


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no byte-order mark
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "cp1252"],
)
def test_decodes_text_in_any_usual_encoding(data):
    assert decode_text(data) == SAMPLE


def test_latin1_bytes_undefined_in_cp1252():
    # 0x81 is undefined in cp1252: latin-1 reads it, as a control character that is dropped
    assert decode_text(b"caf\xe9 \x81ok") == "café ok"
    assert decode_text(b"caf\xe9 ok") == "café ok"


def test_line_endings_and_spaces_are_normalised():
    text = decode_text(b"one\r\ntwo\rthree\xc2\xa0four\xe2\x80\xafnine  \r\n\r\n\xe2\x80\x8bfive\x0csix")
    assert text == "one\ntwo\nthree four nine\n\nfive\n\n\nsix"


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00\x00",
        random.Random(7).randbytes(4000),
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4,
        b"\x1b\x1c\x1d\x1e\x1f" * 50 + b"some text",
    ],
    ids=["nul-bytes", "random-noise", "zip", "control-characters"],
)
def test_binary_noise_is_refused(data):
    with pytest.raises(ParseError, match="binary data, not text"):
        decode_text(data)


def test_text_with_a_bad_bom_is_refused():
    with pytest.raises(ParseError):
        decode_text(codecs.BOM_UTF8 + b"\xff\xfe\xfd not utf-8")


def test_blocks_keep_bullets_and_join_paragraphs_cut_by_a_page_break():
    text = "Findings\n\n- First point is good.\n- Second point was seen by\n\n\n\nthe inspectors.\nA new one."
    got = [(b.kind, b.text) for b in blocks(text)]
    assert got == [
        ("para", "Findings"),
        ("bullet", "First point is good."),
        ("bullet", "Second point was seen by the inspectors."),
        ("para", "A new one."),
    ]


# --- HTML -----------------------------------------------------------------------------------

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Strong support at Wandsworth | Care News</title>
<meta property="og:title" content="Strong political support for children's services at Wandsworth">
<meta property="article:published_time" content="2019-03-12T09:30:00+00:00">
<link rel="canonical" href="https://news.example.org/wandsworth-focused-visit">
<script>var tracking = "Ofsted inadequate";</script>
<style>p { color: red }</style>
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="cookie-banner">We use cookies. Accept all cookies.</div>
<article>
<header><h1>Strong political support for children's services at Wandsworth</h1>
<time datetime="2019-03-11">11 March 2019</time></header>
<p>There continues to be strong political and corporate support for children&rsquo;s services at
Wandsworth, Ofsted has reported, after a focused visit of the authority.</p>
<p>Inspectors highlighted:</p>
<ul>
<li>Too many families are subject to a high level of initial statutory intervention.</li>
<li>Consent for checks within the front door is too&nbsp;routinely overridden.</li>
</ul>
<p>Families benefit from a broad early help offer that is appropriately targeted at the right level
of need for children.<br>The out-of-hours arrangements provide children and families with an effective
service.</p>
<p>Finally, Wandsworth should improve the timeliness of assessments for children in need.</p>
<form><input name="email"><button>Subscribe</button></form>
</article>
<aside><h2>Related</h2><p>Another story about Kent.</p></aside>
<footer>Registered Address: Colchester, Essex CO4 3ZL. Contact Us</footer>
</body></html>
"""


def test_html_article_text_title_date_and_canonical_url():
    article = html_article(ARTICLE.encode("utf-8"))
    assert article.title == "Strong political support for children's services at Wandsworth"
    assert article.published == date(2019, 3, 12)
    assert article.canonical_url == "https://news.example.org/wandsworth-focused-visit"
    assert article.text.split("\n\n")[0] == "Strong political support for children's services at Wandsworth"
    assert (
        "Inspectors highlighted:\n\n"
        "- Too many families are subject to a high level of initial statutory intervention.\n"
        "- Consent for checks within the front door is too routinely overridden.\n\n"
    ) in article.text
    assert "appropriately targeted at the right level of need for children.\nThe out-of-hours" in article.text
    for furniture in ("Home", "cookies", "tracking", "color", "Subscribe", "Related", "Kent", "Registered"):
        assert furniture not in article.text


def test_html_metadata_fallbacks():
    body = "<p>" + "Inspectors found that social workers know their children well. " * 8 + "</p>"
    page = f"""<html><head><title>Headline here - Site</title>
    <meta property="og:url" content="https://example.org/og">
    <script type="application/ld+json">{{"@graph": [{{"@type": "NewsArticle",
      "datePublished": "2020-01-15T08:00:00Z"}}]}}</script></head>
    <body><main>{body}</main></body></html>"""
    article = html_article(page.encode())
    assert article.title == "Headline here"
    assert article.published == date(2020, 1, 15)
    assert article.canonical_url == "https://example.org/og"

    page = f"""<html><body><main><h1>The headline</h1>
    <span itemprop="datePublished" content="2021-06-02">2 June</span>{body}</main></body></html>"""
    article = html_article(page.encode())
    assert (article.title, article.published, article.canonical_url) == (
        "The headline",
        date(2021, 6, 2),
        None,
    )

    page = f"""<html><body><article><time datetime="2022-07-04T10:00">4 July</time>{body}</article></body></html>"""
    assert html_article(page.encode()).published == date(2022, 7, 4)

    page = f"<html><body><div>{body}</div></body></html>"
    article = html_article(page.encode())
    assert (article.title, article.published, article.canonical_url) == (None, None, None)


def test_html_in_a_legacy_encoding():
    page = (
        "<html><head><meta charset='windows-1252'></head><body><p>"
        + "Children’s services are “good” in this authority, inspectors said. " * 5
        + "</p></body></html>"
    )
    article = html_article(page.encode("cp1252"))
    assert "Children’s services are “good”" in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Page not found - GOV.UK</title></head><body><h1>Page not found</h1>"
        "<p>If you entered a web address please check it was correct.</p></body></html>",
        "<html><head><title>404</title></head><body><p>Nothing here.</p></body></html>",
        "<html><head><title>Error</title></head><body><h1>Sorry, something went wrong</h1></body></html>",
    ],
)
def test_html_error_pages_are_refused(page):
    with pytest.raises(ParseError, match=r"this is an HTML page \(.+\), not a report"):
        html_article(page.encode())


def test_html_page_without_an_article_is_refused():
    page = (
        "<html><head><title>Care News</title></head><body><nav>Home News</nav><p>Welcome.</p></body></html>"
    )
    with pytest.raises(ParseError, match="no article text"):
        html_article(page.encode())


def impostor():
    impostors = [
        path
        for path in sorted(CORPUS.glob("*.pdf"))
        if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF")
    ]
    assert len(impostors) == 1
    return impostors[0]


def test_corpus_impostor_is_refused_with_a_clear_reason(gazetteer, theme_rules):
    data = impostor().read_bytes()
    with pytest.raises(ParseError, match=r"this is an HTML page \('Report not found'\), not a report"):
        extract(data)
    with pytest.raises(ParseError, match="Report not found"):
        parse_document(data, gazetteer=gazetteer, theme_rules=theme_rules)


def test_html_news_article_parses_like_a_text_file(gazetteer, theme_rules):
    doc = parse_document(ARTICLE.encode("utf-8"), gazetteer=gazetteer, theme_rules=theme_rules)
    assert doc.format == "html"
    assert doc.doc_kind == "news"
    assert doc.authority.name == "Wandsworth"
    assert doc.other_authorities == []  # Kent in the aside, Essex in the footer: not the article
    assert doc.title == "Strong political support for children's services at Wandsworth"
    assert doc.published == date(2019, 3, 12)
    assert doc.source_url == "https://news.example.org/wandsworth-focused-visit"
    assert doc.visit_type == "focused_visit"
    sections = [(f.section, f.text[:30]) for f in doc.findings]
    assert ("finding", "Too many families are subject ") in sections
    assert ("improvement", "The timeliness of assessments ") in sections
    assert [f for f in doc.findings if f.section == "overview"]
