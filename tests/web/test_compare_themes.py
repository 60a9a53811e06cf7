"""The compare page's theme comparison: balance per report, counts, quotes once, the CSV."""

import csv
import datetime as dt
import io

import pytest

from inspections.models import Theme
from tests.factories import make_authority, make_document, make_finding, make_visit
from tests.web.html import text_of

pytestmark = pytest.mark.django_db

TWO = "/compare/?authority=hackney&authority=camden"


def report(authority, year: int):
    document = make_document(f"Inspection of {authority.name} {year}")
    visit = make_visit(
        authority,
        start=dt.date(year, 3, 1),
        end=dt.date(year, 3, 12),
        published=dt.date(year, 5, 1),
        sources=[document],
    )
    return visit, document


def findings(visit, document, polarities, themes=("workforce",)):
    return [
        make_finding(visit, f"{polarity} on {'/'.join(themes)} {index} in {document.title}.", source=document,
                     polarity=polarity, themes=themes)
        for index, polarity in enumerate(polarities)
    ]  # fmt: skip


@pytest.fixture
def compared():
    """Hackney: three reports on the workforce (four strengths, then a concern, then a concern);
    Camden: one report (a strength and a concern); Islington: no report."""
    hackney, camden = make_authority("Hackney"), make_authority("Camden")
    make_authority("Islington")
    first = report(hackney, 2017)
    findings(*first, ["strength"] * 4)
    findings(*report(hackney, 2019), ["concern"])
    newest = report(hackney, 2023)
    findings(*newest, ["concern"])
    findings(*report(camden, 2021), ["strength", "concern"])
    return hackney, newest


def cell(soup, theme, authority):
    return soup.find(id=f"theme-{theme}").find("td", attrs={"data-authority": authority})


def test_balance_is_averaged_per_report_not_per_finding(compared, get_soup):
    soup = get_soup(TWO)
    hackney = cell(soup, "workforce", "hackney")
    # Per finding it would be (4 - 2) / 6 = +0.33; per report (+1 - 1 - 1) / 3.
    assert text_of(hackney.find(class_="app-balance")) == "More concerns \u22120.33"
    assert text_of(hackney.find(class_="app-counts")).startswith(
        "4 strengths, 2 concerns, 0 mixed, 0 neutral"
    )
    assert text_of(hackney.find(class_="app-reports")) == "in 3 reports"
    camden = cell(soup, "workforce", "camden")
    assert text_of(camden.find(class_="app-balance")) == "Balanced 0.00"
    assert text_of(camden.find(class_="app-reports")) == "in 1 report"
    assert "averaged over those reports" in text_of(soup.find(id="comparison"))


def test_the_newest_finding_is_quoted_with_its_date_and_document(compared, get_soup):
    _, (_, document) = compared
    quoted = cell(get_soup(TWO), "workforce", "hackney")
    assert text_of(quoted.find("summary")).startswith("Concern, 1 to 12 March 2023")
    assert text_of(quoted.find("blockquote")) == f"“concern on workforce 0 in {document.title}.”"
    assert quoted.find("a", href=f"/sources/{document.pk}/") is not None


def test_a_finding_on_several_themes_is_quoted_once(compared, get_soup):
    hackney, (_, document_2023) = compared
    both = findings(*report(hackney, 2024), ["mixed"], themes=("caseloads", "supervision", "workforce"))[0]
    soup = get_soup(TWO)
    quotes = [text_of(q) for q in soup.find(id="theme-matrix").find_all("blockquote")]
    assert quotes.count(f"“{both.text}”") == 1
    assert text_of(cell(soup, "caseloads", "hackney").find("blockquote")) == f"“{both.text}”"
    # Workforce's newest finding is quoted above: it quotes the next, from 2023.
    workforce = cell(soup, "workforce", "hackney")
    assert text_of(workforce.find("blockquote")) == f"“concern on workforce 0 in {document_2023.title}.”"
    assert text_of(workforce.find("summary")).startswith("Concern, 1 to 12 March 2023")
    # Supervision has no other finding: it says where its latest is quoted.
    supervision = cell(soup, "supervision", "hackney")
    assert supervision.find("blockquote") is None
    assert text_of(supervision.find(class_="app-quoted-under")) == "Latest finding quoted under Caseloads"
    assert supervision.find("a", href="#theme-caseloads") is not None


def test_an_authority_with_no_report_says_so(compared, get_soup):
    soup = get_soup(TWO + "&authority=islington")
    assert "No inspection report loaded for Islington." in text_of(soup.find(id="comparison"))
    assert text_of(cell(soup, "workforce", "islington")) == "No report loaded"
    assert text_of(cell(soup, "workforce", "camden")) != "No report loaded"


def test_names_and_quotes_are_shown_as_text_not_markup(compared, client, get_soup):
    # The heat map's cells are written by dashboard/theme_cells.py, not the template: what an
    # admin or a document wrote must still be escaped there.
    hackney, _ = compared
    Theme.objects.filter(slug="workforce").update(name="Staff & <i>morale</i>")
    visit, document = report(hackney, 2024)
    document.title = "Letter <b>to</b> Hackney & co"
    document.save()
    make_finding(visit, "Caseloads <script>alert(1)</script> & rising.", source=document,
                 polarity="concern", themes=["workforce"])  # fmt: skip
    html = client.get(TWO).content.decode()
    assert "<script>alert(1)" not in html and "<i>morale" not in html and "<b>to" not in html
    quoted = cell(get_soup(TWO), "workforce", "hackney")
    assert text_of(quoted.find("blockquote")) == "“Caseloads <script>alert(1)</script> & rising.”"
    assert (
        text_of(quoted.find("a", href=f"/sources/{document.pk}/")) == "Source: Letter <b>to</b> Hackney & co"
    )
    assert text_of(quoted.find(class_="govuk-visually-hidden")).endswith(
        "on staff & <i>morale</i> at Hackney"
    )


def test_the_same_comparison_as_csv(compared, client, get_soup):
    link = get_soup(TWO).find("a", string="Download this comparison as CSV")
    assert link["href"] == "/compare/themes.csv?authority=hackney&authority=camden"
    response = client.get(link["href"] + "&authority=islington")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["theme"], row["authority"]) for row in rows] == [
        ("workforce", "hackney"),
        ("workforce", "camden"),
        ("workforce", "islington"),
    ]
    hackney = rows[0]
    assert (hackney["strengths"], hackney["concerns"], hackney["mixed"], hackney["neutral"]) == (
        "4",
        "2",
        "0",
        "0",
    )
    assert (hackney["reports"], hackney["balance"]) == ("3", "-0.333")
    assert hackney["quote"].startswith("concern on workforce 0 in Inspection of Hackney 2023")
    assert hackney["quote_date"] == "2023-03-01"
    assert hackney["quote_source_url"].startswith("http://testserver/sources/")
    assert (rows[2]["reports"], rows[2]["balance"], rows[2]["quote"]) == ("0", "", "")


def test_the_csv_names_what_was_wrong(compared, client):
    response = client.get("/compare/themes.csv?authority=atlantis")
    assert response.status_code == 400
    assert "“atlantis” is not a known authority." in response.content.decode()
    response = client.get("/compare/themes.csv")
    assert response.status_code == 400
    assert "Choose at least one authority to export its themes." in response.content.decode()
