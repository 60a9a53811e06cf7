"""The authority page's workforce section: DfE's figures by year beside England's, with their
source, and what inspectors said about the workforce and caseloads."""

import datetime as dt

from authorities.workforce import load_workforce
from inspections.models import SourceDocument
from tests.factories import make_document, make_finding, make_visit
from tests.web.html import column_headers, table_rows, text_of


def test_tower_hamlets_figures_beside_england_with_the_source(world, get_soup):
    load_workforce()
    soup = get_soup("/authorities/tower-hamlets/")
    table = soup.find(id="workforce-table")
    assert column_headers(table) == [
        "Year",
        "Turnover rate",
        "Agency worker rate",
        "Vacancy rate",
        "Average caseload",
    ]
    rows = table_rows(table)
    assert [row[0] for row in rows] == [str(year) for year in range(2025, 2016, -1)]
    assert rows[0] == [
        "2025",
        "8.6% England 11.8%",
        "21.2% England 13.0%",
        "19.9% England 14.2%",
        "13.1 England 15.2",
    ]
    source = soup.find(id="workforce-source")
    assert "Department for Education, Children’s social work workforce" in text_of(source)
    assert source.find("a")["href"].startswith("https://explore-education-statistics.service.gov.uk/")


def test_a_figure_dfe_withheld_says_so(world, get_soup):
    load_workforce()
    rows = table_rows(get_soup("/authorities/westminster/").find(id="workforce-table"))
    assert rows[0] == [
        "2025",
        "not published England 11.8%",
        "not published England 13.0%",
        "not published England 14.2%",
        "not published England 15.2",
    ]


def test_without_figures_the_page_says_so(world, get_soup):
    soup = get_soup("/authorities/tower-hamlets/")
    assert soup.find(id="workforce-table") is None
    assert text_of(soup.find(id="workforce-source")) == (
        "The Department for Education publishes no social work workforce figures for Tower Hamlets."
    )


def test_what_inspectors_said_about_the_workforce_is_beside_the_figures(world, get_soup):
    make_finding(
        world.monitoring,
        "Social workers’ caseloads are now manageable and turnover has fallen.",
        source=world.news_tower_hamlets,
        themes=["caseloads", "workforce"],
    )
    soup = get_soup("/authorities/tower-hamlets/")
    said = soup.find(id="workforce-findings").find_next_sibling("div", class_="app-finding")
    assert "Social workers’ caseloads are now manageable and turnover has fallen." in text_of(said)
    assert "Monitoring visit" in text_of(said.find("p", class_="app-finding__meta"))
    assert said.find("a", string=world.news_tower_hamlets.title) is not None
    assert "No finding on the workforce or caseloads is recorded for Westminster." in text_of(
        get_soup("/authorities/westminster/")
    )


def test_the_six_newest_workforce_findings_come_from_the_newest_visits_that_have_any(world, get_soup):
    # Eight dated visits a month apart, newest last; each with three workforce or caseload findings
    # (in document order) beside one on another theme and one in a document awaiting review. The six
    # newest visits' three are hidden: the six shown are the two oldest visits', newest first.
    expected = []
    for month in range(1, 9):
        letter = make_document(f"Letter {month}", published=dt.date(2024, month, 20))
        draft = make_document(f"Draft {month}", status=SourceDocument.Status.REVIEW)
        visit = make_visit(
            world.westminster,
            visit_type="monitoring_visit",
            start=dt.date(2024, month, 3),
            sources=[letter, draft],
        )
        make_finding(visit, f"Thresholds in month {month}.", source=letter, themes=["thresholds"])
        newest = month > 2
        texts = [f"Caseloads in month {month}.", f"Turnover in month {month}.", f"Both in month {month}."]
        for text, themes in zip(
            texts, (["caseloads"], ["workforce"], ["workforce", "caseloads"]), strict=True
        ):
            make_finding(visit, text, source=letter, themes=themes, hidden=newest)
        make_finding(visit, f"Drafted morale in month {month}.", source=draft, themes=["workforce"])
        if not newest:
            expected = texts + expected
    soup = get_soup("/authorities/westminster/")
    shown = soup.find(id="workforce-findings").find_next_siblings("div", class_="app-finding")
    assert [text_of(finding.find("blockquote")) for finding in shown] == [
        f"“{text}”" for text in expected[:6]
    ]
