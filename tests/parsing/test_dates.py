from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspections.parsing.dates import find_dates, month_year, parse_date, parse_date_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 August 2018", date(2018, 8, 7)),
        ("07 August 2018", date(2018, 8, 7)),
        ("7th Aug 2018", date(2018, 8, 7)),
        ("Sept 7, 2018", None),  # month-first is not British usage
        ("7 Sept 2018", date(2018, 9, 7)),
        ("Report published: 3 August 2015", date(2015, 8, 3)),
        ("1/06/2015", date(2015, 6, 1)),
        ("01.06.15", date(2015, 6, 1)),
        ("2018-08-07", date(2018, 8, 7)),
        ("31 February 2018", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("5 to 16 November 2018", date(2018, 11, 5), date(2018, 11, 16)),
        ("7 and 8 August 2018", date(2018, 8, 7), date(2018, 8, 8)),
        ("2 June 2014 – 25 June 2014", date(2014, 6, 2), date(2014, 6, 25)),
        ("1/06/2015 – 25/06/2015", date(2015, 6, 1), date(2015, 6, 25)),
        ("8 – 12 July 2013", date(2013, 7, 8), date(2013, 7, 12)),
        ("24 – 28 June 2013", date(2013, 6, 24), date(2013, 6, 28)),
        ("28 November to 9 December 2022", date(2022, 11, 28), date(2022, 12, 9)),
        ("21 November–15 December 2016", date(2016, 11, 21), date(2016, 12, 15)),
        ("24 February — 20 March 2015", date(2015, 2, 24), date(2015, 3, 20)),
        ("21 April 2015 - 8 May 2015", date(2015, 4, 21), date(2015, 5, 8)),
        ("02 March 2020 to 13 March 2020", date(2020, 3, 2), date(2020, 3, 13)),
        # across years, with or without the first year
        ("28 December 2015 to 8 January 2016", date(2015, 12, 28), date(2016, 1, 8)),
        ("28 December to 8 January 2016", date(2015, 12, 28), date(2016, 1, 8)),
        # the range within a longer line; the first of two ranges
        ("Inspection dates: 2 December 2024 to 6 December 2024", date(2024, 12, 2), date(2024, 12, 6)),
        ("5 to 9 December 2022 and 14 to 15 February 2023", date(2022, 12, 5), date(2022, 12, 9)),
        ("Inspection date: 6 to 30 July\n2015", date(2015, 7, 6), date(2015, 7, 30)),
        # one day
        ("The visit took place on 7 August 2018.", date(2018, 8, 7), date(2018, 8, 7)),
        ("nothing", None, None),
        ("", None, None),
    ],
)
def test_parse_date_range(text, start, end):
    assert parse_date_range(text) == (start, end)


def test_a_range_that_runs_backwards_is_not_a_range():
    # "16 to 5 November" is not a range; the first real date stands alone.
    assert parse_date_range("16 to 5 November 2018") == (date(2018, 11, 5), date(2018, 11, 5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 2017", (date(2017, 4, 1), "month")),
        ("judged inadequate in April 2017", (date(2017, 4, 1), "month")),
        ("7 April 2017", (date(2017, 4, 7), "day")),
        ("the inspection in 2016", (date(2016, 1, 1), "year")),
        ("no date", None),
    ],
)
def test_month_year(text, expected):
    assert month_year(text) == expected


def test_find_dates_in_order():
    text = "Published 9 July 2018 after the visit on 1/06/2018 and on 2018-05-03."
    assert [found[0] for found in find_dates(text)] == [date(2018, 7, 9), date(2018, 6, 1), date(2018, 5, 3)]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 31))


def words(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@given(days)
def test_parse_date_round_trip(value):
    assert parse_date(words(value)) == value
    assert parse_date(f"{value.day}/{value.month:02d}/{value.year}") == value


@given(days, st.integers(min_value=0, max_value=400), st.sampled_from([" to ", " – ", "–", " - ", " and "]))
def test_parse_date_range_round_trip(start, length, separator):
    end = start + timedelta(days=length)
    assert parse_date_range(words(start) + separator + words(end)) == (start, end)
    if start.year == end.year:
        short = f"{start.day} {MONTHS[start.month - 1]}{separator}{words(end)}"
        assert parse_date_range(short) == (start, end)
    if start.year + 1 == end.year and start.month > end.month:
        short = f"{start.day} {MONTHS[start.month - 1]}{separator}{words(end)}"
        assert parse_date_range(short) == (start, end)


@given(st.text(max_size=200))
def test_never_raises(text):
    parse_date(text)
    parse_date_range(text)
    month_year(text)
