"""A unit's task book for a plan, gathered once into plain data that the PDF and DOCX renderers lay out.

Everything is read in a fixed number of queries (seven, whatever the number of tasks, measures and
milestones) and turned into strings in the current language here, so the renderers hold no queries
and no translation logic of their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, Task, TaskUnit, TaskUnitRole
from taskbook.taskbooks.models import Contact, Measure, TaskBook, TaskBookRevision, TaskBookStatus


@dataclass(frozen=True)
class Person:
    name: str
    position: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, contact: Contact | None) -> Person | None:
        if contact is None:
            return None
        return cls(contact.name, contact.position, contact.phone, contact.email)

    @property
    def reachable_at(self) -> str:
        """Phone and e-mail on one line, whichever are known."""
        return " · ".join(x for x in (self.phone, self.email) if x)


@dataclass(frozen=True)
class MilestoneLine:
    date: datetime.date
    description: str
    done_on: datetime.date | None


@dataclass(frozen=True)
class MeasureLine:
    year: int
    title: str
    deliverable: str
    responsible: Person
    deputy: Person | None
    start: datetime.date
    due: datetime.date
    # The approved baseline and the slippage against it; None until the task book is approved.
    baseline_due: datetime.date | None
    slippage_days: int | None
    status: str
    status_label: str
    milestones: list[MilestoneLine] = field(default_factory=list)

    @property
    def slippage_label(self) -> str:
        if self.slippage_days is None:
            return ""
        if self.slippage_days == 0:
            return _("on baseline")
        if self.slippage_days > 0:
            return _("%(n)s days late") % {"n": self.slippage_days}
        return _("%(n)s days early") % {"n": -self.slippage_days}


@dataclass(frozen=True)
class TaskEntry:
    number: str
    title: str
    section: str
    # The unit's role on the task: "lead", "participating", or "" when the unit no longer holds the
    # task (a re-imported plan moved it) but still has measures under it.
    role: str
    lead_units: list[str]
    participating_units: list[str]
    targets: list[str]
    measures: list[MeasureLine]
    # The unit lists as one line each, joined the way the document's language joins names.
    lead_list: str = ""
    participating_list: str = ""


@dataclass
class TaskBookDocument:
    plan_id: int
    plan_title: str
    plan_period: str
    unit_id: int
    unit_name: str
    unit_name_en: str
    unit_name_zh: str
    unit_short: str
    status: str
    status_label: str
    version: int
    approved_on: datetime.date | None
    approval_comment: str
    generated_on: datetime.date
    language: str
    led: list[TaskEntry]
    joined: list[TaskEntry]
    other: list[TaskEntry]

    @property
    def measure_count(self) -> int:
        return sum(len(t.measures) for t in (*self.led, *self.joined, *self.other))

    @property
    def is_chinese(self) -> bool:
        return self.language.startswith("zh")

    @property
    def title(self) -> str:
        return _("Task book of %(unit)s") % {"unit": self.unit_name}

    @property
    def plan_heading(self) -> str:
        """The plan's title with its period, unless the title already names it, as most do."""
        years = self.plan_period.replace("–", "-").split("-")
        if not self.plan_period or all(y in self.plan_title for y in years):
            return self.plan_title
        return f"{self.plan_title} ({self.plan_period})"

    @property
    def version_label(self) -> str:
        return str(self.version) if self.version else _("none yet")

    def filename(self, extension: str) -> str:
        # ASCII only, so that every browser and mail client keeps the name as it is.
        label = slugify(self.unit_short) or str(self.unit_id)
        return f"taskbook-{self.plan_id}-{label}.{extension}"

    def parts(self) -> list[tuple[str, str, list[TaskEntry]]]:
        """The document's numbered parts, each (heading number, heading, tasks); empty parts dropped
        except the two the reader expects to find even when empty."""
        numerals = _NUMERALS_ZH if self.is_chinese else _NUMERALS
        parts = [(_("Tasks led"), self.led), (_("Tasks joined"), self.joined)]
        if self.other:
            parts.append((_("Other tasks with measures of the unit"), self.other))
        return [(numerals[i], heading, tasks) for i, (heading, tasks) in enumerate(parts)]

    @property
    def signoff_number(self) -> str:
        numerals = _NUMERALS_ZH if self.is_chinese else _NUMERALS
        return numerals[len(self.parts())]


