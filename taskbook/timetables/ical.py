"""iCalendar (RFC 5545) text for the timetable feeds, written by hand: the format is small and the
rules that matter are few: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
character), TEXT values escaped, all-day events as DATE values with an exclusive end."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import Protocol

PRODID = "-//taskbook//Road maps and timetables//EN"
LIMIT = 75  # octets per line, the CRLF not counted
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # TEXT may not hold control characters but TAB/LF


class Event(Protocol):
    """What a calendar entry needs; roadmaps.calendar.Deadline is one."""

    @property
    def uid(self) -> str: ...

    @property
    def date(self) -> datetime.date: ...

    @property
    def summary(self) -> str: ...

    @property
    def description(self) -> str: ...


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets; each continuation begins with a space."""
    if len(line.encode("utf-8")) <= LIMIT:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, LIMIT
    for char in line:
        n = len(char.encode("utf-8"))
        if size + n > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LIMIT - 1  # the leading space takes one octet
        current.append(char)
        size += n
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar[E: Event](
    name: str,
    events: Iterable[E],
    *,
    now: datetime.datetime,
    url_for: Callable[[E], str] | None = None,
    description: str = "",
) -> str:
    """A VCALENDAR of all-day VEVENTs, one per event, as the text a feed serves."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        # Ask calendar programs to look again every few hours; deadlines move.
        "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
        "X-PUBLISHED-TTL:PT4H",
    ]
    if description:
        lines.append(f"X-WR-CALDESC:{escape_text(description)}")
    stamp = _stamp(now)
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(event.date)}",
            f"DTEND;VALUE=DATE:{_date(event.date + datetime.timedelta(days=1))}",
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
        ]
        url = url_for(event) if url_for else ""
        if url:
            lines.append(f"URL:{url}")  # a URI value: not TEXT, so not escaped
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]  # a deadline does not make anyone busy
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
