import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from taskbook.plans.models import Plan, Task, TaskUnit

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    title: str
    title_zh: str
    issuing_body: str
    status: str
    language: str
    period_start: datetime.date | None
    period_end: datetime.date | None


class TaskUnitOut(Schema):
    unit_id: int
    role: str
    printed_name: str


class TargetOut(Schema):
    text: str
    metric: str
    comparator: str
    value: Decimal
    unit_of_measure: str
    year: int | None


class TaskOut(Schema):
    id: int
    number: str
    title: str
    body: str
    section_id: int | None
    task_units: list[TaskUnitOut]
    targets: list[TargetOut]


class PlanDetailOut(PlanOut):
    tasks: list[TaskOut]


@router.get("/", response=list[PlanOut])
@paginate
def list_plans(request):
    return Plan.objects.visible_to(request.user)


@router.get("/{plan_id}", response=PlanDetailOut)
def get_plan(request, plan_id: int):
    tasks = Task.objects.prefetch_related(
        Prefetch("task_units", queryset=TaskUnit.objects.order_by("role", "order")), "targets"
    )
    plan = get_object_or_404(
        Plan.objects.visible_to(request.user).prefetch_related(Prefetch("tasks", queryset=tasks)), pk=plan_id
    )
    return {**PlanOut.from_orm(plan).dict(), "tasks": list(plan.tasks.all())}
