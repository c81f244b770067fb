"""Working days of the Chinese statutory calendar: holidays off, make-up working days on.

chinese-calendar knows the State Council's published years; for a year it does not know yet,
Monday to Friday stands in until the package is updated."""

import datetime

import chinese_calendar


def is_working_day(day: datetime.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `day` (before it when negative); 0 gives the next
    working day on or after `day`."""
    step = 1 if count >= 0 else -1
    current = day
    if count == 0:
        while not is_working_day(current):
            current += datetime.timedelta(days=1)
        return current
    remaining = abs(count)
    while remaining:
        current += datetime.timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative when end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    days = (end - start).days
    return sum(1 for i in range(1, days + 1) if is_working_day(start + datetime.timedelta(days=i)))
