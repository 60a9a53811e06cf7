from bs4 import BeautifulSoup

from dashboard.formatting import visit_when
from tests.factories import (
    THRESHOLDS_TOWER_HAMLETS,
    THRESHOLDS_WANDSWORTH,
    THRESHOLDS_WESTMINSTER_2018,
    bulk_world,
    make_finding,
    make_long_history,
)
from tests.web.html import column_headers, table_rows, text_of

THREE = "/compare/?authority=westminster&authority=wandsworth&authority=tower-hamlets"
# A comparison made since the last write (and today): the data version and the cache's read.
COMPARE_QUERIES = 2
# The first since: the version; the cache's read; authority choices; the authorities with their
# latest judgement ids; their neighbours; those judgements; visits; the judgements of those from
# the recent-history cut on; the sources of the visits of authorities with an undated visit (to
# place it; none when no compared authority has one, 17 queries); theme counts per report; the themes' names; the newest reports' theme
# links; the quoted findings; the cache's write (savepoint, count, key read, insert, release).
COMPARE_QUERIES_RENDERED = 18


def matrix_cell(soup, theme, authority):
    return soup.find(id=f"theme-{theme}").find("td", attrs={"data-authority": authority})


def test_thresholds_strength_concern_strength_each_with_its_quote_and_source(world, get_soup):
    soup = get_soup(THREE)
    assert column_headers(soup.find(id="theme-matrix")) == [
        "Theme",
        "Westminster",
        "Wandsworth",
        "Tower Hamlets",
    ]
    expected = {
        # The 2018 letter's: the outstanding inspection's news summary states no date.
        "westminster": ("Strength", THRESHOLDS_WESTMINSTER_2018, world.letter),
        "wandsworth": ("Concern", THRESHOLDS_WANDSWORTH, world.news_wandsworth),
        "tower-hamlets": ("Strength", THRESHOLDS_TOWER_HAMLETS, world.news_tower_hamlets),
    }
    for slug, (polarity, quote, source) in expected.items():
        cell = matrix_cell(soup, "thresholds", slug)
        assert text_of(cell.find("summary")).startswith(polarity)
        assert text_of(cell.find("blockquote")) == f"“{quote}”"
        assert cell.find("a", href=f"/sources/{source.pk}/") is not None


def test_each_cell_counts_strengths_and_concerns_and_links_to_those_findings(world, get_soup):
    soup = get_soup(THREE)
    cell = matrix_cell(soup, "thresholds", "westminster")
    counts = cell.find("a", class_="app-counts")
    assert text_of(counts).startswith("2 strengths, 0 concerns, 0 mixed, 0 neutral")
    assert counts["href"] == "/findings/?authority=westminster&theme=thresholds"
    assert text_of(matrix_cell(soup, "consent", "tower-hamlets")) == "Not mentioned"


def test_draft_and_hidden_findings_do_not_count(world, get_soup):
    cell = matrix_cell(get_soup(THREE), "consent", "wandsworth")
    assert text_of(cell.find("a", class_="app-counts")).startswith("0 strengths, 1 concern")


def test_latest_judgements_side_by_side(world, get_soup):
    rows = {row[0]: row[1:] for row in table_rows(get_soup(THREE).find(id="latest-table"))}
    overall = rows["Overall effectiveness"]
    assert overall[0].startswith("Outstanding")
    assert overall[1] == "Not graded"
    assert overall[2].startswith("Inadequate") and "April 2017" in overall[2]


