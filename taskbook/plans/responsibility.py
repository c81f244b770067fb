"""The responsibility system (责任制) of a plan: a tasks-by-units matrix of lead and participating units
with the responsible persons of each unit's measures, and the same as a flat list of lines.

Read in a fixed number of queries whatever the size of the plan. Responsible persons come from the
measures the reader may see (`Measure.objects.visible_to`), so a unit's officer sees the persons of
the tasks their unit holds and the coordinator and leaders see everyone's.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from taskbook.documents.task_book.content import Person
from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Plan, Task, TaskUnit, TaskUnitRole
from taskbook.taskbooks.models import Measure


@dataclass(frozen=True)
class MatrixColumn:
    unit_id: int
    name: str
    label: str
    leads: int
    joins: int
    measures: int
    # Whether the reader may open this unit's task book (its page and exports).
    readable: bool = False


@dataclass
class MatrixCell:
    unit: str = ""  # the column's unit name, for the cell's tooltip
    role: str = ""  # "lead", "participating", or "" (no responsibility)
    persons: list[str] = field(default_factory=list)
    measures: int = 0

    @property
    def letter(self) -> str:
        if self.role == TaskUnitRole.LEAD:
            return pgettext("responsibility matrix: lead unit", "L")
        if self.role == TaskUnitRole.PARTICIPATING:
            return pgettext("responsibility matrix: participating unit", "P")
        return ""

    @property
    def role_label(self) -> str:
        return str(TaskUnitRole(self.role).label) if self.role else ""

    @property
    def tooltip(self) -> str:
        parts = [self.unit, self.role_label, ", ".join(self.persons)]
        return " · ".join(p for p in parts if p)

    @property
    def empty(self) -> bool:
        return not self.role and not self.persons


@dataclass
class MatrixRow:
    task_id: int
    number: str
    title: str
    cells: list[MatrixCell]


@dataclass
class MatrixGroup:
    number: str
    title: str
    rows: list[MatrixRow] = field(default_factory=list)


@dataclass(frozen=True)
class ResponsibilityLine:
    """One row of the "Responsible persons" sheet: a unit's measure under a task, or the unit's bare
    responsibility when it has no measure there yet."""

    task_number: str
    task_title: str
    unit_name: str
    role_label: str
    measure: str
    person: Person | None
    start: datetime.date | None
    due: datetime.date | None


@dataclass
class Matrix:
    plan_id: int
    plan_title: str
    columns: list[MatrixColumn]
    groups: list[MatrixGroup]
    lines: list[ResponsibilityLine]

    @property
    def rows(self) -> list[MatrixRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def totals(self) -> dict[str, int]:
        return {
            "leads": sum(c.leads for c in self.columns),
            "joins": sum(c.joins for c in self.columns),
            "measures": sum(c.measures for c in self.columns),
        }


def matrix_tasks(plan: Plan, unit_ids: Collection[int] | None = None) -> QuerySet[Task]:
    """The plan's tasks in document order; with `unit_ids`, only those tasks the units hold."""
    tasks = Task.objects.filter(plan=plan).select_related("section").order_by("order", "id")
    if unit_ids:
        tasks = tasks.filter(pk__in=TaskUnit.objects.filter(unit__in=unit_ids).values("task_id"))
    return tasks


