"""An authority's page body is kept in the cache under the data version, as compare's is: a repeat
runs none of its queries, any write shows at once, each visitor still gets their own header."""

import datetime as dt
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from inspections.corrections import correct_fields
from inspections.models import Judgement
from tests.factories import make_document, make_judgements, make_long_history, make_visit
from tests.web.html import table_rows, text_of
from tests.web.test_authority_detail import DETAIL_QUERIES
from tests.web.visitors import as_editor_and_as_reader

PAGE = "/authorities/westminster/"


def latest_overall(soup) -> str:
    return {row[0]: row[1:] for row in table_rows(soup.find(id="latest-judgements"))}[
        "Overall effectiveness"
    ][0]


def test_a_repeated_page_is_the_same_without_its_queries(world, client, get_soup, django_assert_num_queries):
    first = get_soup(PAGE)
    with django_assert_num_queries(DETAIL_QUERIES) as read:
        again = get_soup(PAGE)
    assert not any("inspections_visit" in query["sql"] for query in read.captured_queries)
    assert again.find("main") == first.find("main")
    assert text_of(again.find("title")) == text_of(first.find("title"))
    assert "Westminster" in text_of(again.find("title"))


def test_a_corrected_grade_shows_at_once(world, get_soup):
    assert latest_overall(get_soup(PAGE)) == "Outstanding"
    judgement = Judgement.objects.get(visit=world.outstanding, area="overall_effectiveness")
    editor = get_user_model().objects.create(username="corrector")
    correct_fields(judgement, {"grade": "good"}, by=editor, reason="misread")
    assert latest_overall(get_soup(PAGE)) == "Good"


def test_a_new_inspection_shows_at_once(world, get_soup):
    assert latest_overall(get_soup(PAGE)) == "Outstanding"
    report = make_document("Westminster inspection 2024", doc_kind="report", published=dt.date(2024, 12, 1))
    visit = make_visit(
        world.westminster, visit_type="short_inspection", start=dt.date(2024, 11, 11), sources=[report]
    )
    make_judgements(visit, {"overall_effectiveness": "requires_improvement"}, source=report)
    soup = get_soup(PAGE)
    assert latest_overall(soup) == "Requires improvement"
    assert "11 November 2024" in [row[0] for row in table_rows(soup.find(id="timeline-table"))]


def test_each_page_of_visits_is_its_own(world, get_soup):
    make_long_history(world.westminster, 30)
    first, second = get_soup(PAGE), get_soup(PAGE + "?visits=2")
    assert "(the newest)" in text_of(first)
    assert "(the newest)" not in text_of(second)
    assert table_rows(first.find(id="timeline-table")) != table_rows(second.find(id="timeline-table"))


def test_another_authority_never_shares_the_page(world, get_soup):
    get_soup(PAGE)
    soup = get_soup("/authorities/tower-hamlets/")
    assert text_of(soup.find("h1")) == "Tower Hamlets"


@pytest.mark.parametrize("order", ["anonymous first", "editor first"])
def test_editors_and_readers_each_get_their_own_header(world, client, editor, order):
    as_editor, as_reader = as_editor_and_as_reader(client, editor, PAGE, editor_first=order == "editor first")
    assert "Sign out" in as_editor and "Sign out" not in as_reader


def test_the_page_runs_to_the_new_day_after_midnight(world, get_soup, monkeypatch):
    """Nothing written overnight, but the grade bands run to today: yesterday's page is not today's."""

    def positions(soup) -> list[str]:
        return [element["x"] for element in soup.find(id="grade-bands").find_all(attrs={"x": True})]

    today = timezone.localdate()
    before = positions(get_soup(PAGE))
    monkeypatch.setattr(timezone, "localdate", lambda: today + timedelta(days=365))
    assert positions(get_soup(PAGE)) != before
