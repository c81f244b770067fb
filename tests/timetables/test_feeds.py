"""iCalendar feeds: RFC 5545 text read back, tokens, revocation, and the feed actions through POST."""

import datetime

import pytest
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from taskbook.taskbooks.actions import add_milestone, complete_milestone, create_measure, save_contact
from taskbook.taskbooks.models import Milestone
from taskbook.timetables import calendar as deadlines
from taskbook.timetables.actions import create_feed, revoke_feed
from taskbook.timetables.ical import calendar, escape_text, fold
from taskbook.timetables.models import CalendarFeed
from tests.conftest import make_draft

D = datetime.date


def unfold(text: str) -> list[str]:
    """Content lines as RFC 5545 defines them: CRLF-separated, a leading space continues a line."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
        assert "\n" not in line and "\r" not in line
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def events(text: str) -> list[dict[str, str]]:
    found, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def fetch(client, feed) -> str:
    response = client.get(reverse("timetables:feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content.decode("utf-8")


def test_folding_splits_at_75_octets_and_never_inside_a_character():
    line = "SUMMARY:" + "建立健全外商投资企业投诉工作机制" * 6 + " and some English to end with"
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 3
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line
    assert fold("SHORT:x") == "SHORT:x"


def test_text_values_are_escaped():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert escape_text("bell\x07") == "bell"  # control characters are not allowed in TEXT


def test_the_calendar_is_well_formed():
    event = deadlines.Deadline(
        uid="milestone-1@taskbook",
        kind="milestone",
        date=D(2024, 12, 31),
        title="Year end, report; due",
        state="open",
        task_number="3",
    )
    text = calendar(
        "Name, with; specials", [event], now=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    )
    lines = unfold(text)
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//taskbook//Road maps and timetables//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert "X-WR-CALNAME:Name\\, with\\; specials" in lines
    assert lines[-1] == "END:VCALENDAR"
    (vevent,) = events(text)
    assert vevent["DTSTART;VALUE=DATE"] == "20241231"
    assert vevent["DTEND;VALUE=DATE"] == "20250101"  # the exclusive end of an all-day event
    assert vevent["DTSTAMP"] == "20240102T030405Z"
    assert unescape(vevent["SUMMARY"]) == "Milestone: Year end, report; due"


def test_a_unit_feed_has_an_all_day_event_per_milestone_and_due_date(client, people, plan, workplan, today):
    odd = workplan.measures[0]
    add_milestone(
        people.sam,
        odd,
        date=D(2024, 4, 1),
        description="Sign, seal; deliver \\ the “guide”\nthen publish 公告 " + "long " * 20,
    )
    feed = create_feed(people.carl, unit=people.commerce)
    text = fetch(client, feed)  # no sign-in: the token is the key
    lines = unfold(text)
    assert "VERSION:2.0" in lines and "CALSCALE:GREGORIAN" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:taskbook · Municipal Bureau of Commerce: deadlines" in lines
    found = events(text)
    commerce = [m for m in workplan.measures if m.unit_id == people.commerce.pk]
    milestones = Milestone.objects.filter(measure__unit=people.commerce)
    assert len(found) == len(commerce) + milestones.count() == 3 + 7
    uids = {e["UID"] for e in found}
    assert uids == {f"measure-{m.pk}@taskbook" for m in commerce} | {
        f"milestone-{m.pk}@taskbook" for m in milestones
    }
    for event in found:
        start = datetime.datetime.strptime(event["DTSTART;VALUE=DATE"], "%Y%m%d").date()
        end = datetime.datetime.strptime(event["DTEND;VALUE=DATE"], "%Y%m%d").date()
        assert end - start == datetime.timedelta(days=1)
        assert event["URL"].startswith("http://testserver/measures/")
        assert event["DTSTAMP"].endswith("Z")
    due = next(e for e in found if e["UID"] == f"measure-{odd.pk}@taskbook")
    assert due["DTSTART;VALUE=DATE"] == "20240530"
    description = unescape(due["DESCRIPTION"])
    assert "Task 1: Task title 1" in description and "Unit: Municipal Bureau of Commerce" in description
    special = next(e for e in found if "Sign" in e["SUMMARY"])
    assert special["SUMMARY"].startswith(
        "Milestone: Sign\\, seal\\; deliver \\\\ the “guide”\\nthen publish 公告"
    )
    assert unescape(special["SUMMARY"]).startswith(
        "Milestone: Sign, seal; deliver \\ the “guide”\nthen publish"
    )


def test_a_unit_feed_leaves_out_draft_plans_and_other_units(client, people, plan, workplan, today):
    draft = import_plan(SYSTEM, make_draft(title="A draft plan (2024-2026)")).plan
    contact = save_contact(SYSTEM, people.commerce, name="Zhou")
    hidden = create_measure(
        SYSTEM,
        draft.tasks.get(number="1"),
        people.commerce,
        title="In a draft plan",
        start_date=D(2024, 1, 1),
        due_date=D(2024, 2, 1),
        responsible=contact,
    )
    text = fetch(client, create_feed(people.carl, unit=people.commerce))
    assert f"measure-{hidden.pk}@taskbook" not in text
    assert "Technology Innovation Commission measure" not in text


def test_a_users_feed_holds_their_units_deadlines_and_everyones_for_the_coordinator(
    client, people, plan, workplan, today
):
    sam = fetch(client, create_feed(people.sam, user=people.sam))
    assert "Municipal Bureau of Commerce measure 1" in sam and "Technology Innovation Commission" not in sam
    assert "X-WR-CALNAME:taskbook · Sam: deadlines" in unfold(sam)
    alice = fetch(client, create_feed(people.alice, user=people.alice))
    assert len(events(alice)) == 15  # five measures and ten milestones
    done = workplan.measures[0].milestones.order_by("date").first()
    complete_milestone(people.sam, done, done_on=D(2024, 1, 30))
    assert "SUMMARY:✓ Milestone: Draft ready" in fetch(client, create_feed(people.sam, user=people.sam))


def test_unknown_and_revoked_tokens_are_not_found(client, people, workplan, today):
    feed = create_feed(people.carl, unit=people.commerce)
    assert client.get(reverse("timetables:feed", args=["x" * 32])).status_code == 404
    assert client.get("/feeds/not%20a%20token.ics").status_code == 404
    fetch(client, feed)
    assert (
        client.head(reverse("timetables:feed", args=[feed.token])).status_code == 200
    )  # some programs ask first
    revoke_feed(people.sam, feed)
    assert client.get(reverse("timetables:feed", args=[feed.token])).status_code == 404


def test_feeds_are_made_and_revoked_through_the_page(client, people, workplan, today):
    client.force_login(people.sam)
    response = client.post(reverse("timetables:feed_new"), {"for": "me"})
    assert response.status_code == 302
    mine = CalendarFeed.objects.get(user=people.sam)
    assert AuditEvent.objects.filter(action="feed.create", object_id=str(mine.pk), actor=people.sam).exists()
    client.post(reverse("timetables:feed_new"), {"unit": people.commerce.pk})
    unit_feed = CalendarFeed.objects.get(unit=people.commerce)
    html = client.get(reverse("timetables:feeds")).content.decode()
    for feed in (mine, unit_feed):
        assert f"http://testserver/feeds/{feed.token}.ics" in html  # the full address, to copy
        assert f"webcal://testserver/feeds/{feed.token}.ics" in html
    # Carl, admin of the same unit, revokes the unit feed; it stops working at once.
    client.force_login(people.carl)
    assert client.post(reverse("timetables:feed_revoke", args=[unit_feed.pk])).status_code == 302
    unit_feed.refresh_from_db()
    assert unit_feed.revoked_at is not None
    assert AuditEvent.objects.filter(
        action="feed.revoke", object_id=str(unit_feed.pk), actor=people.carl
    ).exists()
    assert client.get(reverse("timetables:feed", args=[unit_feed.token])).status_code == 404
    # Sam's own feed is his: Carl does not even see it.
    assert client.post(reverse("timetables:feed_revoke", args=[mine.pk])).status_code == 404
    assert client.get(reverse("timetables:feed", args=[mine.token])).status_code == 200


@pytest.mark.parametrize(
    "data,status,message",
    [
        ({}, 400, "Choose a unit"),
        ({"unit": "abc"}, 400, "no such unit"),
        ({"unit": "999999"}, 400, "no such unit"),
    ],
)
def test_bad_feed_requests_are_refused_and_nothing_is_made(client, people, workplan, data, status, message):
    client.force_login(people.sam)
    response = client.post(reverse("timetables:feed_new"), data)
    assert response.status_code == status and message in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_a_member_of_another_unit_can_neither_make_nor_revoke_its_feeds(client, people, workplan):
    feed = create_feed(people.carl, unit=people.commerce)
    client.force_login(people.tina)  # Technology
    assert client.post(reverse("timetables:feed_new"), {"unit": people.commerce.pk}).status_code == 403
    assert client.post(reverse("timetables:feed_revoke", args=[feed.pk])).status_code == 404
    assert f"{feed.token}" not in client.get(reverse("timetables:feeds")).content.decode()
    assert CalendarFeed.objects.count() == 1
    client.force_login(people.olga)  # no unit at all
    assert client.post(reverse("timetables:feed_new"), {"for": "me"}).status_code == 403


def test_another_source_of_deadlines_appears_in_timetables_and_feeds(client, people, plan, workplan, today):
    """The seam for report due dates: a registered source shows up everywhere deadlines are read."""

    def reports(scope, window):
        return [
            deadlines.Deadline(
                uid="report-7@taskbook",
                kind="report_due",
                date=D(2024, 6, 20),
                title="Q2 progress report",
                state="open",
                unit_name="Commerce",
            )
        ]

    deadlines.register_deadline_source(reports)
    try:
        client.force_login(people.sam)
        html = client.get(reverse("timetables:me") + "?month=2024-06").content.decode()
        assert "Q2 progress report" in html
        text = fetch(client, create_feed(people.sam, user=people.sam))
        assert "UID:report-7@taskbook" in text and "SUMMARY:Report due: Q2 progress report" in text
    finally:
        deadlines.DEADLINE_SOURCES.remove(reports)
