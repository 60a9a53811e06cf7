"""The authority page's recurring weaknesses: points raised at more than one visit, matched by
wording and theme, found when findings change and read back with their dates, quotes and sources."""

import datetime as dt

from django.contrib.auth.models import User

from inspections.corrections import correct_fields
from inspections.recurring import recurring_weaknesses_refresh
from tests.factories import make_document, make_finding, make_visit
from tests.web.html import text_of

ASSESSMENTS_2019 = "The quality and consistency of social work assessments and children’s plans."
ASSESSMENTS_2023 = "The consistency in the quality of children’s assessments in the assessment teams."
UNRELATED = "Partner engagement in strategy discussions and meetings."
# The recurring weaknesses, their occurrences with findings, visits and sources, and how many there are.
RECURRING_QUERIES = 3


def _inspection(authority, year, *texts, themes=("assessments",), section="improvement"):
    document = make_document(f"Inspection of {authority.name} {year}", doc_kind="report")
    visit = make_visit(authority, start=dt.date(year, 3, 4), end=dt.date(year, 3, 15), sources=[document])
    findings = [
        make_finding(visit, text, source=document, polarity="concern", section=section, themes=themes)
        for text in texts
    ]
    return visit, findings


def _section(get_soup, slug="westminster"):
    return get_soup(f"/authorities/{slug}/").find(id="recurring").find_parent()


def test_a_point_raised_at_two_inspections_is_listed_with_both_dates_quotes_and_sources(world, get_soup):
    first, _ = _inspection(world.westminster, 2019, ASSESSMENTS_2019)
    second, _ = _inspection(world.westminster, 2023, ASSESSMENTS_2023, UNRELATED)
    recurring_weaknesses_refresh([world.westminster.pk])
    soup = get_soup("/authorities/westminster/")
    assert "Points raised in more than one inspection, matched by wording and theme" in text_of(soup)
    weakness = soup.find(id="recurring-0").find_parent("div")
    assert text_of(weakness.find("h3")) == "Assessments: raised at 2 visits"
    assert [a["href"] for a in weakness.find("p").find_all("a")] == [
        first.get_absolute_url(),
        second.get_absolute_url(),
    ]
    quotes = [text_of(q) for q in weakness.find_all("blockquote")]
    assert quotes == [f"“{ASSESSMENTS_2019}”", f"“{ASSESSMENTS_2023}”"]
    assert "4 to 15 March 2019" in text_of(weakness)
    assert "Source: Inspection of Westminster 2023" in text_of(weakness)
    assert UNRELATED not in text_of(weakness)
    assert soup.find(id="recurring-1") is None


def test_the_same_words_under_different_themes_or_at_one_visit_do_not_recur(world, get_soup):
    _inspection(world.westminster, 2019, ASSESSMENTS_2019, themes=("assessments",))
    _inspection(world.westminster, 2023, ASSESSMENTS_2023, themes=("plans",))
    _inspection(world.westminster, 2024, ASSESSMENTS_2019, ASSESSMENTS_2023, themes=("thresholds",))
    recurring_weaknesses_refresh([world.westminster.pk])
    section = _section(get_soup)
    assert (
        "No improvement point or concern about Westminster has been found in more than one inspection."
        in (text_of(section))
    )


def test_strengths_do_not_recur_as_weaknesses(world, get_soup):
    for year, text in ((2019, ASSESSMENTS_2019), (2023, ASSESSMENTS_2023)):
        document = make_document(f"Report {year}", doc_kind="report")
        visit = make_visit(world.westminster, start=dt.date(year, 1, 7), sources=[document])
        make_finding(visit, text, source=document, polarity="strength", themes=["assessments"])
    recurring_weaknesses_refresh([world.westminster.pk])
    assert _section(get_soup).find(id="recurring-0") is None


def test_a_correction_finds_them_again(world, get_soup):
    _inspection(world.westminster, 2019, ASSESSMENTS_2019)
    _, (later,) = _inspection(world.westminster, 2023, ASSESSMENTS_2023)
    recurring_weaknesses_refresh([world.westminster.pk])
    assert _section(get_soup).find(id="recurring-0") is not None
    editor = User.objects.create_user("editor")
    correct_fields(later, {"hidden": True}, by=editor, reason="Not in the report")
    assert _section(get_soup).find(id="recurring-0") is None


def test_only_the_first_and_newest_are_quoted_when_a_point_comes_back_many_times(world, get_soup):
    for year in range(2010, 2018):
        _inspection(world.westminster, year, ASSESSMENTS_2019)
    recurring_weaknesses_refresh([world.westminster.pk])
    weakness = _section(get_soup).find(id="recurring-0").find_parent("div")
    assert text_of(weakness.find("h3")) == "Assessments: raised at 8 visits"
    assert len(weakness.find("p").find_all("a")) == 8
    dates = [text_of(p.find("a")) for p in weakness.find_all(class_="app-finding__meta")]
    assert [d[-4:] for d in dates] == ["2010", "2013", "2014", "2015", "2016", "2017"]
    assert "the other 2 are on their visits’ pages" in text_of(weakness)


def test_a_point_raised_at_very_many_visits_lists_the_first_and_the_newest(world, get_soup):
    for year in range(2000, 2020):
        _inspection(world.westminster, year, ASSESSMENTS_2019)
    recurring_weaknesses_refresh([world.westminster.pk])
    weakness = _section(get_soup).find(id="recurring-0").find_parent("div")
    assert text_of(weakness.find("h3")) == "Assessments: raised at 20 visits"
    listed = [text_of(a)[-4:] for a in weakness.find("p").find_all("a")]
    assert listed == ["2000", *map(str, range(2009, 2020))]
    assert "March 2000; 8 other visits; Standard inspection, 4 to 15 March 2009" in text_of(
        weakness.find("p")
    )


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    from tests.web.test_authority_detail import DETAIL_QUERIES_RENDERED

    with django_assert_num_queries(DETAIL_QUERIES_RENDERED):
        client.get("/authorities/westminster/")
    for year in range(2010, 2022):
        _inspection(
            world.westminster, year, ASSESSMENTS_2019, UNRELATED, themes=("assessments", "partnership")
        )
    recurring_weaknesses_refresh([world.westminster.pk])
    with django_assert_num_queries(DETAIL_QUERIES_RENDERED):
        response = client.get("/authorities/westminster/")
    assert "raised at 12 visits" in response.content.decode()