# Part numbers as each language prints them, with the space (or none) before the heading.
_NUMERALS_ZH = ["一、", "二、", "三、", "四、"]
_NUMERALS = ["1. ", "2. ", "3. ", "4. "]


def _join(names: list[str]) -> str:
    """Names in a run: the enumeration comma in Chinese (、), a semicolon otherwise."""
    return ("、" if (get_language() or "").startswith("zh") else "; ").join(names)


def _target_line(target) -> str:
    """The target as printed in the plan, which is what the unit signed up to."""
    return target.text.strip() or str(target)


def build_taskbook_document(plan: Plan, unit: Unit) -> TaskBookDocument:
    """Gather the unit's task book. The caller has checked access (taskbooks.access.plan_and_unit_for)."""
    taskbook = TaskBook.objects.filter(plan=plan, unit=unit).first()
    approval = (
        TaskBookRevision.objects.filter(
            taskbook__plan=plan, taskbook__unit=unit, status=TaskBookStatus.APPROVED
        )
        .order_by("-at", "-id")
        .first()
    )
    tasks = list(
        Task.objects.filter(plan=plan)
        .filter(Q(task_units__unit=unit) | Q(measures__unit=unit))
        .distinct()
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "task_units", queryset=TaskUnit.objects.select_related("unit").order_by("role", "order")
            ),
            "targets",
        )
        .order_by("order", "id")
    )
    measures_by_task: dict[int, list[MeasureLine]] = {}
    measures = (
        Measure.objects.filter(task__plan=plan, unit=unit)
        .select_related("responsible", "deputy")
        .prefetch_related("milestones")
        .order_by("task__order", "year", "order", "id")
    )
    for m in measures:
        measures_by_task.setdefault(m.task_id, []).append(
            MeasureLine(
                year=m.year,
                title=m.title,
                deliverable=m.deliverable,
                responsible=Person.of(m.responsible),  # type: ignore[arg-type]  # never null
                deputy=Person.of(m.deputy),
                start=m.start_date,
                due=m.due_date,
                baseline_due=m.baseline_due,
                slippage_days=m.slippage_days,
                status=m.status,
                status_label=str(m.get_status_display()),
                milestones=[MilestoneLine(ms.date, ms.description, ms.done_on) for ms in m.milestones.all()],
            )
        )
    led: list[TaskEntry] = []
    joined: list[TaskEntry] = []
    other: list[TaskEntry] = []
    for task in tasks:
        task_units = list(task.task_units.all())
        roles = {tu.role for tu in task_units if tu.unit_id == unit.pk}
        role = (
            TaskUnitRole.LEAD if TaskUnitRole.LEAD in roles else TaskUnitRole.PARTICIPATING if roles else ""
        )
        leads = [tu.unit.display_name for tu in task_units if tu.role == TaskUnitRole.LEAD]
        joins = [tu.unit.display_name for tu in task_units if tu.role == TaskUnitRole.PARTICIPATING]
        entry = TaskEntry(
            number=task.number,
            title=task.title,
            section=str(task.section) if task.section else "",
            role=str(role),
            lead_units=leads,
            participating_units=joins,
            targets=[_target_line(t) for t in task.targets.all()],
            measures=measures_by_task.get(task.pk, []),
            lead_list=_join(leads),
            participating_list=_join(joins),
        )
        groups: dict[str, list] = {TaskUnitRole.LEAD: led, TaskUnitRole.PARTICIPATING: joined}
        groups.get(role, other).append(entry)

    if taskbook is None:
        status, status_label, version = "", _("draft, not yet submitted"), 0
    else:
        status, status_label, version = taskbook.status, str(taskbook.get_status_display()), taskbook.version
    return TaskBookDocument(
        plan_id=plan.pk,
        plan_title=plan.display_title,
        plan_period=plan.period,
        unit_id=unit.pk,
        unit_name=unit.display_name,
        unit_name_en=unit.name_en,
        unit_name_zh=unit.name_zh,
        unit_short=unit.short_name,
        status=status,
        status_label=status_label,
        version=version,
        approved_on=timezone.localdate(approval.at) if approval else None,
        approval_comment=approval.comment if approval else "",
        generated_on=timezone.localdate(),
        language=get_language() or "en",
        led=led,
        joined=joined,
        other=other,
    )
