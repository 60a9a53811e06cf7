"""Reading Ofsted's reports site: listing pages -> providers, provider pages -> publications."""

import datetime as dt

import pytest

from inspections.parsing.ofsted_site import (
    SiteChanged,
    listing_start_check,
    listing_url,
    read_listing,
    read_provider_page,
    read_publication_label,
)

PAGE = "https://reports.ofsted.gov.uk/search?q=&start=0&rows=100"


def test_the_listing_address_pages_by_start_and_rows():
    assert listing_url("https://reports.ofsted.gov.uk/", 100) == (
        "https://reports.ofsted.gov.uk/search?q=&location=&lat=&lon=&radius=&level_1_types=3"
        "&level_2_types%5B%5D=12&start=100&rows=100"
    )


def test_providers_are_the_provider_links_each_once_with_urn_name_and_absolute_address():
    html = """<ul>
      <li><a href="/provider/44/80519">Westminster City Council</a> <a href="/provider/44/80519">View</a></li>
      <li><a href="https://reports.ofsted.gov.uk/provider/44/80516/">London Borough of
          Tower Hamlets</a></li>
      <li><a href="/about">About</a> <a href="mailto:x@example.org/provider/1">odd</a></li>
    </ul>"""
    page = read_listing(html, PAGE)
    assert [(p.urn, p.name, p.url) for p in page.providers] == [
        ("80519", "Westminster City Council", "https://reports.ofsted.gov.uk/provider/44/80519"),
        ("80516", "London Borough of Tower Hamlets", "https://reports.ofsted.gov.uk/provider/44/80516/"),
    ]
    assert page.next_url is None


def test_the_older_next_link_is_read():
    html = '<a href="/provider/44/1">A</a><ul class="pagination"><li class="next"><a href="?page=2">Next</a></li></ul>'
    assert read_listing(html, PAGE).next_url == "https://reports.ofsted.gov.uk/search?page=2"


def test_a_first_page_without_provider_links_is_a_changed_site():
    page = read_listing("<p>Find an inspection report</p><a href='/reports/80519'>Westminster</a>", PAGE)
    with pytest.raises(SiteChanged, match=r"^https://reports.ofsted.gov.uk/search\?.*links to no provider"):
        listing_start_check(page, PAGE)


@pytest.mark.parametrize(
    "label, expected",
    [
        (
            "Children's services inspection - 29 January 2025, pdf",
            ("Children's services inspection", dt.date(2025, 1, 29), "pdf"),
        ),
        (
            "Children's services inspection,  pdf - 16 August 2013",
            ("Children's services inspection", dt.date(2013, 8, 16), "pdf"),
        ),
        ("Focused visit - 7 September 2018, pdf", ("Focused visit", dt.date(2018, 9, 7), "pdf")),
        (
            "Joint targeted area inspection - 2 May 2019",
            ("Joint targeted area inspection", dt.date(2019, 5, 2), None),
        ),
        ("Monitoring visit, pdf", ("Monitoring visit", None, "pdf")),
    ],
)
def test_a_publication_label_gives_its_name_date_and_file_type(label, expected):
    assert read_publication_label(label) == expected


def test_publications_are_the_publication_links_in_page_order():
    html = """<ul>
      <li><a class="publication-link" href="https://files.ofsted.gov.uk/v1/file/50250001">
        Download <span class="nonvisual">Children's services inspection - 29 January 2025, pdf</span></a></li>
      <li><a class="publication-link" href="/v1/file/50100002">
        <span class="nonvisual">Children's services focused visit - 3 March 2022, pdf</span></a></li>
    </ul>"""
    publications = read_provider_page(html, "https://reports.ofsted.gov.uk/provider/44/80519")
    assert [(p.url, p.name, p.published) for p in publications] == [
        (
            "https://files.ofsted.gov.uk/v1/file/50250001",
            "Children's services inspection",
            dt.date(2025, 1, 29),
        ),
        (
            "https://reports.ofsted.gov.uk/v1/file/50100002",
            "Children's services focused visit",
            dt.date(2022, 3, 3),
        ),
    ]


def test_a_provider_page_with_nothing_published_has_no_publications():
    assert (
        read_provider_page("<h1>Westminster</h1><p>No reports.</p>", "https://x.example/provider/44/1") == []
    )


def test_a_provider_page_linking_documents_without_the_markup_is_a_changed_site():
    html = '<a class="download" href="https://files.ofsted.gov.uk/v1/file/50250001">Report</a>'
    with pytest.raises(
        SiteChanged, match=r"provider/44/1: the provider page links to documents .*publication-link"
    ):
        read_provider_page(html, "https://x.example/provider/44/1")