def test_timelines_as_bands_on_one_time_scale_and_in_tables(world, get_soup):
    soup = get_soup(THREE + "&authority=leeds")
    drawing = soup.find(id="compare-bands")
    groups = [text_of(text) for text in drawing.find_all("text", class_="app-bands__group")]
    assert groups == ["Westminster", "Wandsworth", "Tower Hamlets", "Leeds"]
    periods = [
        (period["data-grade"], text_of(period.find("title")))
        for period in drawing.find_all("svg", attrs={"data-grade": True})
    ]
    assert ("inadequate", "Overall effectiveness: Inadequate from April 2017 until today") in periods
    assert ("", "Overall effectiveness: no grade known from April 2017 until December 2018") in periods
    assert ("good", "Overall effectiveness: Good from December 2018 until today") in periods
    assert drawing.find("svg", attrs={"data-visit": str(world.focused.pk)}) is not None
    periods_table = table_rows(soup.find(id="compare-bands-table"))
    assert [
        "Leeds",
        "Overall effectiveness",
        "Good",
        "Standard inspection, 3 to 14 December 2018",
        "today (in force)",
    ] in (periods_table)
    # Westminster's outstanding inspection, Wandsworth's focused visit and Tower Hamlets' monitoring
    # visit (no later inspection or publication bounds it) have no date to place.
    assert (
        "3 visits with no date the record can place are in the tables but not on the time line."
        in text_of(drawing)
    )
    rows = table_rows(soup.find(id="timeline-table"))
    assert ["Westminster", "date not stated", "Standard inspection", "Outstanding"] in rows


def test_remove_and_neighbour_links_and_the_permalink(world, get_soup):
    soup = get_soup(THREE)
    compared = soup.find(id="compared")
    remove = next(a for a in compared.find_all("a") if text_of(a) == "Remove Westminster")
    assert remove["href"] == "/compare/?authority=wandsworth&authority=tower-hamlets"
    neighbours = compared.find("a", string="Compare Westminster with its statistical neighbours")
    assert neighbours["href"].startswith("/compare/?authority=westminster&authority=kensington-and-chelsea")
    assert neighbours["hx-get"] == neighbours["href"]


def test_statistical_neighbours_in_one_click(world, client):
    response = client.get("/compare/?neighbours_of=wandsworth")
    assert response.status_code == 302
    assert response["Location"] == (
        "/compare/?authority=wandsworth&authority=hammersmith-and-fulham&authority=westminster"
    )


def test_adding_without_javascript(world, get_soup):
    soup = get_soup("/compare/?authority=westminster")
    form = soup.find(id="add-form")
    assert form["action"] == "/compare/"
    assert [i["value"] for i in form.find_all("input", type="hidden")] == ["westminster"]
    options = [o["value"] for o in form.find("select", attrs={"name": "authority"}).find_all("option")]
    assert "westminster" not in options and "wandsworth" in options
    assert "Add at least one more authority to compare." in text_of(soup)


