import datetime as dt
from types import SimpleNamespace

import pytest

from dashboard import formatting
from dashboard.templatetags import outcomes


def visit(**values):
    defaults = {"start_date": None, "end_date": None, "approx_date": None, "approx_date_precision": ""}
    return SimpleNamespace(**{**defaults, **values})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"start_date": dt.date(2018, 8, 7), "end_date": dt.date(2018, 8, 8)}, "7 to 8 August 2018"),
        ({"start_date": dt.date(2018, 7, 30), "end_date": dt.date(2018, 8, 3)}, "30 July to 3 August 2018"),
        (
            {"start_date": dt.date(2018, 12, 31), "end_date": dt.date(2019, 1, 4)},
            "31 December 2018 to 4 January 2019",
        ),
        ({"start_date": dt.date(2018, 8, 7)}, "7 August 2018"),
        ({"start_date": dt.date(2018, 8, 7), "end_date": dt.date(2018, 8, 7)}, "7 August 2018"),
        ({"end_date": dt.date(2018, 8, 8)}, "ended 8 August 2018"),
        ({"approx_date": dt.date(2017, 4, 1), "approx_date_precision": "month"}, "April 2017"),
        ({"approx_date": dt.date(2017, 1, 1), "approx_date_precision": "year"}, "2017"),
        ({"approx_date": dt.date(2017, 4, 3), "approx_date_precision": "day"}, "3 April 2017"),
        ({}, "date not stated"),
    ],
)
def test_visit_when(values, expected):
    assert formatting.visit_when(visit(**values)) == expected


def test_date_stated():
    assert formatting.date_stated(dt.date(2018, 8, 31)) == "31 August 2018"
    assert formatting.date_stated(None) == "date not stated"


def test_grade_and_polarity_labels_and_colours():
    assert formatting.grade_label("requires_improvement") == "Requires improvement"
    assert formatting.grade_label(None) == "Not graded"
    assert formatting.grade_class("outstanding") == "govuk-tag--green"
    assert formatting.grade_class("inadequate") == "govuk-tag--red"
    assert formatting.grade_class(None) == "govuk-tag--grey"
    assert formatting.polarity_label("concern") == "Concern"
    assert formatting.polarity_class("strength") == "govuk-tag--green"
    assert formatting.polarity_class("concern") == "govuk-tag--red"


def test_vocabulary_labels():
    assert formatting.area_label("help_and_protection") == "Children who need help and protection"
    assert formatting.visit_type_label("focused_visit") == "Focused visit"
    assert formatting.visit_type_label("something_new") == "something_new"
    assert formatting.doc_kind_label("news") == "News summary"
    assert formatting.authority_type_label("london_borough") == "London borough"


def test_disagreements_read_as_words():
    assert formatting.disagreement_field("visit_start") == "start date"
    assert (
        formatting.disagreement_field("grade:leadership")
        == "grade for Impact of leaders on social work practice"
    )
    assert formatting.disagreement_field("odd_field") == "odd field"
    assert formatting.stated_value("2018-08-07") == "7 August 2018"
    assert formatting.stated_value("requires_improvement") == "Requires improvement"
    assert formatting.stated_value("focused_visit") == "Focused visit"
    assert formatting.stated_value("") == "not stated"
    assert formatting.stated_value("something") == "something"


def test_small_helpers():
    assert formatting.plural_count(1, "strength,strengths") == "1 strength"
    assert formatting.plural_count(0, "strength,strengths") == "0 strengths"
    assert formatting.short_sha("a" * 64) == "a" * 12
    assert outcomes.get_item({"a": 1}, "a") == 1
    assert outcomes.get_item(None, "a") is None
    assert outcomes.latest_grade(SimpleNamespace(latest_overall="good"), "overall") == "good"


def test_visit_kind_says_type_not_stated_for_a_referred_visit_of_unknown_type():
    referred = SimpleNamespace(reference_only=True, visit_type="other")
    assert formatting.visit_kind(referred) == "Visit (type not stated)"
    assert formatting.visit_kind(SimpleNamespace(reference_only=False, visit_type="other")) == "Other"
    assert formatting.visit_kind(SimpleNamespace(reference_only=True, visit_type="sif_inspection")) == (
        "Single inspection framework inspection"
    )


def test_visit_type_note_only_where_a_type_was_worked_out():
    def note(**values):
        return formatting.visit_type_note(
            SimpleNamespace(**{"visit_type_stated": False, "reference_only": False, **values})
        )

    assert note(visit_type="short_inspection").startswith("worked out from its dates")
    assert note(visit_type="other") == ""
    assert note(visit_type="short_inspection", visit_type_stated=True) == ""
    assert note(visit_type="sif_inspection", reference_only=True) == ""


def test_in_area_order_puts_overall_effectiveness_first():
    areas = ["lscb", "care_leavers", "overall_effectiveness", "children_in_care", "leadership"]
    ordered = outcomes.in_area_order(SimpleNamespace(area=area) for area in areas)
    assert [j.area for j in ordered] == [
        "overall_effectiveness",
        "leadership",
        "children_in_care",
        "care_leavers",
        "lscb",
    ]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((33, 31, 1), "33 findings: 31 strengths, 1 concern and 1 mixed or neutral"),
        ((5, 2, 3), "5 findings: 2 strengths and 3 concerns"),
        ((1, 1, 0), "1 finding: 1 strength and 0 concerns"),
    ],
)
def test_finding_tally(counts, expected):
    n, strengths, concerns = counts
    visit = SimpleNamespace(n_findings=n, n_strengths=strengths, n_concerns=concerns)
    assert formatting.finding_tally(visit) == expected


def test_publication_note():
    def note(doc_kind, published=None, report_published=None):
        document = SimpleNamespace(doc_kind=doc_kind, published=published, report_published=report_published)
        return formatting.publication_note(document)

    assert note("report", dt.date(2017, 7, 7)) == "published 7 July 2017"
    assert note("report", None, dt.date(2025, 1, 29)) == "published 29 January 2025"
    assert note("news", None, dt.date(2019, 10, 15)) == (
        "publication date not stated; Ofsted’s report published 15 October 2019"
    )
    assert note("news") == "publication date not stated"


@pytest.mark.parametrize(
    ("section", "area", "expected"),
    [
        ("finding", "lscb", "Finding (Local Safeguarding Children Board)"),
        (
            "improvement",
            "help_and_protection",
            "What needs to improve (Children who need help and protection)",
        ),
        ("overview", "", "Overview"),
        ("finding", "", "Finding"),
    ],
)
def test_finding_place_keeps_the_areas_capitals(section, area, expected):
    assert formatting.finding_place(SimpleNamespace(section=section, area=area)) == expected


def test_number_words_for_small_numbers_in_prose():
    assert formatting.number_words(8) == "eight"
    assert formatting.number_words(1) == "one"
    assert formatting.number_words(10) == "10"
    assert formatting.number_words(0) == "0"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://reports.ofsted.gov.uk/provider/44/80545", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(document.domain)//", False),
        (" https://example.org/", False),
        ("data:text/html,hi", False),
        ("/sources/1/", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_and_https_addresses_are_links(url, expected):
    assert formatting.is_web_address(url) is expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(15, "15 minutes"), (1, "1 minute"), (60, "1 hour"), (90, "1 hour 30 minutes"), (0, "0 minutes")],
)
def test_duration_words(minutes, expected):
    assert formatting.duration_words(dt.timedelta(minutes=minutes)) == expected
