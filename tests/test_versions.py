"""The one way a save from a stale page is refused (taskbook/versions.py)."""

import datetime
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections, transaction

from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Unit
from taskbook.plans.models import Task
from taskbook.reporting.models import Contribution, ProgressReport, ReportingCalendar
from taskbook.versions import UNKNOWN, ConflictError, check_version, posted_version, shown


def test_posted_version_reads_a_number_and_nothing_else():
    assert posted_version({"version": "7"}) == 7
    assert posted_version({"version": " 3 "}) == 3
    assert posted_version({}) == UNKNOWN
    assert posted_version({"version": "abc"}) == UNKNOWN
    assert posted_version({"version": "1e3"}) == UNKNOWN


def test_values_are_shown_as_the_forms_write_them():
    assert shown(datetime.date(2025, 6, 30)) == "2025-06-30"
    assert shown(Decimal("72.5000")) == "72.5"
    assert shown(Decimal("1E+2")) == "100"
    assert shown(None) == shown("") == "—"
    assert shown(["a", "b"]) == "a\nb"
    assert shown(True) == "yes"


def test_the_current_version_passes_and_no_page_skips_the_check():
    report = ProgressReport(version=4, narrative="theirs")
    check_version(report, 4, yours={"narrative": "mine"})
    check_version(report, None, yours={"narrative": "mine"})  # a job, an import, the demo


def test_an_older_version_is_refused_with_both_sides_labelled_and_readable():
    report = ProgressReport(version=4, narrative="theirs", self_rating="amber_green")
    with pytest.raises(ConflictError) as err:
        check_version(report, 3, yours={"narrative": "mine", "self_rating": "red"})
    assert err.value.current == {"narrative": "theirs", "self_rating": "amber_green"}
    sides = {s.label: s for s in err.value.sides}
    assert (sides["Narrative"].theirs, sides["Narrative"].yours) == ("theirs", "mine")
    # a choice reads as its label, not its code
    assert (sides["Self-assessment"].theirs, sides["Self-assessment"].yours) == ("amber-green", "red")
    assert all(s.differs for s in sides.values())


def test_a_form_that_sent_no_version_is_bad_input_not_a_conflict():
    with pytest.raises(ActionError, match="did not say which version") as err:
        check_version(ProgressReport(version=1), UNKNOWN, yours={"narrative": "mine"})
    assert not isinstance(err.value, ConflictError)


# -- two saves at the same moment (PostgreSQL: row locks) ---------------------------------------


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def _race(first: Callable[[], Any], second: Callable[[], Any]) -> BaseException | None:
    """Run `first` in a transaction held open until `second`, started meanwhile, waits for it; then
    let it commit. What `second` raised, if anything."""
    saved, release = threading.Event(), threading.Event()
    outcome: dict[str, BaseException] = {}

    def one() -> None:
        try:
            with transaction.atomic():
                first()
                saved.set()
                release.wait(10)
        finally:
            connections.close_all()

    def two() -> None:
        try:
            second()
        except BaseException as exc:  # handed back to the test
            outcome["error"] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    threads[0].start()
    assert saved.wait(10)
    threads[1].start()
    deadline = time.monotonic() + 10
    while not _waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    release.set()
    for thread in threads:
        thread.join(20)
    return outcome.get("error")


def _contribution(people: Any, plan: Any) -> tuple[Callable[[str], Any], Callable[[], str]]:
    from taskbook.reporting.actions import open_cycle, save_contribution, set_calendar

    set_calendar(SYSTEM, plan, frequency="quarterly")
    report = open_cycle(SYSTEM, plan.cycles.order_by("period_start")[4])[0]
    contribution = report.contributions.get(unit=people.tech)
    seen = contribution.version
    return (
        lambda text: save_contribution(people.tina, contribution, narrative=text, version=seen),
        lambda: Contribution.objects.get(pk=contribution.pk).narrative,
    )


def _summary(people: Any, plan: Any) -> tuple[Callable[[str], Any], Callable[[], str]]:
    from taskbook.taskbooks.actions import update_task_summary

    task = plan.tasks.get(number="1")
    seen = task.summary_version
    return (
        lambda text: update_task_summary(people.sam, task, text, version=seen),
        lambda: Task.objects.get(pk=task.pk).summary,
    )


def _trajectory(people: Any, plan: Any) -> tuple[Callable[[str], Any], Callable[[], str]]:
    from taskbook.targets.actions import set_trajectory

    target = plan.tasks.get(number="3").targets.get()
    seen = target.trajectory_version
    return (
        lambda text: set_trajectory(people.sam, target, [("2025-12-31", str(len(text)))], version=seen),
        lambda: "x" * int(target.trajectory.get().value),
    )


def _calendar(people: Any, plan: Any) -> tuple[Callable[[str], Any], Callable[[], str]]:
    from taskbook.reporting.actions import set_calendar

    return (
        lambda text: set_calendar(people.alice, plan, version=0, due_working_days=len(text)),
        lambda: "x" * ReportingCalendar.objects.get(plan=plan).due_working_days,
    )


def _alias(people: Any, plan: Any) -> tuple[Callable[[str], Any], Callable[[], str]]:
    from taskbook.orgs.actions import add_alias

    seen = Unit.objects.get(pk=people.commerce.pk).version
    return (
        lambda text: add_alias(people.alice, people.commerce, f"Alias {text}", version=seen),
        lambda: " ".join(
            a.removeprefix("Alias ")
            for a in people.commerce.aliases.filter(name__startswith="Alias ").values_list("name", flat=True)
        ),
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("edit", [_contribution, _summary, _trajectory, _calendar, _alias])
def test_a_save_made_while_another_is_in_flight_waits_for_it_and_is_refused(people, plan, edit):
    save, saved = edit(people, plan)
    error = _race(lambda: save("xxxxxxxxxx"), lambda: save("yyyyy"))
    assert isinstance(error, ConflictError), error
    assert saved() == "xxxxxxxxxx"
