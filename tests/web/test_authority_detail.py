import datetime as dt

from bs4 import BeautifulSoup

from dashboard.formatting import visit_when
from inspections.models import OfstedProvider
from tests.factories import (
    bulk_world,
    make_document,
    make_finding,
    make_judgements,
    make_long_history,
    make_visit,
)
from tests.web.html import column_headers, table_rows, text_of

# The page rendered since the last write (and today): the data version and the cache's read.
DETAIL_QUERIES = 2
# The first since: the version; the cache's read; the authority + ids of its latest judgements; aliases; predecessors; successors; its provider on
# Ofsted's site; neighbours with their grades; the latest judgements; visits with counts; their
# judgements; their sources; every current authority's latest overall grade (its region and
# England beside it); its and England's workforce figures; its workforce findings; its recurring
# weaknesses, their occurrences (findings, visits, sources) and how many there are; the cache's
# write (savepoint, count, key read, insert, release)
DETAIL_QUERIES_RENDERED = 23
# The busiest authority at national scale (benchmarks/national_data.py --scale 1): 185 visits of
# about 50 findings each on 2 themes apiece; in full, its page was 2.3 MB.
NATIONAL_VISITS = 185
PAGE_BYTES = 300_000


def test_latest_judgements_with_their_visit_and_source(world, get_soup):
    soup = get_soup("/authorities/westminster/")
    assert text_of(soup.find("h1")) == "Westminster"
    table = soup.find(id="latest-judgements")
    rows = {row[0]: row[1:] for row in table_rows(table)}
    assert rows["Overall effectiveness"][0] == "Outstanding"
    assert "Standard inspection, date not stated" in rows["Overall effectiveness"][1]
    assert "judged as “Children in care and care leavers”" in rows["Care leavers"][1]
    source = table.find("a", string="Westminster rated as outstanding by Ofsted")
    assert source["href"] == f"/sources/{world.news_outstanding.pk}/"


def test_aliases_are_shown(world, get_soup):
    assert "City of Westminster; Westminster City Council" in text_of(get_soup("/authorities/westminster/"))


def test_timeline_has_the_2018_focused_visit_then_the_outstanding_inspection(world, get_soup):
    soup = get_soup("/authorities/westminster/")
    rows = table_rows(soup.find(id="timeline-table"))
    assert [row[:2] for row in rows] == [
        ["7 to 8 August 2018", "Focused visit"],
        ["date not stated", "Standard inspection"],
    ]
    assert rows[0][2] == "Not graded" and rows[1][2] == "Outstanding"
    links = [a["href"] for a in soup.find(id="timeline-table").find_all("a")]
    assert links == [f"/visits/{world.focused.pk}/", f"/visits/{world.outstanding.pk}/"]


def test_a_visit_known_only_from_a_reference_is_on_the_timeline_and_grade_stays_in_force(world, get_soup):
    soup = get_soup("/authorities/tower-hamlets/")
    rows = table_rows(soup.find(id="timeline-table"))
    assert rows[0][0] == "April 2017"
    assert "known only from a reference in another document" in rows[0][1]
    assert rows[0][2] == "Inadequate"
    assert rows[1][1].startswith("Monitoring visit")
    assert rows[1][2] == "Inadequate (in force from another visit)"


def test_a_dated_visit_outranks_one_whose_date_no_source_states(world, get_soup):
    report = make_document("Westminster inspection 2024", doc_kind="report", published=dt.date(2024, 12, 1))
    visit = make_visit(
        world.westminster, visit_type="short_inspection", start=dt.date(2024, 11, 11), sources=[report]
    )
    make_judgements(visit, {"overall_effectiveness": "good", "children_in_care": "good"}, source=report)
    soup = get_soup("/authorities/westminster/")
    latest = {row[0]: row[1:] for row in table_rows(soup.find(id="latest-judgements"))}
    assert latest["Overall effectiveness"][0] == "Good"
    assert latest["Children in care"][0] == "Good"
    assert latest["Leaders"][0] == "Outstanding"  # only the undated inspection judged it
    rows = table_rows(soup.find(id="timeline-table"))
    assert [row[0] for row in rows] == ["7 to 8 August 2018", "11 November 2024", "date not stated"]
    assert rows[2][2] == "Outstanding"  # what the undated inspection itself judged


def test_visits_list_their_tally_a_link_to_their_themes_and_their_sources(world, get_soup):
    # The theme table each visit had here is on the visit's page (tests/web/test_visit.py): 185 of
    # them made the busiest authority's page 2.3 MB.
    soup = get_soup("/authorities/westminster/")
    section = soup.find(id=f"visit-{world.focused.pk}").find_parent("section")
    assert "5 findings: 2 strengths and 3 concerns." in text_of(section)
    assert section.find("table") is None
    assert section.find("a", string="Their themes")["href"] == f"/visits/{world.focused.pk}/#themes-table"
    sources = [text_of(a) for a in section.find_all("a", href=lambda h: h and h.startswith("/sources/"))]
    assert sources == [
        "Focused visit to Westminster children's services",
        "Westminster: strong corporate leadership",
    ]


