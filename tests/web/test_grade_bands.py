"""Grades over true time on the authority page: a band per judgement area, coloured by the grade in
force from the visit that gave it until the next, visits marked on it, and the same in a table."""

import datetime as dt

import pytest

from tests.factories import inspect_tower_hamlets_in_2019
from tests.web.html import table_rows, text_of


@pytest.fixture
def tower_hamlets_2019(world):
    return inspect_tower_hamlets_in_2019(world, {"overall_effectiveness": "good", "leadership": "good"})


def test_tower_hamlets_inadequate_in_force_from_2017_until_the_2019_inspection(
    world, tower_hamlets_2019, get_soup
):
    soup = get_soup("/authorities/tower-hamlets/")
    rows = table_rows(soup.find(id="grade-bands-table"))
    assert rows == [
        [
            "Overall effectiveness",
            "Inadequate",
            "Single inspection framework inspection, April 2017",
            "Standard inspection, 3 to 14 June 2019",
        ],
        ["Overall effectiveness", "Good", "Standard inspection, 3 to 14 June 2019", "today (in force)"],
        ["Leaders", "Good", "Standard inspection, 3 to 14 June 2019", "today (in force)"],
    ]
    drawing = soup.find(id="grade-bands")
    overall = [
        (period["data-grade"], text_of(period.find("title")))
        for period in drawing.find_all("svg", attrs={"data-grade": True})
    ]
    assert overall[:2] == [
        ("inadequate", "Overall effectiveness: Inadequate from April 2017 until June 2019"),
        ("good", "Overall effectiveness: Good from June 2019 until today"),
    ]
    # Leaders: no grade is known until 2019.
    assert overall[2] == ("", "Leaders: no grade known from April 2017 until June 2019")


def test_the_band_is_on_a_true_time_scale_to_today(world, tower_hamlets_2019, get_soup):
    soup = get_soup("/authorities/tower-hamlets/")
    periods = soup.find(id="grade-bands").find_all("svg", attrs={"data-grade": True})
    inadequate, good = (float(period["width"].rstrip("%")) for period in periods[:2])
    today = dt.date.today()
    expected = (dt.date(2019, 6, 3) - dt.date(2017, 4, 1)).days / (today - dt.date(2017, 4, 1)).days
    assert inadequate / (inadequate + good) == pytest.approx(expected, abs=0.01)
    assert text_of(soup.find(id="grade-bands").find("svg").find("text", string="Today")) == "Today"


def test_the_undated_monitoring_visit_is_drawn_in_its_window(world, tower_hamlets_2019, get_soup):
    soup = get_soup("/authorities/tower-hamlets/")
    drawing = soup.find(id="grade-bands")
    marker = drawing.find("svg", attrs={"data-visit": str(world.monitoring.pk)})
    assert "app-bands__marker--monitoring" in marker["class"]
    assert text_of(marker.find("title")) == "Monitoring visit, between April 2017 and June 2019"
    window = drawing.find("rect", class_="app-bands__window")
    assert float(window["width"].rstrip("%")) > 0


def test_westminster_shows_the_2018_focused_visit_as_a_marker(world, get_soup):
    soup = get_soup("/authorities/westminster/")
    drawing = soup.find(id="grade-bands")
    marker = drawing.find("svg", attrs={"data-visit": str(world.focused.pk)})
    assert "app-bands__marker--focused" in marker["class"]
    assert text_of(marker.find("title")) == "Focused visit, 7 to 8 August 2018"
    # The outstanding inspection has no date the record can place: said, and in the tables.
    assert "1 visit with no date the record can place is in the tables but not on the time line." in text_of(
        drawing
    )


def test_an_authority_without_visits_has_no_bands(world, get_soup):
    soup = get_soup("/authorities/leeds/")
    assert soup.find(id="grade-bands") is not None
    assert get_soup("/authorities/kensington-and-chelsea/").find(id="grade-bands") is None


def test_names_in_the_bands_are_shown_as_text_not_markup(world, client, get_soup):
    # The bands are written by dashboard/band_drawing.py, not the template: an authority's name
    # must still be escaped in the drawing and in the table of periods.
    from authorities.models import Authority

    Authority.objects.filter(slug="leeds").update(name="Leeds <i>City</i> & co")
    address = "/compare/?authority=westminster&authority=leeds"
    assert "<i>City" not in client.get(address).content.decode()
    soup = get_soup(address)
    drawing = soup.find(id="compare-bands")
    groups = [text_of(text) for text in drawing.find_all("text", class_="app-bands__group")]
    assert groups == ["Westminster", "Leeds <i>City</i> & co"]
    periods = table_rows(soup.find(id="compare-bands-table"))
    assert periods[-1][:3] == ["Leeds <i>City</i> & co", "Overall effectiveness", "Good"]
