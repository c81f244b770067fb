"""Each capability is one named function: what every role may do, and that nobody acts as no one."""

import inspect

import pytest
from django.core.exceptions import PermissionDenied

from taskbook.orgs import permissions
from taskbook.orgs.actors import SYSTEM, System, user_of
from taskbook.reporting.actions import set_calendar

ROLES = ["olga", "pete", "sam", "carl", "lena", "alice"]  # no role, another unit's staff, Commerce, ...


def test_what_each_role_may_do(people, plan):
    task = plan.tasks.prefetch_related("task_units").get(number="1")  # led by Commerce
    commerce = people.commerce.pk
    table = {
        "is_coordinator": (lambda u: permissions.is_coordinator(u), [0, 0, 0, 0, 0, 1]),
        "reads_everything": (lambda u: permissions.reads_everything(u), [0, 0, 0, 0, 1, 1]),
        "may_read_league_table": (lambda u: permissions.may_read_league_table(u), [0, 1, 1, 1, 1, 1]),
        "may_edit_unit_work": (lambda u: permissions.may_edit_unit_work(u, commerce), [0, 0, 1, 1, 0, 1]),
        "may_admin_unit": (lambda u: permissions.may_admin_unit(u, commerce), [0, 0, 0, 1, 0, 1]),
        "may_edit_task": (lambda u: permissions.may_edit_task(u, task), [0, 0, 1, 1, 0, 1]),
        "may_manage_chat_group_of": (
            lambda u: permissions.may_manage_chat_group_of(u, commerce),
            [0, 0, 0, 1, 0, 1],
        ),
        "may_manage_chat_groups": (lambda u: permissions.may_manage_chat_groups(u), [0, 0, 0, 1, 0, 1]),
    }
    for name, (check, expected) in table.items():
        got = [int(check(getattr(people, who))) for who in ROLES]
        assert got == expected, name


def test_taskbook_itself_may_do_what_the_coordinator_may(plan):
    capabilities = [
        f
        for name, f in inspect.getmembers(permissions, inspect.isfunction)
        if name.startswith(("may_", "is_"))
    ]
    assert permissions.is_coordinator(SYSTEM) and permissions.may_give_own_times(SYSTEM)
    assert permissions.may_edit_task(SYSTEM, plan.tasks.first())
    assert len(capabilities) >= 10


def test_nobody_cannot_act(plan):
    """The actor is a user or SYSTEM; None, which once passed every check, is refused."""
    with pytest.raises(PermissionDenied):
        set_calendar(None, plan, frequency="quarterly")  # type: ignore[arg-type]
    assert not permissions.is_coordinator(None)  # type: ignore[arg-type]


def test_the_system_actor_is_named_in_the_audit_log_and_is_no_user():
    assert str(System("demo")) == "demo" and user_of(SYSTEM) is None
