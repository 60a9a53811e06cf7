import datetime as dt

from tests.factories import bulk_world, make_document, make_visit
from tests.web.html import table_rows, text_of

# authorities with their latest grades; recent visits + their judgements; publications + their visits
OVERVIEW_QUERIES = 5


def test_counts_authorities_by_latest_overall_grade_and_region(world, get_soup):
    soup = get_soup("/")
    rows = {row[0]: row[1:] for row in table_rows(soup.find(id="grades-by-region-table"))}
    # Outstanding, Good, Requires improvement, Inadequate, Not graded, Total
    assert rows["London"] == ["1", "0", "0", "1", "3", "5"]
    assert rows["Yorkshire and the Humber"] == ["0", "1", "0", "0", "0", "1"]
    assert rows["England"] == ["1", "1", "0", "1", "3", "6"]


def test_the_chart_has_the_same_numbers_as_the_table(world, get_soup):
    import json

    soup = get_soup("/")
    canvas = soup.find("canvas", attrs={"data-chart": "grades-by-region"})
    assert canvas is not None and canvas.get("role") == "img"
    chart = json.loads(soup.find("script", id="grades-by-region").string)
    london = chart["labels"].index("London")
    by_grade = {dataset["grade"]: dataset["data"][london] for dataset in chart["datasets"]}
    assert by_grade == {"outstanding": 1, "good": 0, "requires_improvement": 0, "inadequate": 1}


def test_recent_visits_show_dated_first_and_say_date_not_stated(world, get_soup):
    soup = get_soup("/")
    table = soup.find("caption", string=lambda s: s and "most recent visits" in s).find_parent("table")
    rows = table_rows(table)
    assert rows[0][:3] == ["3 to 14 December 2018", "Leeds", "Standard inspection"]
    assert rows[1][:3] == ["7 to 8 August 2018", "Westminster", "Focused visit"]
    assert {row[0] for row in rows[2:]} == {"date not stated"}
    # Visits known only from a reference, and visits with only a draft source, are not "recent visits".
    assert not any("Single inspection" in row[2] for row in rows)
    assert len(rows) == 5


def test_recent_publications_link_to_their_sources(world, get_soup):
    soup = get_soup("/")
    links = {text_of(a): a["href"] for a in soup.select("main ul.govuk-list a")}
    assert links["Focused visit to Westminster children's services"] == f"/sources/{world.letter.pk}/"
    assert "Draft letter awaiting review" not in links


def test_recent_publications_are_dated_by_the_visits_report_when_the_document_is_not(world, get_soup):
    # ILACS reports seldom print their publication date: Ofsted's statistics give it for the visit.
    # Ordered by their own date alone, 2025 reports came after every dated 2013-2018 one.
    report = make_document("Inspection of Kingston upon Thames", doc_kind="report")
    make_visit(
        world.wandsworth,
        visit_type="short_inspection",
        start=dt.date(2024, 12, 2),
        published=dt.date(2025, 1, 29),
        sources=[report],
    )
    news = make_document("Kingston rated outstanding", doc_kind="news")
    make_visit(
        world.tower_hamlets,
        visit_type="standard_inspection",
        start=dt.date(2019, 6, 10),
        published=dt.date(2019, 7, 22),
        sources=[news],
    )
    soup = get_soup("/")
    heading = soup.find("h2", string="Recent publications")
    items = [text_of(li) for li in heading.find_next("ul").find_all("li")]
    assert items[0].startswith(
        "Inspection of Kingston upon Thames – Ofsted report, published 29 January 2025"
    )
    assert items[1].startswith(
        "Kingston rated outstanding – News summary, publication date not stated; "
        "Ofsted’s report published 22 July 2019"
    )
    assert items[2].startswith(
        "Leeds inspection of children's social care services – Ofsted report, published 1 February 2019"
    )
    assert "publication date not stated; about" in items[-1]


def test_search_box_goes_to_the_list_of_authorities(world, get_soup):
    form = get_soup("/").find("form", attrs={"role": "search"})
    assert form["action"] == "/authorities/" and form.find("input")["name"] == "q"


def test_empty_database_still_renders(db, get_soup):
    soup = get_soup("/")
    assert "No visits have been recorded yet." in text_of(soup)


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    with django_assert_num_queries(OVERVIEW_QUERIES):
        client.get("/")
    bulk_world(25)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        assert client.get("/").status_code == 200


def test_chartjs_comes_from_the_setting_with_its_integrity(world, get_soup, settings):
    settings.CHARTJS_URL = "https://cdn.example.org/chart.umd.js"
    settings.CHARTJS_INTEGRITY = "sha384-abc"
    script = get_soup("/").find("script", src="https://cdn.example.org/chart.umd.js")
    assert script["integrity"] == "sha384-abc"
    assert script["crossorigin"] == "anonymous"
    assert script.has_attr("defer")


def test_chartjs_without_integrity_when_the_setting_is_empty(world, get_soup, settings):
    settings.CHARTJS_URL = "/static/local/chart.umd.js"
    settings.CHARTJS_INTEGRITY = ""
    script = get_soup("/").find("script", src="/static/local/chart.umd.js")
    assert not script.has_attr("integrity")


def test_the_page_uses_our_css_and_htmx_and_no_crown(world, get_soup):
    soup = get_soup("/")
    assert soup.find("link", rel="stylesheet")["href"] == "/static/css/app.css"
    assert soup.find("script", src=lambda s: s and "django_htmx/htmx-2" in s) is not None
    assert (
        soup.find("svg", class_="govuk-logo") is None and soup.find(class_="govuk-header__logotype") is None
    )
