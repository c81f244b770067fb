"""The reader's deadlines through the API: the timetable's, read as a window of dates with a limit.

The `workplan` fixture: Commerce's measures start on 1 January, 1 February and 1 March 2024 (milestones
30 and 120 days on, due 150 days on); Technology's on 1 January and 1 February. The `reporting`
fixture's open cycle, 2024-Q1, is due on 15 April 2024.
"""

from taskbook.timetables.actions import create_feed
from taskbook.timetables.calendar import Window, gather_deadlines, scope_for_user
from tests.api.helpers import answer, first_error, queries
from tests.conftest import add_measures

H1 = "/api/deadlines/?from=2024-01-01&to=2024-06-30"


def uids(client, url: str) -> list[str]:
    return [d["uid"] for d in answer(client, url)["items"]]


def test_the_deadlines_of_ones_units_as_the_timetable_has_them(
    client, people, plan, workplan, reporting, today
):
    client.force_login(people.carl)
    shown = answer(client, H1)
    expected = gather_deadlines(scope_for_user(people.carl), Window(start=workplan.measures[0].start_date))
    assert [d["uid"] for d in shown["items"]] == [d.uid for d in expected if d.date.month <= 6]
    assert shown["truncated"] is False
    report = next(d for d in shown["items"] if d["kind"] == "report_due")
    assert (report["date"], report["state"], report["unit_name"]) == (
        "2024-04-15",
        "overdue",
        people.commerce.name_en,
    )
    assert report["path"] == f"/reports/{reporting.reports['1'].pk}/"
    kinds = {d["kind"] for d in shown["items"]}
    assert kinds == {"milestone", "measure_due", "report_due"}
    assert {d["unit_name"] for d in shown["items"]} == {people.commerce.name_en}


def test_who_sees_which_deadlines(client, people, plan, workplan, reporting, today):
    client.force_login(people.alice)
    everyone = {d["unit_name"] for d in answer(client, H1)["items"]}
    assert everyone == {people.commerce.name_en, people.tech.name_en}
    for person in (people.olga, people.pete):  # no unit, and a unit with no task of the plan
        client.force_login(person)
        assert answer(client, H1) == {"items": [], "truncated": False}


def test_the_window_and_its_limit(client, people, plan, workplan, reporting, today):
    client.force_login(people.sam)
    everything = uids(client, H1 + "&limit=1000")
    first = answer(client, H1 + "&limit=3")
    assert [d["uid"] for d in first["items"]] == everything[:3] and first["truncated"] is True
    assert answer(client, H1 + f"&limit={len(everything)}")["truncated"] is False
    may = answer(client, "/api/deadlines/?from=2024-05-01&to=2024-05-31")["items"]
    assert {d["date"][:7] for d in may} == {"2024-05"}
    open_ones = answer(client, H1 + "&open=true")["items"]
    assert open_ones and {d["state"] for d in open_ones} <= {"open", "overdue"}
    assert answer(client, f"/api/deadlines/?plan={plan.pk}&limit=1000")["items"]


def test_bad_windows_are_refused_with_their_reason(client, people, plan, workplan):
    client.force_login(people.sam)
    assert answer(client, "/api/deadlines/?from=2024-06-01&to=2024-05-01", 400) == {
        "detail": "“from” is after “to”: give the earlier day first.",
        "field": "from",
    }
    assert first_error(client, "/api/deadlines/?from=next-week") == (
        "from must be a date written YYYY-MM-DD, for example 2024-05-31."
    )
    assert first_error(client, "/api/deadlines/?limit=1e20") == "limit must be a whole number."
    assert first_error(client, "/api/deadlines/?limit=100000000000000000000") == "limit must be at most 1000."
    assert first_error(client, "/api/deadlines/?limit=0") == "limit must be at least 1."
    assert first_error(client, "/api/deadlines/?open=maybe") == "open must be true or false."
    assert answer(client, "/api/deadlines/?plan=999", 404) == {"detail": "There is no plan 999."}


def test_a_feeds_token_never_appears(client, people, plan, workplan):
    feed = create_feed(people.carl, unit=people.commerce)
    client.force_login(people.carl)
    assert feed.token not in client.get(H1 + "&limit=1000").content.decode()


def test_one_query_per_source_whatever_the_number_of_deadlines(client, people, plan, workplan, reporting):
    client.force_login(people.sam)
    small, before = queries(client, H1), len(answer(client, H1)["items"])
    add_measures(plan, people.commerce, workplan.contacts["commerce"], 40)
    assert len(answer(client, H1)["items"]) > 3 * before
    assert queries(client, H1) == small
