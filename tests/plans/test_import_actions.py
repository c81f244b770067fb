import copy

import pytest
from django.core.exceptions import PermissionDenied

from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Unit
from taskbook.plans.actions import change_plan_status, import_plan, update_plan
from taskbook.plans.models import Plan, PlanStatus, Section, Task, TaskUnit
from taskbook.targets.models import Target
from tests.conftest import COMMERCE, make_draft


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Plan, Section, Task, TaskUnit, Target, Unit))


def test_import_creates_the_plan_with_its_units_and_targets(db):
    result = import_plan(SYSTEM, make_draft(tasks=6, sections=2))
    plan = result.plan
    assert result.created
    assert plan.status == PlanStatus.DRAFT
    assert plan.period_start.year == 2023 and plan.period_end.year == 2025
    assert plan.tasks.count() == 6
    assert plan.sections.count() == 3  # two areas and the safeguards part without tasks
    assert plan.sections.get(title="Safeguards").tasks.count() == 0
    assert Target.objects.filter(task__plan=plan).count() == 2
    # "Municipal Commerce Bureau" is printed for the same body as "Municipal Bureau of Commerce".
    commerce = Unit.objects.get(name_en=COMMERCE)
    assert set(commerce.aliases.values_list("name", flat=True)) >= {COMMERCE, "Municipal Commerce Bureau"}
    assert TaskUnit.objects.filter(
        unit=commerce, role="participating", printed_name="Municipal Commerce Bureau"
    )
    assert AuditEvent.objects.filter(action="plan.import", object_id=str(plan.pk)).count() == 1


def test_importing_the_same_extraction_again_changes_nothing(db):
    import_plan(SYSTEM, make_draft())
    before = counts()
    events = AuditEvent.objects.count()
    result = import_plan(SYSTEM, make_draft())
    assert not result.created
    assert result.changes == []
    assert counts() == before
    assert AuditEvent.objects.count() == events


def test_a_revised_document_updates_the_plan_and_says_what_changed(db):
    plan = import_plan(SYSTEM, make_draft(tasks=3)).plan
    revised = copy.deepcopy(make_draft(tasks=3))
    tasks = revised["sections"][0]["tasks"]
    tasks[0]["title"] = "A sharper title"
    tasks[1]["participating_units"].append("Municipal Justice Bureau")
    tasks[2]["targets"][0]["value"] = 80
    del tasks[1]["participating_units"][0]
    tasks.append(
        {
            "number": "4",
            "title": "A new task",
            "lead_units": [COMMERCE],
            "participating_units": [],
            "targets": [],
        }
    )
    result = import_plan(SYSTEM, revised)
    assert result.plan.pk == plan.pk
    text = "\n".join(result.changes)
    assert "Task 1: title changed." in text
    assert "Task 2: participating unit added: Municipal Justice Bureau" in text
    assert "Task 2: participating unit removed: Municipal Commerce Bureau" in text
    assert "Task 3: target added" in text and "Task 3: target removed" in text
    assert "Task 4 added: A new task" in text
    assert plan.tasks.count() == 4
    assert AuditEvent.objects.filter(action="plan.reimport").count() == 1


def test_dry_run_saves_nothing(db):
    result = import_plan(SYSTEM, make_draft(), dry_run=True)
    assert result.created
    assert counts() == (0, 0, 0, 0, 0, 0)
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    "breakage,message",
    [
        (lambda d: d.update(title=""), "needs a title"),
        (lambda d: d.update(sections=[]), "no tasks"),
        (lambda d: d["sections"][0]["tasks"][0].update(lead_units=[]), "no lead unit"),
        (lambda d: d["sections"][0]["tasks"][1].update(number="1"), "appears twice"),
        (lambda d: d["sections"][0]["tasks"][2]["targets"][0].update(value="lots"), "no valid value"),
        (lambda d: d["sections"][0]["tasks"][2]["targets"][0].update(year=99999), "not a year"),
        (lambda d: d["sections"][0]["tasks"][2]["targets"][0].update(comparator="~"), "Unknown comparator"),
    ],
)
def test_bad_extractions_are_refused_and_leave_nothing(db, breakage, message):
    draft = make_draft()
    breakage(draft)
    with pytest.raises(ActionError, match=message):
        import_plan(SYSTEM, draft)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_only_the_coordinator_imports_and_publishes(people, plan):
    for user in (people.lena, people.carl, people.sam, people.olga):
        with pytest.raises(PermissionDenied):
            import_plan(user, make_draft(title="Another plan"))
        with pytest.raises(PermissionDenied):
            change_plan_status(user, plan, PlanStatus.CLOSED)
    assert import_plan(people.alice, make_draft(title="Another plan")).created


def test_status_follows_the_transition_table(people, plan):
    assert plan.status == PlanStatus.PUBLISHED
    with pytest.raises(ActionError):
        change_plan_status(people.alice, plan, "published")
    with pytest.raises(ActionError):
        change_plan_status(people.alice, plan, "nonsense")
    plan = change_plan_status(people.alice, plan, PlanStatus.CLOSED)
    event = AuditEvent.objects.filter(action="plan.closed").get()
    assert event.actor == people.alice
    assert event.before == {"status": "published"} and event.after == {"status": "closed"}


def test_update_plan_checks_the_period(people, plan):
    import datetime

    with pytest.raises(ActionError, match="ends before it starts"):
        update_plan(people.alice, plan, period_end=datetime.date(2020, 1, 1))
    plan.refresh_from_db()
    assert plan.period_end.year == 2025
    with pytest.raises(ActionError, match="cannot be edited"):
        update_plan(people.alice, plan, status="closed")
    plan = update_plan(people.alice, plan, title_zh="测试方案")
    assert plan.title_zh == "测试方案"
    assert AuditEvent.objects.filter(action="plan.update").get().after == {"title_zh": "测试方案"}