def test_statistical_neighbours_with_their_latest_grades_and_a_comparison(world, get_soup):
    soup = get_soup("/authorities/westminster/")
    table = soup.find(id="neighbours-table")
    assert column_headers(table) == [
        "Rank",
        "Authority",
        "Closeness",
        "Overall effectiveness",
        "Leaders",
        "Help and protection",
        "Children in care",
        "Care leavers",
    ]
    rows = table_rows(table)
    assert rows[0] == ["1", "Kensington and Chelsea", "Close", *["Not graded"] * 5]
    assert rows[3] == ["4", "Tower Hamlets", "Close", "Inadequate", *["Not graded"] * 4]
    link = soup.find(id="compare-neighbours")["href"]
    assert link == (
        "/compare/?authority=westminster&authority=kensington-and-chelsea&authority=hammersmith-and-fulham"
        "&authority=wandsworth&authority=tower-hamlets"
    )


def test_mixed_and_neutral_findings_are_counted_not_lost(world, get_soup):
    # "33 findings: 31 strengths and 1 concern" left one finding unaccounted for.
    make_finding(
        world.focused,
        "Most strategy discussions are timely, but police do not always attend.",
        source=world.letter,
        polarity="mixed",
        themes=["strategy-discussions"],
    )
    section = (
        get_soup("/authorities/westminster/").find(id=f"visit-{world.focused.pk}").find_parent("section")
    )
    assert "6 findings: 2 strengths, 3 concerns and 1 mixed or neutral." in text_of(section)


def test_grades_outside_the_timeline_columns_are_not_lost(world, get_soup):
    # Surrey's 2015 LSCB review, a SIF's adoption grade: no column answers them, and the row read
    # "Not graded" five times over.
    review = make_document("Review of the effectiveness of the LSCB", doc_kind="report")
    visit = make_visit(world.leeds, visit_type="other", start=dt.date(2015, 6, 15), sources=[review])
    make_judgements(visit, {"lscb": "requires_improvement", "adoption": "good"}, source=review)
    rows = table_rows(get_soup("/authorities/leeds/").find(id="timeline-table"))
    assert rows[0][0] == "15 June 2015"
    assert (
        rows[0][1]
        == "Other Adoption performance: Good Local Safeguarding Children Board: Requires improvement"
    )
    assert rows[0][2:] == ["Not graded"] * (len(rows[0]) - 2)


def test_draft_and_hidden_material_stays_out(world, get_soup):
    soup = get_soup("/authorities/wandsworth/")
    assert len(table_rows(soup.find(id="timeline-table"))) == 1
    assert "4 findings: 1 strength and 3 concerns." in text_of(soup)


def test_an_authority_with_nothing_yet(world, get_soup):
    soup = get_soup("/authorities/kensington-and-chelsea/")
    assert "No graded judgement of Kensington and Chelsea has been recorded." in text_of(soup)
    assert "No visits to Kensington and Chelsea have been recorded." in text_of(soup)


def test_unknown_authority_is_404(db, client):
    assert client.get("/authorities/atlantis/").status_code == 404


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES_RENDERED):
        client.get("/authorities/westminster/")
    bulk_world(5)
    for index in range(10):
        visit = make_visit(world.westminster, visit_type="monitoring_visit", sources=[world.letter])
        make_finding(visit, f"More {index}", source=world.letter, themes=["consent", "thresholds"])
    with django_assert_num_queries(DETAIL_QUERIES_RENDERED):
        assert client.get("/authorities/westminster/").status_code == 200
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get("/authorities/westminster/").status_code == 200


def test_the_page_links_to_the_authoritys_page_on_ofsteds_site(world, get_soup, settings):
    settings.OFSTED_REPORTS_URL = "https://reports.ofsted.gov.uk/"
    world.westminster.ofsted_urn = "80519"
    world.westminster.save(update_fields=["ofsted_urn"])
    link = get_soup("/authorities/westminster/").find(id="ofsted-page")
    assert link["href"] == "https://reports.ofsted.gov.uk/provider/44/80519"
    assert text_of(link) == "Westminster’s reports on Ofsted’s reports site"


def test_the_link_is_the_provider_page_a_sync_found(world, get_soup):
    OfstedProvider.objects.create(
        urn="80519", name="Westminster City Council", url="https://reports.ofsted.gov.uk/provider/45/80519",
        authority=world.westminster,
    )  # fmt: skip
    link = get_soup("/authorities/westminster/").find(id="ofsted-page")
    assert link["href"] == "https://reports.ofsted.gov.uk/provider/45/80519"


