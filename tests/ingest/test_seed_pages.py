"""seeds-expected.md, "What the pages then show", over the real ingest of the seed documents."""

from bs4 import BeautifulSoup

from inspections.models import Finding, SourceDocument
from tests.web.html import table_rows, text_of

THREE = "/compare/?authority=westminster&authority=wandsworth&authority=tower-hamlets"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_thresholds_compared_across_the_three_each_quote_linking_to_its_document(seeds, client):
    soup = soup_of(client, THREE)
    row = soup.find(id="theme-thresholds")
    for slug in ("westminster", "wandsworth", "tower-hamlets"):
        cell = row.find("td", attrs={"data-authority": slug})
        counted = Finding.objects.public().filter(visit__authority__slug=slug, themes__slug="thresholds")
        assert counted.exists(), slug
        assert f"{counted.filter(polarity='concern').count()} concern" in text_of(cell), slug
        if cell.find("blockquote") is None:  # quoted once: under an earlier theme's row
            assert "Latest finding quoted under" in text_of(cell), slug
            continue
        quote = text_of(cell.find("blockquote"))
        quoted = Finding.objects.get(visit__authority__slug=slug, text__startswith=quote.strip("“”")[:40])
        assert quoted.themes.filter(slug="thresholds").exists(), quote
        assert text_of(cell.find("summary")).startswith(quoted.get_polarity_display()), slug
        source_links = [a["href"] for a in cell.find_all("a") if a["href"].startswith("/sources/")]
        assert source_links, f"{slug}: the quote links to its document"
        document = SourceDocument.objects.get(pk=int(source_links[0].split("/")[2]))
        assert quote.strip("“”")[:40] in document.extracted_text


def test_consent_and_concern_finds_wandsworths(seeds, client):
    soup = soup_of(client, "/findings/?theme=consent&polarity=concern")
    text = text_of(soup.find("main"))
    assert "Consent for checks within the front door is too routinely overridden" in text
    assert "Westminster" not in " ".join(
        text_of(a) for a in soup.find("main").find_all("a") if a.get("href", "").startswith("/authorities/")
    )


def test_westminster_timeline_focused_visit_then_outstanding_inspection(seeds, client):
    rows = table_rows(soup_of(client, "/authorities/westminster/").find(id="timeline-table"))
    assert rows[0][0] == "7 to 8 August 2018" and rows[0][1] == "Focused visit"
    assert rows[1][0] == "date not stated" and rows[1][1] == "Standard inspection"
    assert rows[1][2] == "Outstanding"


def test_westminsters_focused_visit_under_timeliness_leaves_out_timely_in_passing(seeds, client):
    """Eleven of its twenty findings said "timely" in passing and came back under timeliness."""
    soup = soup_of(client, "/findings/?theme=timeliness&authority=westminster")
    listed = text_of(soup.find("main"))
    for passing in (
        "Decision-making following contacts, including those out of hours",
        "When referrals are the subject of MASH enquiries",
        "Thresholds are appropriate and well embedded",
        "Child protection concerns are quickly identified",
    ):
        assert passing not in listed
    for finding in Finding.objects.filter(
        visit__authority__slug="westminster", finding_themes__theme__slug="timeliness"
    ):
        assert finding.text[:60] in listed


def test_ingested_findings_filter_by_their_visits_dates(seeds, client):
    """The findings of Westminster's focused visit (7 to 8 August 2018), and only dated ones, fall
    in a window around it; the undated visits' findings in no window."""
    soup = soup_of(client, "/findings/?authority=westminster&from=2018-08-01&to=2018-08-31")
    listed = soup.find_all("article", class_="app-finding")
    assert listed
    assert all(
        "7 to 8 August 2018" in text_of(article.find(class_="app-finding__meta")) for article in listed
    )
    assert soup_of(client, "/findings/?authority=westminster&to=2018-07-31").find("article") is None
