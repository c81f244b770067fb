from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskbook.audit.actions import record_download
from taskbook.audit.events import Event
from taskbook.audit.record import snapshot
from taskbook.errors import ActionError
from taskbook.orgs.permissions import (
    is_coordinator,
    may_admin_unit,
    may_edit_task,
    may_edit_unit_work,
    may_remind_now,
)
from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Plan, Task, TaskUnit, TaskUnitRole
from taskbook.targets.models import Target
from taskbook.taskbooks import actions
from taskbook.taskbooks.access import (
    change_request_for,
    measure_for,
    measure_to_change,
    milestone_for,
    milestone_to_change,
    plan_and_unit_for,
    unit_work_to_change,
)
from taskbook.taskbooks.forms import (
    CommentForm,
    ContactForm,
    DoneForm,
    MeasureForm,
    MilestoneForm,
    StatusForm,
)
from taskbook.taskbooks.models import (
    ChangeRequest,
    ChangeStatus,
    Contact,
    Measure,
    TaskBook,
    TaskBookRevision,
)
from taskbook.versions import ConflictError, posted_version
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate


def _taskbook_url(measure: Measure) -> str:
    return reverse("taskbooks:taskbook", args=[measure.task.plan_id, measure.unit_id])


@login_required
def taskbook_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every task book the user may see, by plan and unit, with its status."""
    roles = roles_of(request.user)
    holders = TaskUnit.objects.visible_to(request.user)
    if not roles.reads_everything:
        holders = holders.filter(unit__in=roles.units)
    rows = (
        holders.values(
            "task__plan_id",
            "task__plan__title",
            "task__plan__title_zh",
            "unit_id",
            "unit__name_en",
            "unit__name_zh",
        )
        .annotate(
            leads=Count("id", filter=Q(role=TaskUnitRole.LEAD)),
            joins=Count("id", filter=Q(role=TaskUnitRole.PARTICIPATING)),
        )
        .order_by("task__plan_id", "unit__name_en")
    )
    page = paginate(request, rows)
    keys = [(r["task__plan_id"], r["unit_id"]) for r in page.object_list]
    books = {
        (b.plan_id, b.unit_id): b
        for b in TaskBook.objects.filter(plan_id__in={k[0] for k in keys}, unit_id__in={k[1] for k in keys})
    }
    counts = dict(
        ((m["task__plan_id"], m["unit_id"]), m["n"])
        for m in Measure.objects.filter(
            task__plan_id__in={k[0] for k in keys}, unit_id__in={k[1] for k in keys}
        )
        .values("task__plan_id", "unit_id")
        .annotate(n=Count("id"))
    )
    for row in page.object_list:
        key = (row["task__plan_id"], row["unit_id"])
        row["book"], row["measures"] = books.get(key), counts.get(key, 0)
    pending = ChangeRequest.objects.filter(status=ChangeStatus.PENDING).count() if roles.coordinator else 0
    return render(request, "taskbooks/taskbook_list.html", {"page": page, "pending": pending})


@login_required
def taskbook_detail(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    book = TaskBook.objects.filter(plan=plan, unit=unit).first()
    measures = (
        Measure.objects.filter(task__plan=plan, unit=unit)
        .with_overdue(timezone.localdate())
        .select_related("responsible", "deputy")
        .annotate(
            milestones_total=Count("milestones"),
            milestones_done=Count("milestones", filter=Q(milestones__done_on__isnull=False)),
        )
    )
    years = sorted({m.year for m in measures} | set(_plan_years(plan)))
    year = request.GET.get("year", "")
    shown = [m for m in measures if not year or str(m.year) == year]
    task_units = (
        TaskUnit.objects.filter(task__plan=plan, unit=unit).select_related("task").order_by("task__order")
    )
    by_task: dict[int, list[Measure]] = {}
    for m in shown:
        by_task.setdefault(m.task_id, []).append(m)
    sections: dict[str, list[dict]] = {"lead": [], "participating": []}
    for tu in task_units:
        sections[tu.role].append({"task": tu.task, "measures": by_task.get(tu.task_id, [])})
    changes = ChangeRequest.objects.filter(measure__task__plan=plan, measure__unit=unit).select_related(
        "measure__task__plan", "requested_by"
    )[:20]
    revisions = TaskBookRevision.objects.filter(taskbook=book).select_related("actor")[:10] if book else []
    return render(
        request,
        "taskbooks/taskbook_detail.html",
        {
            "plan": plan,
            "unit": unit,
            "book": book,
            "years": years,
            "year": year,
            "lead_tasks": sections["lead"],
            "joined_tasks": sections["participating"],
            "changes": changes,
            "revisions": revisions,
            "contacts": Contact.objects.filter(unit=unit),
            "can_edit": may_edit_unit_work(request.user, unit.pk),
            "can_admin": may_admin_unit(request.user, unit.pk),
            "is_coordinator": is_coordinator(request.user),
            # Not started is as late as a draft: the unsaved task book answers the same rule.
            "can_remind": may_remind_now(request.user)
            and (book or TaskBook(plan=plan, unit=unit)).is_late(timezone.localdate()),
            "comment_form": CommentForm(),
            "contact_form": ContactForm(),
            "measure_count": len(measures),
        },
    )


def _plan_years(plan: Plan) -> list[int]:
    if plan.period_start and plan.period_end:
        return list(range(plan.period_start.year, plan.period_end.year + 1))
    return []


@login_required
@require_POST
def taskbook_transition(
    request: AuthenticatedHttpRequest, plan_id: int, unit_id: int, verb: str
) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    if verb not in actions.TASKBOOK_MOVES:
        raise Http404
    if not (may_edit_unit_work(request.user, unit.pk) or is_coordinator(request.user)):
        get_object_or_404(TaskBook, plan=plan, unit=unit)  # a reader learns nothing of a book not made
    actions.move_taskbook(request.user, plan, unit, verb, request.POST.get("comment", ""))
    done = {
        "submit": _("The task book was submitted to the coordinator."),
        "approve": _("The task book is approved; its dates are now the baseline."),
        "return": _("The task book was returned to the unit with your comment."),
    }
    messages.success(request, done[verb])
    return redirect("taskbooks:taskbook", plan_id=plan.pk, unit_id=unit.pk)


@login_required
@require_POST
def carry_over(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    moved = actions.carry_over(request.user, plan, unit, request.POST.get("year", ""))
    messages.success(
        request, _("%(n)d unfinished measures were carried into the next year.") % {"n": len(moved)}
    )
    return redirect("taskbooks:taskbook", plan_id=plan.pk, unit_id=unit.pk)


@login_required
@require_POST
def contact_add(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    name = request.POST.get("name", "")
    actions.save_contact(
        request.user,
        unit,
        name=name,
        position=request.POST.get("position", ""),
        phone=request.POST.get("phone", ""),
        email=request.POST.get("email", ""),
    )
    messages.success(request, _("%(name)s was added to the unit's people.") % {"name": name})
    return redirect("taskbooks:taskbook", plan_id=plan.pk, unit_id=unit.pk)


@login_required
def measure_new(request: AuthenticatedHttpRequest, task_id: int, unit_id: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.visible_to(request.user).select_related("plan"), pk=task_id)
    plan, unit = unit_work_to_change(request.user, task.plan_id, unit_id)
    form = MeasureForm(request.POST or None, unit=unit)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                measure = actions.create_measure(request.user, task, unit, **form.measure_fields())
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The measure was added."))
                return redirect("taskbooks:measure", measure_id=measure.pk)
        status = 400
    return render(
        request,
        "taskbooks/measure_form.html",
        {"form": form, "task": task, "unit": unit, "plan": plan},
        status=status,
    )


@login_required
def measure_detail(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = measure_for(request.user, measure_id)
    milestones = measure.milestones.all()
    return render(
        request,
        "taskbooks/measure_detail.html",
        {
            "measure": measure,
            "milestones": milestones,
            "plan": measure.task.plan,
            "can_edit": may_edit_unit_work(request.user, measure.unit_id),
            "status_form": StatusForm(initial={"status": measure.status}),
            "milestone_form": MilestoneForm(),
            "done_form": DoneForm(),
            "changes": measure.change_requests.select_related(
                "requested_by", "decided_by", "measure__task__plan"
            ),
            "carry_overs": measure.carry_overs.all(),
        },
    )


@login_required
def measure_edit(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = measure_to_change(request.user, measure_id)
    initial = snapshot(measure) | {"responsible": measure.responsible_id, "deputy": measure.deputy_id}
    form = MeasureForm(request.POST or None, unit=measure.unit, initial=initial)
    conflict, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                measure, requests = actions.update_measure(
                    request.user,
                    measure,
                    version=form.cleaned_data.get("version") or 0,
                    reason=form.cleaned_data.get("reason", ""),
                    **form.measure_fields(),
                )
            except ConflictError as exc:
                conflict = exc
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if requests:
                    messages.info(
                        request,
                        _("The change to the approved %(f)s awaits the coordinator's decision.")
                        % {"f": ", ".join(c.field_label for c in requests)},
                    )
                if any(c.beyond_plan_period for c in requests):
                    messages.warning(
                        request,
                        _(
                            "The new date is after the plan's end (%(end)s): the request is marked "
                            "beyond the plan period, and only the coordinator decides it."
                        )
                        % {"end": measure.task.plan.period_end},
                    )
                messages.success(request, _("The measure was saved."))
                return redirect("taskbooks:measure", measure_id=measure.pk)
        status = 409 if conflict else 400
    return render(
        request,
        "taskbooks/measure_form.html",
        {
            "form": form,
            "measure": measure,
            "task": measure.task,
            "unit": measure.unit,
            "plan": measure.task.plan,
            "conflict": conflict,
            "version": measure.version,
        },
        status=status,
    )


@login_required
@require_POST
def measure_status(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = measure_for(request.user, measure_id)
    actions.set_measure_status(
        request.user, measure, request.POST.get("status", ""), request.POST.get("reason", "")
    )
    messages.success(request, _("The status was changed."))
    return redirect("taskbooks:measure", measure_id=measure.pk)


@login_required
@require_POST
def measure_delete(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = measure_for(request.user, measure_id)
    url = _taskbook_url(measure)
    actions.delete_measure(request.user, measure)
    messages.success(request, _("The measure was deleted."))
    return redirect(url)


@login_required
@require_POST
def milestone_add(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = measure_for(request.user, measure_id)
    actions.add_milestone(
        request.user,
        measure,
        date=request.POST.get("date", ""),
        description=request.POST.get("description", ""),
    )
    messages.success(request, _("The milestone was added."))
    return redirect("taskbooks:measure", measure_id=measure.pk)


@login_required
def milestone_edit(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    milestone = milestone_to_change(request.user, milestone_id)
    form = MilestoneForm(request.POST or None, initial=snapshot(milestone))
    conflict, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_milestone(
                    request.user,
                    milestone,
                    version=form.cleaned_data.get("version") or 0,
                    date=form.cleaned_data["date"],
                    description=form.cleaned_data["description"],
                )
            except ConflictError as exc:
                conflict = exc
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The milestone was saved."))
                return redirect("taskbooks:measure", measure_id=milestone.measure_id)
        status = 409 if conflict else 400
    return render(
        request,
        "taskbooks/milestone_form.html",
        {
            "form": form,
            "milestone": milestone,
            "measure": milestone.measure,
            "conflict": conflict,
            "version": milestone.version,
        },
        status=status,
    )


@login_required
@require_POST
def milestone_done(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    milestone = milestone_for(request.user, milestone_id)
    upload = request.FILES.get("evidence")
    actions.complete_milestone(
        request.user,
        milestone,
        done_on=request.POST.get("done_on", ""),
        evidence=upload.read() if upload else None,
        evidence_name=(upload.name or "") if upload else "",
    )
    messages.success(request, _("The milestone is done."))
    return redirect("taskbooks:measure", measure_id=milestone.measure_id)


@login_required
@require_POST
def milestone_reopen(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    milestone = milestone_for(request.user, milestone_id)
    actions.reopen_milestone(request.user, milestone)
    return redirect("taskbooks:measure", measure_id=milestone.measure_id)


@login_required
@require_POST
def milestone_delete(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    milestone = milestone_for(request.user, milestone_id)
    measure_id = milestone.measure_id
    actions.delete_milestone(request.user, milestone)
    messages.success(request, _("The milestone was deleted."))
    return redirect("taskbooks:measure", measure_id=measure_id)


@login_required
def milestone_evidence(request: AuthenticatedHttpRequest, milestone_id: int) -> FileResponse:
    """Evidence lives outside the web root; only those who may see the milestone get it."""
    milestone = milestone_for(request.user, milestone_id)
    if not milestone.evidence:
        raise Http404
    name = milestone.evidence_name or "evidence"
    record_download(request.user, Event.EVIDENCE_DOWNLOAD, name, milestone)
    return FileResponse(milestone.evidence.open("rb"), as_attachment=True, filename=name)


@login_required
def task_plan(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    """The lead unit's plan for a task: its summary and the order of all units' measures."""
    task = get_object_or_404(
        Task.objects.visible_to(request.user)
        .select_related("plan", "section")
        .prefetch_related("task_units__unit"),
        pk=task_id,
    )
    task_units = list(task.task_units.all())
    visible = Measure.objects.visible_to(request.user).values("pk")
    measures = list(
        task.measures.filter(pk__in=visible).select_related("unit", "responsible").order_by("order", "pk")
    )
    editable = may_edit_task(request.user, task)
    if request.method == "POST":
        if "summary" in request.POST:
            actions.update_task_summary(
                request.user, task, request.POST["summary"], version=posted_version(request.POST)
            )
            messages.success(request, _("The task's plan was saved."))
        else:
            try:
                seen = [int(v) for v in request.POST.getlist("measure")]
                i = int(request.GET.get("i", "-1"))
            except ValueError as exc:
                raise ActionError(_("The new order must list each of the task's measures once.")) from exc
            order = list(seen)
            j = i - 1 if request.GET.get("move") == "up" else i + 1
            if 0 <= i < len(order) and 0 <= j < len(order):
                order[i], order[j] = order[j], order[i]
            actions.reorder_measures(request.user, task, order, seen=seen)
            messages.success(request, _("The measures were put in the new order."))
        return redirect("taskbooks:task_plan", task_id=task.pk)
    targets = Target.objects.filter(task=task)
    return render(
        request,
        "taskbooks/task_plan.html",
        {
            "task": task,
            "plan": task.plan,
            "measures": measures,
            "editable": editable,
            "targets": targets,
            "leads": [tu for tu in task_units if tu.role == TaskUnitRole.LEAD],
            "participants": [tu for tu in task_units if tu.role == TaskUnitRole.PARTICIPATING],
        },
    )


@login_required
def change_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    changes = ChangeRequest.objects.visible_to(request.user).select_related(
        "measure__unit", "measure__task__plan", "target__task__plan", "requested_by", "decided_by"
    )
    status = request.GET.get("status", ChangeStatus.PENDING)
    if status in ChangeStatus.values:
        changes = changes.filter(status=status)
    beyond = request.GET.get("beyond") == "1"
    if beyond:
        changes = changes.filter(beyond_plan_period=True)
    return render(
        request,
        "taskbooks/change_list.html",
        {
            "page": paginate(request, changes),
            "status": status,
            "beyond": beyond,
            "statuses": ChangeStatus.choices,
            "can_decide": is_coordinator(request.user),
        },
    )


@login_required
@require_POST
def change_decide(request: AuthenticatedHttpRequest, change_id: int) -> HttpResponse:
    change = change_request_for(request.user, change_id)
    approve = request.POST.get("decision") == "approve"
    actions.decide_change(request.user, change, approve=approve, comment=request.POST.get("comment", ""))
    messages.success(
        request, _("The change was approved and applied.") if approve else _("The change was rejected.")
    )
    return redirect("taskbooks:changes")
