"""A history with no holes: the seeds with Ofsted's official statistics. Tower Hamlets' sixth and
final monitoring visit (seed 004) is dated by nothing, but its window is known: after the April
2017 judgement it refers to, before the next dated inspection (June 2019)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from dashboard.formatting import window_reasons, window_text
from inspections.history import Bound, DateWindow, authority_visit_windows
from inspections.models import Visit
from tests.ingest.conftest import ingest_paths
from tests.paths import REPO, SEEDS
from tests.web.html import table_rows, text_of

WORKBOOK = REPO / "sample_data" / "ofsted-la-inspection-outcomes-2025-03-31.ods"


@pytest.fixture
def history(context):
    call_command("import_outcomes", str(WORKBOOK), verbosity=0)
    ingest_paths(sorted(SEEDS.glob("*.txt")), context)


def monitoring_visit() -> Visit:
    return Visit.objects.get(authority__slug="tower-hamlets", visit_type="monitoring_visit", start_date=None)


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_window_is_after_the_judgement_referred_to_and_before_the_next_inspection(history):
    visit = monitoring_visit()
    window = authority_visit_windows(visit.authority_id)[visit.pk]
    assert (window.after.day, window.after.precision, window.after.basis) == (
        dt.date(2017, 4, 1),
        "month",
        "reference",
    )
    assert (window.before.day, window.before.basis) == (dt.date(2019, 6, 10), "inspection")


def test_a_visit_nothing_bounds_has_no_window(history):
    wandsworth = Visit.objects.get(authority__slug="wandsworth", visit_type="focused_visit")
    assert wandsworth.pk not in authority_visit_windows(wandsworth.authority_id)


def test_the_authority_page_shows_the_window_in_its_place_and_never_as_the_newest(history, client):
    soup = soup_of(client, "/authorities/tower-hamlets/")
    rows = table_rows(soup.find(id="timeline-table"))
    dates = [row[0] for row in rows]
    assert dates == ["April 2017", "between April 2017 and June 2019", "10 June 2019", "11 November 2024"]
    assert rows[1][1].startswith("Monitoring visit")
    newest_first = [text_of(h) for h in soup.select("#visits ~ section h3")]
    assert newest_first[0] == "Short inspection, 11 November 2024"
    assert "Monitoring visit, between April 2017 and June 2019" in newest_first[1:]


def test_the_visit_page_says_when_it_happened_and_why(history, client):
    soup = soup_of(client, f"/visits/{monitoring_visit().pk}/")
    assert text_of(soup.find("h1")) == "Monitoring visit, between April 2017 and June 2019"
    facts = {
        text_of(row.dt): text_of(row.dd)
        for row in soup.find(id="visit-facts").select(".govuk-summary-list__row")
    }
    assert facts["When"] == (
        "Between April 2017 and June 2019: no source dates this visit. It came after the judgement of "
        "April 2017 that its documents refer to, and before 10 June 2019, when the next dated inspection began."
    )


def test_an_undated_visit_nothing_places_comes_last_in_both_orders(history, client):
    soup = soup_of(client, "/authorities/wandsworth/")
    rows = table_rows(soup.find(id="timeline-table"))
    assert rows[-1][:2] == ["date not stated", "Focused visit"]
    newest_first = [text_of(h) for h in soup.select("#visits ~ section h3")]
    assert newest_first[-1] == "Focused visit, date not stated"


@pytest.mark.parametrize(
    "after, before, expected",
    [
        (Bound(dt.date(2017, 4, 1), "month", "reference"), None, "after April 2017"),
        (None, Bound(dt.date(2019, 6, 10), "day", "published"), "before June 2019"),
        (
            Bound(dt.date(2016, 1, 1), "year", "reference"),
            Bound(dt.date(2018, 3, 5), "day", "inspection"),
            "between 2016 and March 2018",
        ),
    ],
)
def test_a_window_in_words(after, before, expected):
    assert window_text(DateWindow(after, before)) == expected


def test_a_window_closed_by_a_documents_publication_says_so():
    window = DateWindow(None, Bound(dt.date(2019, 6, 10), "day", "published"))
    assert window_reasons(window) == (
        "Before June 2019: no source dates this visit. It came before 10 June 2019, when one of its "
        "documents was published."
    )