def test_without_a_urn_the_link_searches_ofsteds_site_for_the_name(world, get_soup, settings):
    settings.OFSTED_REPORTS_URL = "https://reports.ofsted.gov.uk/"
    link = get_soup("/authorities/tower-hamlets/").find(id="ofsted-page")
    assert link["href"] == "https://reports.ofsted.gov.uk/search?q=Tower+Hamlets"


def test_a_national_scale_history_shows_its_newest_visits_in_full_and_stays_small(
    world, client, django_assert_num_queries
):
    visits = make_long_history(world.westminster, NATIONAL_VISITS)
    with django_assert_num_queries(DETAIL_QUERIES_RENDERED):
        response = client.get("/authorities/westminster/")
    assert len(response.content) < PAGE_BYTES
    soup = BeautifulSoup(response.content, "html.parser")
    newest = visits[::-1][:10]
    in_full = soup.find(id="visits").find_next_siblings("section")
    assert [section.find("h3")["id"] for section in in_full] == [f"visit-{visit.pk}" for visit in newest]
    assert "50 findings: 17 strengths and 33 concerns." in text_of(in_full[0])
    # 185 visits and the seed world's two: 177 are rows of the timeline, not sections.
    assert "The 10 newest in full; the 177 earlier visits are in the timeline above, 20 visits a page." in (
        text_of(soup)
    )
    # The timeline and the bands show the newest 20 visits (the undated inspection last); the
    # rest are on numbered pages that need no script.
    assert (
        "187 visits, 10 pages of up to 20: this page shows visits 168 to 187 (the newest), oldest first."
        in (text_of(soup))
    )
    timeline = soup.find(id="timeline-table")
    assert len(table_rows(timeline)) == 20
    assert timeline.find("a", href=visits[-1].get_absolute_url()) is not None
    assert timeline.find("a", href=visits[0].get_absolute_url()) is None
    markers = soup.find(id="grade-bands").find_all("svg", attrs={"data-visit": True})
    assert len(markers) == 19  # the undated inspection is in the table, not on the time line
    pages = soup.find(id="history-pages")
    assert [text_of(a) for a in pages.find_all("a")] == ["1", "2", "10"]
    assert pages.find("a", attrs={"aria-current": "page"})["href"] == "?visits=1#timeline"

    with django_assert_num_queries(DETAIL_QUERIES_RENDERED):
        response = client.get("/authorities/westminster/?visits=10")
    assert len(response.content) < PAGE_BYTES
    soup = BeautifulSoup(response.content, "html.parser")
    assert "this page shows visits 1 to 7, oldest first." in text_of(soup)
    oldest = table_rows(soup.find(id="timeline-table"))[0]
    assert oldest[:3] == ["5 to 9 January 2009", "Standard inspection", "Requires improvement"]
    assert [text_of(a) for a in soup.find(id="history-pages").find_all("a")] == ["1", "9", "10"]


def test_a_page_of_the_history_shows_the_grades_in_force_across_its_edges(world, get_soup):
    # 45 visits a month apart from January 2009 (every third an inspection) and the seed world's
    # two: page 2 holds visits 7 to 26 of the 45, oldest first.
    visits = make_long_history(world.westminster, 45, findings_per_visit=1, themes=2)
    soup = get_soup("/authorities/westminster/?visits=2")
    rows = table_rows(soup.find(id="timeline-table"))
    assert len(rows) == 20
    assert rows[0][2] == "Requires improvement (in force from another visit)"
    periods = table_rows(soup.find(id="grade-bands-table"))

    def when(index):
        return f"Standard inspection, {visit_when(visits[index])}"

    # The grade visit 6 (page 3) gave is in force at the start of page 2; the last one on page 2
    # (visit 24) until visit 27, on page 1.
    assert periods[0] == ["Overall effectiveness", "Requires improvement", when(6), when(9)]
    assert periods[-1] == ["Overall effectiveness", "Requires improvement", when(24), when(27)]
    assert len(periods) == 7
    drawing = soup.find(id="grade-bands")
    last_day = visits[27].start_date.strftime("%B %Y")
    assert text_of(drawing.find("svg").find_all("text")[-1]) == last_day
    assert {marker["data-visit"] for marker in drawing.find_all("svg", attrs={"data-visit": True})} == {
        str(visit.pk) for visit in visits[7:27]
    }


def test_a_page_of_visits_past_the_end_or_not_a_number_says_so(world, client):
    for query, message in [
        ("?visits=2", "There is no page 2 of visits: Westminster’s history fills 1."),
        ("?visits=two", "The page of visits must be a whole number, such as 2."),
        ("?visits=0", "The page of visits must be 1 or more."),
    ]:
        response = client.get(f"/authorities/westminster/{query}")
        assert response.status_code == 400
        assert message in text_of(BeautifulSoup(response.content, "html.parser"))
