"""Belgian working days: the target date of a request counts neither weekends nor holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from befus.core.workdays import (
    add_working_days,
    belgian_holidays,
    easter_sunday,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5)),
        (2027, dt.date(2027, 3, 28)),
        (2038, dt.date(2038, 4, 25)),
    ],
)
def test_easter_sunday_falls_on_the_gregorian_date(year: int, easter: dt.date) -> None:
    # when / then
    assert easter_sunday(year) == easter


def test_the_ten_belgian_legal_holidays_of_2026() -> None:
    # when
    holidays = belgian_holidays(2026)
    # then
    assert sorted(holidays) == [
        dt.date(2026, 1, 1),  # New Year's Day
        dt.date(2026, 4, 6),  # Easter Monday
        dt.date(2026, 5, 1),  # Labour Day
        dt.date(2026, 5, 14),  # Ascension Day
        dt.date(2026, 5, 25),  # Whit Monday
        dt.date(2026, 7, 21),  # National Day
        dt.date(2026, 8, 15),  # Assumption
        dt.date(2026, 11, 1),  # All Saints' Day
        dt.date(2026, 11, 11),  # Armistice Day
        dt.date(2026, 12, 25),  # Christmas Day
    ]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2026, 5, 13), True),  # the Wednesday before Ascension
        (dt.date(2026, 5, 14), False),  # Ascension Day, a Thursday
        (dt.date(2026, 5, 16), False),  # a Saturday
        (dt.date(2026, 5, 17), False),  # a Sunday
        (dt.date(2026, 5, 25), False),  # Whit Monday
        (dt.date(2026, 12, 24), True),  # Christmas Eve is worked
        (dt.date(2026, 12, 26), False),  # a Saturday; Boxing Day is no Belgian holiday anyway
    ],
)
def test_a_day_is_worked_unless_a_weekend_or_a_holiday(day: dt.date, working: bool) -> None:
    # when / then
    assert is_working_day(day) is working


def test_adding_working_days_skips_the_weekend() -> None:
    # given a Friday
    friday = dt.date(2026, 3, 13)
    # when / then the next working day is the Monday, and five working days a week later
    assert add_working_days(friday, 1) == dt.date(2026, 3, 16)
    assert add_working_days(friday, 5) == dt.date(2026, 3, 20)


def test_adding_working_days_skips_christmas_and_new_year() -> None:
    # given the Wednesday before Christmas 2026 (a Friday) and New Year 2027 (a Friday)
    start = dt.date(2026, 12, 23)
    # when / then: 24, (25 holiday, weekend), 28, 29, 30, 31, (1 holiday, weekend), 4 January
    assert add_working_days(start, 1) == dt.date(2026, 12, 24)
    assert add_working_days(start, 2) == dt.date(2026, 12, 28)
    assert add_working_days(start, 6) == dt.date(2027, 1, 4)


def test_adding_working_days_does_not_count_the_start_day() -> None:
    # given a Monday
    monday = dt.date(2026, 3, 2)
    # when / then
    assert add_working_days(monday, 0) == monday
    assert add_working_days(monday, 1) == dt.date(2026, 3, 3)


def test_fifteen_working_days_over_labour_day_and_ascension() -> None:
    # given a request received on Wednesday 22 April 2026
    received = dt.date(2026, 4, 22)
    # when
    due = add_working_days(received, 15)
    # then Labour Day (a Friday) and Ascension (a Thursday) push the date to Friday 15 May
    assert due == dt.date(2026, 5, 15)
    assert working_days_between(received, due) == 15


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (dt.date(2026, 3, 13), dt.date(2026, 3, 16), 1),  # Friday to Monday
        (dt.date(2026, 3, 2), dt.date(2026, 3, 9), 5),  # a whole week
        (dt.date(2026, 4, 3), dt.date(2026, 4, 7), 1),  # Easter Monday not counted
        (dt.date(2026, 12, 23), dt.date(2027, 1, 4), 6),  # Christmas and New Year
        (dt.date(2026, 3, 9), dt.date(2026, 3, 9), 0),  # the same day
        (dt.date(2026, 3, 9), dt.date(2026, 3, 2), 0),  # the end before the start
    ],
)
def test_working_days_between_two_dates(start: dt.date, end: dt.date, count: int) -> None:
    # when / then
    assert working_days_between(start, end) == count


def test_working_days_between_undoes_adding_them() -> None:
    # given a start on a Saturday in a month with a holiday
    start = dt.date(2026, 10, 31)
    for days in range(40):
        # when / then
        assert working_days_between(start, add_working_days(start, days)) == days
