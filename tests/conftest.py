"""Named people for each role, and plans built through the real actions.

alice: coordinator · lena: leader · carl: unit admin of Commerce · sam: unit staff of Commerce ·
tina: unit staff of the Technology bureau · olga: signed in, member of nothing · pete and paula:
unit staff and unit admin of the Port Office, a unit that holds no task of the plan (people of another
unit, who must see none of Commerce's records).
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from taskbook.orgs.actions import add_membership, create_unit
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Role, Unit
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.plans.models import Plan

COMMERCE = "Municipal Bureau of Commerce"
TECH = "Municipal Science and Technology Innovation Commission"


def make_draft(
    tasks: int = 3, sections: int = 1, title: str = "Work Plan for Testing (2023-2025)"
) -> dict[str, Any]:
    """An extraction as `taskbook extract` gives it, made by hand so tests need no document."""
    per = max(1, tasks // sections)
    out = []
    n = 0
    for s in range(sections):
        section_tasks = []
        for _ in range(per if s < sections - 1 else tasks - per * (sections - 1)):
            n += 1
            section_tasks.append(
                {
                    "number": str(n),
                    "title": f"Task title {n}",
                    "body": f"Body of task {n}.",
                    "lead_units": [COMMERCE if n % 2 else TECH],
                    "participating_units": [TECH if n % 2 else "Municipal Commerce Bureau", "each district"],
                    "targets": [
                        {
                            "text": f"By 2025, more than {70 + n}% of the thing",
                            "value": 70 + n,
                            "unit": "%",
                            "comparator": ">=",
                            "year": 2025,
                        }
                    ]
                    if n % 3 == 0
                    else [],
                }
            )
        out.append({"number": str(s + 1), "title": f"Area {s + 1}", "body": "", "tasks": section_tasks})
    out.append(
        {
            "number": "Third",
            "title": "Safeguards",
            "body": "Strengthen organizational leadership.",
            "tasks": [],
        }
    )
    return {
        "title": title,
        "language": "en",
        "issuing_body": "",
        "period_start": 2023,
        "period_end": 2025,
        "source_sha256": "",
        "sections": out,
        "units": [{"name": COMMERCE, "aliases": ["Municipal Commerce Bureau"]}],
    }


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a page served in Chinese must not leave its language behind."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@dataclass
class People:
    alice: Any
    lena: Any
    carl: Any
    sam: Any
    tina: Any
    olga: Any
    pete: Any
    paula: Any
    commerce: Unit
    tech: Unit
    office: Unit
    port: Unit

    def by_role(self) -> dict[str, Any]:
        return {
            "coordinator": self.alice,
            "leader": self.lena,
            "unit_admin": self.carl,
            "unit_staff": self.sam,
            "no_role": self.olga,
            "other_staff": self.pete,
            "other_admin": self.paula,
        }


@pytest.fixture
def plan(db) -> Plan:
    result = import_plan(SYSTEM, make_draft(tasks=4, sections=2))
    return publish_plan(SYSTEM, result.plan)


@pytest.fixture
def people(db, plan) -> People:
    User = get_user_model()
    units = {u.name_en: u for u in Unit.objects.all()}
    office = create_unit(SYSTEM, name_en="Office of the Leading Group", name_zh="领导小组办公室")
    port = create_unit(SYSTEM, name_en="Municipal Port Office", name_zh="市口岸办", kind="bureau")

    def person(name: str, role: str | None, unit: Unit | None) -> Any:
        user = User.objects.create_user(name, password="pw-" + name, first_name=name.title())
        if role:
            add_membership(SYSTEM, user, unit, role)
        return user

    return People(
        alice=person("alice", Role.COORDINATOR, office),
        lena=person("lena", Role.LEADER, office),
        carl=person("carl", Role.UNIT_ADMIN, units[COMMERCE]),
        sam=person("sam", Role.UNIT_STAFF, units[COMMERCE]),
        tina=person("tina", Role.UNIT_STAFF, units[TECH]),
        olga=person("olga", None, None),
        pete=person("pete", Role.UNIT_STAFF, port),
        paula=person("paula", Role.UNIT_ADMIN, port),
        commerce=units[COMMERCE],
        tech=units[TECH],
        office=office,
        port=port,
    )


@dataclass
class WorkPlan:
    """Task-book data of the `plan` fixture, made through the actions."""

    contacts: dict[str, Any]
    measures: list[Any]
    milestones: list[Any]


def add_measures(plan: Plan, unit: Unit, contact: Any, count: int, year: int = 2024) -> list[Any]:
    """`count` measures of `unit` spread over the tasks it holds, two milestones each."""
    import datetime

    from taskbook.taskbooks.actions import add_milestone, create_measure

    tasks = list(plan.tasks.filter(task_units__unit=unit).distinct())
    measures = []
    for i in range(count):
        start = datetime.date(year, 1 + i % 12, 1)
        measure = create_measure(
            SYSTEM,
            tasks[i % len(tasks)],
            unit,
            title=f"{unit.name_en} measure {i + 1}",
            start_date=start,
            due_date=start + datetime.timedelta(days=150),
            responsible=contact,
            deliverable="A report",
        )
        add_milestone(SYSTEM, measure, date=start + datetime.timedelta(days=30), description="Draft ready")
        add_milestone(SYSTEM, measure, date=start + datetime.timedelta(days=120), description="Adopted")
        measures.append(measure)
    return measures


@pytest.fixture
def workplan(people, plan) -> WorkPlan:
    from taskbook.taskbooks.actions import save_contact
    from taskbook.taskbooks.models import Milestone

    contacts = {
        "commerce": save_contact(
            SYSTEM,
            people.commerce,
            name="Wang Fang",
            position="Deputy Director",
            phone="0755-8812 3456",
            email="wang.fang@example.org",
        ),
        "commerce_deputy": save_contact(SYSTEM, people.commerce, name="Li Wei", position="Section Chief"),
        "tech": save_contact(SYSTEM, people.tech, name="Chen Jing", position="Director"),
    }
    measures = add_measures(plan, people.commerce, contacts["commerce"], 3)
    measures += add_measures(plan, people.tech, contacts["tech"], 2)
    return WorkPlan(
        contacts=contacts, measures=measures, milestones=list(Milestone.objects.filter(measure__in=measures))
    )


@dataclass
class Reporting:
    """The `plan` fixture reporting quarterly, its first cycle open with a report per task."""

    calendar: Any
    cycles: list[Any]
    cycle: Any
    reports: dict[str, Any]  # by task number


@pytest.fixture
def reporting(people, plan, workplan) -> Reporting:
    from taskbook.reporting.actions import open_cycle, set_calendar
    from taskbook.reporting.models import ReportingCycle

    calendar = set_calendar(SYSTEM, plan, frequency="quarterly", due_working_days=10)
    cycles = list(ReportingCycle.objects.filter(plan=plan).order_by("period_start"))
    cycle = cycles[4]  # 2024-Q1, when the workplan's measures run
    reports = {r.task.number: r for r in open_cycle(SYSTEM, cycle)}
    return Reporting(calendar=calendar, cycles=cycles, cycle=cycle, reports=reports)
