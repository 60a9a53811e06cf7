"""Dates as Ofsted's documents write them.

    >>> parse_date("7 August 2018")
    datetime.date(2018, 8, 7)
    >>> parse_date_range("Inspection dates: 5 to 16 November 2018")
    (datetime.date(2018, 11, 5), datetime.date(2018, 11, 16))
    >>> month_year("April 2017")
    (datetime.date(2017, 4, 1), 'month')

Every function takes free text, finds the first date (or range) in it and returns None (or
(None, None)) when there is none; none of them raises on odd input. Day-month-year order
only (British usage), as words ("7 August 2018", "7th Aug 2018", "August 2018") or
numbers ("1/06/2015", "01.06.2015"), and ISO ("2018-08-07").
"""

from __future__ import annotations

import re
from datetime import date

from inspections.vocabulary import MONTHS

__all__ = [
    "DATE_PATTERN",
    "MONTH_NAME",
    "find_dates",
    "month_year",
    "parse_date",
    "parse_date_range",
]

# Month names as documents write them, in month order: the full names first, then the short forms
# ("Sept" before "Sep"), each capitalised.
_FULL_NAMES = [max((name for name in MONTHS if MONTHS[name] == number), key=len) for number in range(1, 13)]
_SHORT_NAMES = sorted(set(MONTHS) - set(_FULL_NAMES), key=lambda name: (MONTHS[name], -len(name)))

#: A full month name ("January", not "Jan"), as an expression.
MONTH_NAME = "|".join(name.capitalize() for name in _FULL_NAMES)
_MONTH = rf"(?:{MONTH_NAME}|{'|'.join(name.capitalize() for name in _SHORT_NAMES)})\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

#: A day-month-year date in words, e.g. "7 August 2018", "07 Aug. 2018", "7th August, 2018".
DATE_PATTERN = rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"

_WORDS_DATE = re.compile(rf"\b(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.])(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)(?![\d/])"
)
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(rf"(?<![\d£$.,])\b(?P<year>{_YEAR})\b(?![\d%])")

# Separators between the two ends of a range: "to", "and", "until", en/em dashes, hyphens.
_SEP = r"\s*(?:to|and|until|till|through|[-–—‐‑−])\s*"

_WORDS_RANGE = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?)?"
    rf"{_SEP}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b",
    re.IGNORECASE,
)
_NUMERIC_RANGE = re.compile(
    r"(?<![\d/.])(?P<d1>[0-3]?\d)[/.](?P<m1>[01]?\d)[/.](?P<y1>(?:19|20)?\d\d)"
    rf"{_SEP}"
    r"(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>(?:19|20)?\d\d)(?![\d/])"
)


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def _year_number(word: str) -> int:
    year = int(word)
    return year + 2000 if year < 100 else year


def _make(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every full date in the text as (date, start, end) offsets, in order of appearance."""
    found: list[tuple[date, int, int]] = []
    for pattern in (_WORDS_DATE, _NUMERIC_DATE, _ISO_DATE):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = _month_number(groups["month"]) if not groups["month"].isdigit() else int(groups["month"])
            value = _make(_year_number(groups["year"]), month, _day_number(groups["day"]))
            if value is not None:
                found.append((value, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found


def parse_date(text: str) -> date | None:
    """The first full date in the text ("7 August 2018", "1/06/2015", "2018-08-07"), or None."""
    if not text:
        return None
    dates = find_dates(text)
    return dates[0][0] if dates else None


def _range_from_words(match: re.Match) -> tuple[date, date] | None:
    year2 = _year_number(match["y2"])
    month2 = _month_number(match["m2"])
    end = _make(year2, month2, _day_number(match["d2"]))
    if end is None:
        return None
    month1 = _month_number(match["m1"]) if match["m1"] else month2
    if match["y1"]:
        year1 = _year_number(match["y1"])
    elif month1 is not None and month2 is not None and month1 > month2:
        year1 = year2 - 1  # "28 December to 8 January 2016"
    else:
        year1 = year2
    start = _make(year1, month1, _day_number(match["d1"]))
    if start is None or start > end:
        return None
    return start, end


def _range_from_numbers(match: re.Match) -> tuple[date, date] | None:
    start = _make(_year_number(match["y1"]), int(match["m1"]), int(match["d1"]))
    end = _make(_year_number(match["y2"]), int(match["m2"]), int(match["d2"]))
    if start is None or end is None or start > end:
        return None
    return start, end


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    """The first date range in the text as (start, end).

    Handles "5 to 16 November 2018", "7 and 8 August 2018", "8 – 12 July 2013",
    "28 November to 9 December 2022", "2 June 2014 – 25 June 2014", ranges across years
    ("28 December 2015 to 8 January 2016", or "28 December to 8 January 2016"), and
    "1/06/2015 – 25/06/2015". When the text holds no range but a single date, that date is
    both start and end (a one-day visit). (None, None) when there is no date at all.
    A text with two ranges ("5 to 9 December 2022 and 14 to 15 February 2023") gives the first.
    """
    if not text:
        return None, None
    candidates: list[tuple[int, tuple[date, date]]] = []
    for pattern, build in ((_WORDS_RANGE, _range_from_words), (_NUMERIC_RANGE, _range_from_numbers)):
        for match in pattern.finditer(text):
            value = build(match)
            if value is not None:
                candidates.append((match.start(), value))
                break
    singles = find_dates(text)
    if candidates:
        position, value = min(candidates, key=lambda item: item[0])
        # A lone date written before the range (and not part of it) comes first.
        if singles and singles[0][2] <= position:
            return singles[0][0], singles[0][0]
        return value
    if singles:
        return singles[0][0], singles[0][0]
    return None, None


def month_year(text: str) -> tuple[date, str] | None:
    """How much of a date the text states, as (date, precision).

    "7 April 2017" -> (date(2017, 4, 7), "day"); "April 2017" -> (date(2017, 4, 1), "month");
    "in 2017" -> (date(2017, 1, 1), "year"); None when there is no date. Precision values
    match PriorJudgement.date_precision.
    """
    if not text:
        return None
    full = parse_date(text)
    if full is not None:
        return full, "day"
    match = _MONTH_YEAR.search(text)
    if match:
        month = _month_number(match["month"])
        if month is not None:
            return date(int(match["year"]), month, 1), "month"
    match = _YEAR_ONLY.search(text)
    if match:
        return date(int(match["year"]), 1, 1), "year"
    return None
