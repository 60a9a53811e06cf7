"""The authority page beside other authorities: the grades of its region, its statistical
neighbours and England, the time since its last inspection and the likely next one."""

import datetime as dt

from dashboard.benchmarks import elapsed
from tests.factories import inspect_tower_hamlets_in_2019
from tests.web.html import table_rows, text_of


def summary(element) -> dict[str, str]:
    return {text_of(row.find("dt")): text_of(row.find("dd")) for row in element.find_all("div")}


def test_westminster_beside_its_neighbours_region_and_england(world, get_soup):
    soup = get_soup("/authorities/westminster/")
    rows = {row[0]: row[1:] for row in table_rows(soup.find(id="distribution-table"))}
    # Kensington and Chelsea, Hammersmith and Fulham, Wandsworth (none graded) and Tower Hamlets.
    assert rows["Its statistical neighbours"] == ["0 (0%)", "0 (0%)", "0 (0%)", "1 (25%)", "3", "4"]
    london = rows["London (its region)"]
    assert london[0] == "1 (20%)" and london[3] == "1 (20%)" and london[5] == "5"
    assert rows["England"][1] == "1 (17%)"  # Leeds
    assert rows["England"][5] == "6"
    bars = soup.find(id="distribution-bars").find_all("svg", attrs={"role": "img"})
    assert [bar["aria-label"] for bar in bars] == [
        "London (its region): 50% outstanding, 50% inadequate",
        "Its statistical neighbours: 100% inadequate",
        "England: 33% outstanding, 33% good, 33% inadequate",
    ]


def test_no_dated_inspection_no_window(world, get_soup):
    soup = get_soup("/authorities/westminster/")
    assert text_of(soup.find(id="next-inspection")) == (
        "No dated inspection that judged overall effectiveness is recorded here, so when the next one is "
        "likely cannot be said."
    )
    source = soup.find(id="framework-source")
    assert "Inspecting local authority children’s services" in text_of(source)
    assert source.find("a")["href"].startswith(
        "https://www.gov.uk/government/publications/inspecting-local-authority"
    )


def test_after_inadequate_monitoring_visits(world, get_soup):
    soup = get_soup("/authorities/tower-hamlets/")
    cycle = summary(soup.find(id="inspection-cycle"))
    assert cycle["Last inspection"] == (
        "Single inspection framework inspection, April 2017: overall effectiveness inadequate"
    )
    assert cycle["Next inspection likely"] == (
        "Monitoring visits until Ofsted inspects again; the framework sets no date for the re-inspection."
    )


def test_after_good_a_short_inspection_about_three_years_on(world, get_soup):
    inspect_tower_hamlets_in_2019(world)
    soup = get_soup("/authorities/tower-hamlets/")
    cycle = summary(soup.find(id="inspection-cycle"))
    assert cycle["Last inspection"] == "Standard inspection, 3 to 14 June 2019: overall effectiveness good"
    assert cycle["Next inspection likely"] == (
        "A short inspection between December 2021 and December 2022 (that window has passed; no later "
        "inspection is recorded here)."
    )
    assert cycle["Time since"] == elapsed(dt.date(2019, 6, 14), dt.date.today())
    today = dt.date.today()
    assert cycle["Time since"].startswith(f"{today.year - 2019 - (today < dt.date(today.year, 6, 14))} years")


def test_time_since_in_years_and_months():
    assert elapsed(dt.date(2019, 6, 14), dt.date(2022, 8, 20)) == "3 years and 2 months"
    assert elapsed(dt.date(2019, 6, 14), dt.date(2020, 6, 13)) == "11 months"
    assert elapsed(dt.date(2019, 6, 14), dt.date(2020, 6, 14)) == "1 year"
    assert elapsed(dt.date(2019, 6, 14), dt.date(2019, 6, 20)) == "less than a month"
