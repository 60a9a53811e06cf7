import pytest

from inspections.models import SourceDocument
from tests.web.html import text_of


def test_source_page_shows_what_it_is_and_the_visits_it_describes(world, get_soup):
    soup = get_soup(f"/sources/{world.letter.pk}/")
    assert text_of(soup.find("h1")) == "Focused visit to Westminster children's services"
    assert world.letter.sha256 in text_of(soup)
    visits = [text_of(a) for a in soup.find(id="source-visits").find_all("a")]
    assert visits == ["Westminster: focused visit, 7 to 8 August 2018"]
    assert soup.find(id="download-original")["href"] == f"/sources/{world.letter.pk}/original"


def test_source_page_says_when_the_publication_date_is_not_stated(world, get_soup):
    assert "date not stated" in text_of(get_soup(f"/sources/{world.news_outstanding.pk}/"))


def test_the_original_downloads_byte_for_byte(world, client):
    response = client.get(f"/sources/{world.leeds_report.pk}/original")
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 leeds"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="leeds.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["ETag"] == f'"{world.leeds_report.sha256}"'


def test_text_originals_download_as_attachments(world, client):
    response = client.get(f"/sources/{world.letter.pk}/original")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_document_awaiting_review_is_not_public(world, client):
    assert client.get(f"/sources/{world.draft.pk}/").status_code == 404
    assert client.get(f"/sources/{world.draft.pk}/original").status_code == 404
    assert client.get("/sources/999999/original").status_code == 404


def test_source_page_links_to_the_original_address_when_it_is_a_web_address(world, get_soup):
    url = "https://files.ofsted.gov.uk/v1/file/50021234"
    world.letter.source_url = url
    world.letter.save(update_fields=["source_url"])
    row = get_soup(f"/sources/{world.letter.pk}/").find(id="source-url")
    assert row.a["href"] == url and text_of(row) == url


def test_an_original_address_that_is_not_a_web_address_is_shown_but_not_linked(world, get_soup):
    world.letter.source_url = "ftp://files.example.org/letter.pdf"
    world.letter.save(update_fields=["source_url"])
    row = get_soup(f"/sources/{world.letter.pk}/").find(id="source-url")
    assert row.a is None and text_of(row) == "ftp://files.example.org/letter.pdf"


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.domain)//",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/page",
    ],
)
def test_an_address_read_from_a_document_is_a_link_only_on_the_web(world, get_soup, address):
    """A canonical link in an HTML document becomes the source URL: a hostile one is shown, never linked."""
    SourceDocument.objects.filter(pk=world.letter.pk).update(source_url=address)
    soup = get_soup(f"/sources/{world.letter.pk}/")
    found_at = soup.find(id="source-url").parent
    assert found_at.find("a") is None
    assert found_at.find("dd").get_text() == address
    assert not [a for a in soup.find_all("a", href=True) if a["href"].strip().startswith(address.strip()[:6])]


def test_a_web_address_is_a_link(world, get_soup):
    SourceDocument.objects.filter(pk=world.letter.pk).update(source_url="https://reports.ofsted.gov.uk/x")
    soup = get_soup(f"/sources/{world.letter.pk}/")
    assert soup.find("a", href="https://reports.ofsted.gov.uk/x") is not None