def matrix_columns(user, plan: Plan, unit_ids: Collection[int] | None = None) -> list[MatrixColumn]:
    """The units that hold any task of the plan, most leads first, with their totals over the whole
    plan (not over one page of tasks)."""
    held: dict[int, dict[str, int]] = {}
    for row in TaskUnit.objects.filter(task__plan=plan).values("unit_id", "role").annotate(n=Count("id")):
        held.setdefault(row["unit_id"], {})[row["role"]] = row["n"]
    measures = dict(
        Measure.objects.visible_to(user)
        .filter(task__plan=plan)
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    wanted = set(held) & set(unit_ids) if unit_ids else set(held)
    roles = roles_of(user)
    # The same rule as taskbooks.access.plan_and_unit_for, used here only to decide which headers link.
    everyone = roles.coordinator or roles.leader
    columns = [
        MatrixColumn(
            unit_id=unit.pk,
            name=unit.display_name,
            label=unit.short_name or unit.display_name,
            leads=held[unit.pk].get(TaskUnitRole.LEAD, 0),
            joins=held[unit.pk].get(TaskUnitRole.PARTICIPATING, 0),
            measures=measures.get(unit.pk, 0),
            readable=everyone or unit.pk in roles.units,
        )
        for unit in Unit.objects.filter(pk__in=wanted)
    ]
    columns.sort(key=lambda c: (-c.leads, -c.joins, c.name))
    return columns


def build_matrix(
    user,
    plan: Plan,
    tasks: Iterable[Task] | None = None,
    unit_ids: Collection[int] | None = None,
) -> Matrix:
    """The matrix of `tasks` (a page of `matrix_tasks`; all of them when None) by the plan's units."""
    columns = matrix_columns(user, plan, unit_ids)
    tasks = list(matrix_tasks(plan, unit_ids) if tasks is None else tasks)
    task_ids = [t.pk for t in tasks]
    position = {c.unit_id: i for i, c in enumerate(columns)}
    cells: dict[int, list[MatrixCell]] = {t.pk: [MatrixCell(unit=c.name) for c in columns] for t in tasks}
    # Lead before participating, each in the order the document printed the units.
    held = (
        TaskUnit.objects.filter(task__in=task_ids)
        .order_by("task_id", "role", "order")
        .values_list("task_id", "unit_id", "role")
    )
    order_on_task: dict[int, list[tuple[int, str]]] = {}
    for task_id, unit_id, role in held:
        order_on_task.setdefault(task_id, []).append((unit_id, role))
        if unit_id in position:
            cell = cells[task_id][position[unit_id]]
            if cell.role != TaskUnitRole.LEAD:  # a unit printed twice keeps its strongest role
                cell.role = role
    measures = (
        Measure.objects.visible_to(user)
        .filter(task__in=task_ids)
        .select_related("responsible")
        .order_by("task__order", "order", "id")
    )
    by_task_unit: dict[tuple[int, int], list[Measure]] = {}
    units_with_measures: dict[int, list[int]] = {}
    for m in measures:
        if (m.task_id, m.unit_id) not in by_task_unit:
            units_with_measures.setdefault(m.task_id, []).append(m.unit_id)
        by_task_unit.setdefault((m.task_id, m.unit_id), []).append(m)
        if m.unit_id in position:
            cell = cells[m.task_id][position[m.unit_id]]
            cell.measures += 1
            if m.responsible.name not in cell.persons:
                cell.persons.append(m.responsible.name)

    groups: list[MatrixGroup] = []
    for task in tasks:
        section_key = (task.section.number, task.section.title) if task.section else ("", _("Other tasks"))
        if not groups or (groups[-1].number, groups[-1].title) != section_key:
            groups.append(MatrixGroup(*section_key))
        groups[-1].rows.append(MatrixRow(task.pk, task.number, task.title, cells[task.pk]))

    names = {c.unit_id: c.name for c in columns}
    lines: list[ResponsibilityLine] = []
    for task in tasks:
        units_here: dict[int, str] = {}
        for unit_id, role in order_on_task.get(task.pk, []):
            units_here.setdefault(unit_id, role)  # lead comes first: a unit printed twice is listed once
        # Measures of a unit that no longer holds the task (a re-imported plan) are listed too.
        for unit_id in units_with_measures.get(task.pk, []):
            units_here.setdefault(unit_id, "")
        for unit_id, role in units_here.items():
            if unit_id not in names:
                continue
            role_label = str(TaskUnitRole(role).label) if role else ""
            unit_measures = by_task_unit.get((task.pk, unit_id), [])
            if not unit_measures:
                lines.append(
                    ResponsibilityLine(
                        task.number, task.title, names[unit_id], role_label, "", None, None, None
                    )
                )
            for m in unit_measures:
                lines.append(
                    ResponsibilityLine(
                        task.number,
                        task.title,
                        names[unit_id],
                        role_label,
                        m.title,
                        Person.of(m.responsible),
                        m.start_date,
                        m.due_date,
                    )
                )
    return Matrix(plan.pk, plan.display_title, columns, groups, lines)


def chosen_units(values: list[str]) -> list[int]:
    """The units chosen with ?unit=…; an empty value means all units."""
    chosen = []
    for value in values:
        if not value.strip():
            continue
        try:
            chosen.append(int(value))
        except ValueError as exc:
            raise ActionError(
                _("“%(value)s” is not a unit: choose one from the list.") % {"value": value}
            ) from exc
    return chosen
