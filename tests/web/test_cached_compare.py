"""The compare page's body is kept in the cache under the data version: a repeated comparison runs
none of its queries, any write shows at once, and each visitor still gets their own header."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from inspections.corrections import correct_fields
from inspections.ingest.publishing import document_publish
from inspections.models import Finding, Judgement
from tests.factories import make_finding
from tests.paths import SEEDS
from tests.web.html import table_rows, text_of
from tests.web.test_compare import COMPARE_QUERIES, THREE, matrix_cell
from tests.web.visitors import as_editor_and_as_reader

TWO = "/compare/?authority=westminster&authority=wandsworth"


def counts(soup, theme, authority) -> str:
    return text_of(matrix_cell(soup, theme, authority).find("a", class_="app-counts"))


def overall(soup) -> list[str]:
    return {row[0]: row[1:] for row in table_rows(soup.find(id="latest-table"))}["Overall effectiveness"]


def add_a_wandsworth_strength_on_thresholds(world) -> None:
    make_finding(
        world.wandsworth_visit,
        "Thresholds are now applied well.",
        source=world.news_wandsworth,
        polarity="strength",
        themes=["thresholds"],
    )


def test_a_repeated_comparison_is_the_same_page_without_its_queries(
    world, client, get_soup, django_assert_num_queries
):
    first = get_soup(THREE)
    with django_assert_num_queries(COMPARE_QUERIES) as read:
        again = get_soup(THREE)
    assert not any("inspections_visit" in query["sql"] for query in read.captured_queries)
    assert again.find(id="comparison") == first.find(id="comparison")
    assert text_of(again.find("title")) == text_of(first.find("title"))
    assert "Westminster, Wandsworth, Tower Hamlets" in text_of(again.find("title"))


def test_a_new_finding_shows_at_once(world, get_soup):
    assert counts(get_soup(THREE), "thresholds", "wandsworth").startswith("0 strengths, 1 concern")
    add_a_wandsworth_strength_on_thresholds(world)
    assert counts(get_soup(THREE), "thresholds", "wandsworth").startswith("1 strength, 1 concern")


def test_hiding_a_finding_by_correction_shows_at_once(world, get_soup):
    assert counts(get_soup(THREE), "thresholds", "wandsworth").startswith("0 strengths, 1 concern")
    finding = Finding.objects.public().get(visit=world.wandsworth_visit, themes__slug="thresholds")
    editor = get_user_model().objects.create(username="corrector")
    correct_fields(finding, {"hidden": True}, by=editor, reason="not a finding")
    cell = matrix_cell(get_soup(THREE), "thresholds", "wandsworth")
    assert cell.find("a", class_="app-counts") is None


def test_a_corrected_grade_shows_at_once(world, get_soup):
    assert overall(get_soup(THREE))[2].startswith("Inadequate")
    judgement = Judgement.objects.get(visit__authority=world.tower_hamlets, area="overall_effectiveness")
    editor = get_user_model().objects.create(username="corrector")
    correct_fields(judgement, {"grade": "good"}, by=editor, reason="misread")
    assert overall(get_soup(THREE))[2].startswith("Good")


def test_publishing_a_document_shows_its_findings_at_once(world, get_soup):
    assert counts(get_soup(THREE), "thresholds", "wandsworth").startswith("0 strengths, 1 concern")
    assert document_publish(document=world.draft)
    assert "in 2 reports" in text_of(matrix_cell(get_soup(THREE), "thresholds", "wandsworth"))


def test_an_ingest_shows_at_once(db, get_soup):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    before = get_soup(TWO)
    assert "No inspection report loaded for Westminster." in text_of(before)
    call_command("ingest", str(SEEDS), verbosity=0)
    after = get_soup(TWO)
    assert "No inspection report loaded for Westminster." not in text_of(after)
    assert after.find(id="theme-matrix") is not None


def test_other_authorities_or_another_order_never_share_a_page(world, get_soup):
    three = get_soup(THREE)
    two = get_soup(TWO)
    reordered = get_soup("/compare/?authority=tower-hamlets&authority=westminster&authority=wandsworth")
    assert matrix_cell(two, "thresholds", "tower-hamlets") is None
    assert matrix_cell(three, "thresholds", "tower-hamlets") is not None
    assert [
        a.get_text() for a in reordered.find(id="compared").find_all("a", class_="govuk-!-font-weight-bold")
    ] == [
        "Tower Hamlets",
        "Westminster",
        "Wandsworth",
    ]


@pytest.mark.parametrize("order", ["anonymous first", "editor first"])
def test_editors_and_readers_each_get_their_own_header(world, client, editor, order):
    as_editor, as_reader = as_editor_and_as_reader(
        client, editor, THREE, editor_first=order == "editor first"
    )
    assert "Sign out" in as_editor and "Sign out" not in as_reader
    assert "csrfmiddlewaretoken" not in as_reader.split('id="comparison"')[1]


def test_htmx_gets_only_the_cached_comparison(world, client):
    client.get(THREE)
    html = client.get(THREE, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="comparison"')
    assert "<html" not in html


def test_the_timelines_run_to_the_new_day_after_midnight(world, get_soup, monkeypatch):
    """Nothing written overnight, but the bands run to today: yesterday's page is not today's."""

    def positions(soup) -> list[str]:
        """Where each band and visit marker sits along the time axis."""
        return [element["x"] for element in soup.find(id="compare-bands").find_all(attrs={"x": True})]

    today = timezone.localdate()
    before = positions(get_soup(THREE))
    monkeypatch.setattr(timezone, "localdate", lambda: today + timedelta(days=365))
    assert positions(get_soup(THREE)) != before


THREE_CSV = THREE.replace("/compare/", "/compare/themes.csv")


def csv_rows(response) -> dict[tuple[str, str], dict]:
    return {
        (row["theme"], row["authority"]): row
        for row in csv.DictReader(io.StringIO(response.content.decode()))
    }


def test_the_themes_csv_repeated_is_read_from_the_cache_and_shows_a_write_at_once(
    world, client, django_assert_num_queries
):
    first = client.get(THREE_CSV)
    with django_assert_num_queries(COMPARE_QUERIES):
        again = client.get(THREE_CSV)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    add_a_wandsworth_strength_on_thresholds(world)
    assert csv_rows(client.get(THREE_CSV))[("thresholds", "wandsworth")]["strengths"] == "1"


def test_the_themes_csv_links_to_the_host_it_was_asked_from(world, client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    client.get(THREE_CSV)
    rows = csv_rows(client.get(THREE_CSV, HTTP_HOST="mirror.example"))
    assert rows[("thresholds", "westminster")]["quote_source_url"].startswith(
        "http://mirror.example/sources/"
    )