def test_typeahead_suggests_authorities_to_add(world, client, get_soup):
    typeahead = get_soup(THREE).find(id="compare-search")
    assert typeahead["hx-get"] == "/authorities/search/"
    assert typeahead["hx-include"] == "closest form"
    response = client.get(
        "/authorities/search/?q=ham&compare=on&authority=westminster&authority=wandsworth",
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert (
        'href="/compare/?authority=westminster&amp;authority=wandsworth&amp;authority=tower-hamlets"' in html
    )
    assert (
        'hx-get="/compare/?authority=westminster&amp;authority=wandsworth&amp;authority=hammersmith-and-fulham"'
        in html
    )


def test_search_page_without_javascript(world, get_soup):
    soup = get_soup("/authorities/search/?q=City+of+Westminster")
    link = soup.find(id="suggestion-list").find("a")
    assert text_of(link) == "Westminster" and link["href"] == "/authorities/westminster/"
    assert not link.has_attr("hx-get")


def test_htmx_gets_only_the_comparison(world, client):
    response = client.get(THREE, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="comparison"')
    assert "<html" not in html


def test_nonsense_is_a_400_that_says_what_was_wrong(world, get_soup):
    nine = "/compare/?" + "&".join(f"authority={slug}" for slug in ["westminster"] * 9)
    assert "Compare at most 8 authorities: 9 were given." in text_of(get_soup(nine, status=400))
    five_hundred = "/compare/?" + "&".join(f"authority=a{index}" for index in range(500))
    assert "Compare at most 8 authorities: 500 were given." in text_of(get_soup(five_hundred, status=400))
    assert "“atlantis” is not a known authority." in text_of(
        get_soup("/compare/?authority=atlantis", status=400)
    )
    soup = get_soup("/compare/?neighbours_of=atlantis", status=400)
    assert "“atlantis” is not a known authority." in text_of(soup)


def test_neighbours_of_an_authority_without_any_says_so(world, get_soup):
    # Leeds has no statistical neighbours recorded (nor has Cumbria, abolished): not a comparison of one.
    soup = get_soup("/compare/?neighbours_of=leeds", status=400)
    assert "No statistical neighbours are recorded for Leeds." in text_of(soup.find(id="problems"))


def test_an_unknown_authority_among_known_ones_is_removed_alone(world, get_soup):
    soup = get_soup("/compare/?authority=westminster&authority=atlantis&authority=wandsworth", status=400)
    link = soup.find(id="problems").find("a")
    assert text_of(link) == "Remove “atlantis”"
    assert link["href"] == "/compare/?authority=westminster&authority=wandsworth"


def test_matrix_counts_say_mixed_or_neutral_not_other(world, get_soup):
    make_finding(
        world.wandsworth_visit,
        "Some thresholds decisions are sound, others are not.",
        source=world.news_wandsworth,
        polarity="mixed",
        themes=["thresholds"],
    )
    soup = get_soup(THREE)
    cell = soup.find(id="theme-thresholds").find("td", attrs={"data-authority": "wandsworth"})
    assert "0 strengths, 1 concern, 1 mixed, 0 neutral" in text_of(cell.find("a", class_="app-counts"))


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    with django_assert_num_queries(COMPARE_QUERIES_RENDERED):
        client.get(THREE)
    with django_assert_num_queries(COMPARE_QUERIES):
        client.get(THREE)
    bulk = bulk_world(10)
    for index in range(20):
        make_finding(
            world.focused,
            f"More on thresholds {index}",
            source=world.letter,
            themes=["thresholds", "consent"],
        )
    url = THREE + "".join(f"&authority={a.slug}" for a in bulk[:5])
    with django_assert_num_queries(COMPARE_QUERIES_RENDERED):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(COMPARE_QUERIES):
        assert client.get(url).status_code == 200


def test_a_long_history_is_compared_over_recent_years_with_a_link_to_the_whole(
    world, client, django_assert_num_queries
):
    # 40 visits a month apart from January 2009 (every third an inspection graded requires
    # improvement), then the seed world's: the comparison starts at Westminster's tenth newest.
    visits = make_long_history(world.westminster, 40, findings_per_visit=1, themes=2)
    with django_assert_num_queries(COMPARE_QUERIES_RENDERED):
        response = client.get(THREE)
    soup = BeautifulSoup(response.content, "html.parser")
    since = visits[31].start_date
    note = soup.find(id="recent-history")
    assert f"the visits since {since.day} {since:%B %Y}" in text_of(note)
    assert "the 10 latest visits to Westminster" in text_of(note)
    assert [a["href"] for a in note.find_all("a")] == [
        "/authorities/westminster/#timeline",
        "/authorities/wandsworth/#timeline",
        "/authorities/tower-hamlets/#timeline",
    ]
    westminster = [row for row in table_rows(soup.find(id="timeline-table")) if row[0] == "Westminster"]
    assert [row[1] for row in westminster[:9]] == [visit_when(visit) for visit in visits[31:]]
    assert len(westminster) == 10  # and its 2018 focused visit; the undated inspection is left out
    # The grade given before the axis starts is shown in force at its start, from the visit that gave it.
    periods = [row for row in table_rows(soup.find(id="compare-bands-table")) if row[0] == "Westminster"]
    assert periods[0][2:] == [
        "Requires improvement",
        f"Standard inspection, {visit_when(visits[30])}",
        f"Standard inspection, {visit_when(visits[33])}",
    ]
    drawing = soup.find(id="compare-bands")
    markers = {marker["data-visit"] for marker in drawing.find_all("svg", attrs={"data-visit": True})}
    assert str(visits[31].pk) in markers and str(visits[30].pk) not in markers
    # Tower Hamlets' inspection of 2017 is after the start; the visits nothing dates are not.
    others = [row[:2] for row in table_rows(soup.find(id="timeline-table")) if row[0] != "Westminster"]
    assert others == [["Tower Hamlets", "April 2017"]]
