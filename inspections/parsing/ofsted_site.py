"""Ofsted's reports site, read: a listing page -> providers, a provider page -> publications.

What the site looks like is described in ../shared/docs/ofsted-site.md; nothing here fetches it.
Links are resolved against the page's own address, so relative and absolute links both work. A
page that no longer has the structure the readers rely on raises SiteChanged, saying which page
and what was missing: the caller must never take such a page for "nothing new".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from .dates import find_dates
from .records import ParseError

# The listing of every local authority children's services provider, before its paging.
LISTING_PATH = "search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12"
LISTING_ROWS = 100  # the most results a page of the listing gives (since early 2025)


class SiteChanged(ParseError):
    """A page of Ofsted's site no longer has the structure the sync relies on."""


@dataclass(frozen=True)
class Provider:
    """A local authority's children's services as Ofsted lists them."""

    urn: str  # the last segment of the provider link (Ofsted's URN, e.g. "80519")
    name: str  # as Ofsted writes it: "Westminster City Council"
    url: str  # the provider page, absolute


@dataclass(frozen=True)
class Publication:
    """One document on a provider page."""

    url: str  # the document itself, absolute
    name: str  # "Children's services inspection"
    published: date | None  # the date the listing gives
    file_type: str | None  # "pdf", from the listing's ", pdf"; None when it names none
    label: str  # the listing's text as it is


@dataclass(frozen=True)
class ListingPage:
    providers: list[Provider]
    next_url: str | None  # the older paging's `ul.pagination li.next a`, when the page has one


def listing_url(base_url: str, start: int, rows: int = LISTING_ROWS) -> str:
    """The address of one page of the listing, `start` results in."""
    return urljoin(base_url, f"{LISTING_PATH}&start={start}&rows={rows}")


def _soup(html: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _web_link(href: str | None, page_url: str) -> str | None:
    """An http(s) link resolved against the page, without its fragment; None for anything else."""
    if not href or not href.strip():
        return None
    url = urldefrag(urljoin(page_url, href.strip())).url
    return url if urlsplit(url).scheme in ("http", "https") else None


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def read_listing(html: bytes | str, page_url: str) -> ListingPage:
    """The providers a listing page links to (each once, in page order) and its "next" link."""
    soup = _soup(html)
    providers: dict[str, Provider] = {}
    for link in soup.find_all("a", href=True):
        if "/provider/" not in link["href"]:
            continue
        url = _web_link(link["href"], page_url)
        if url is None:
            continue
        urn = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        name = _text(link)
        if not urn or urn == "provider":
            continue
        if urn in providers:
            if not providers[urn].name and name:
                providers[urn] = Provider(urn=urn, name=name, url=providers[urn].url)
            continue
        providers[urn] = Provider(urn=urn, name=name, url=url)
    next_link = soup.select_one("ul.pagination li.next a[href]")
    return ListingPage(
        providers=list(providers.values()),
        next_url=_web_link(next_link["href"], page_url) if next_link else None,
    )


def listing_start_check(page: ListingPage, page_url: str) -> None:
    """The first page of the listing must link to providers: if it links to none, the site changed."""
    if not page.providers:
        raise SiteChanged(
            f"{page_url}: the first page of the listing links to no provider (no <a> whose href "
            "contains /provider/): Ofsted's site no longer matches what sync_ofsted reads"
        )


_FILE_TYPE_RE = re.compile(r",\s*([a-z]{2,5})\s*(?=$|-|,)", re.IGNORECASE)
_DOCUMENT_HREF_RE = re.compile(r"\.(?:pdf|docx?|odt)(?:$|[?#])|/file/", re.IGNORECASE)


def read_publication_label(text: str) -> tuple[str, date | None, str | None]:
    """ "Children's services inspection - 29 January 2025, pdf" -> (name, date, "pdf"). The date
    may stand before or after the file type ("..., pdf - 16 August 2013")."""
    text = " ".join(text.split())
    dates = find_dates(text)
    published, rest = None, text
    if dates:
        published, start, end = dates[-1]
        rest = text[:start] + text[end:]
    file_type = None
    found = _FILE_TYPE_RE.search(rest)
    if found:
        file_type = found.group(1).lower()
        rest = rest[: found.start()] + rest[found.end() :]
    name = re.sub(r"(\s*[-–,]\s*)+$", "", rest).strip(" -–,")
    return name, published, file_type


def read_provider_page(html: bytes | str, page_url: str) -> list[Publication]:
    """Every `a.publication-link` of a provider page, in page order (newest first on the site).

    A page with no such link is a provider with nothing published, unless it links to documents
    some other way: then the site changed, and SiteChanged says so.
    """
    soup = _soup(html)
    publications: list[Publication] = []
    seen: set[str] = set()
    for link in soup.select("a.publication-link"):
        url = _web_link(link.get("href"), page_url)
        if url is None:
            raise SiteChanged(
                f"{page_url}: a publication link has no web address (href={link.get('href')!r})"
            )
        if url in seen:
            continue
        seen.add(url)
        hidden = link.select_one("span.nonvisual")
        label = _text(hidden) if hidden is not None else _text(link)
        name, published, file_type = read_publication_label(label)
        publications.append(
            Publication(url=url, name=name, published=published, file_type=file_type, label=label)
        )
    if not publications:
        documents = [a["href"] for a in soup.find_all("a", href=True) if _DOCUMENT_HREF_RE.search(a["href"])]
        if documents:
            raise SiteChanged(
                f"{page_url}: the provider page links to documents ({documents[0]}) but none as "
                '<a class="publication-link">: Ofsted\'s site no longer matches what sync_ofsted reads'
            )
    return publications
