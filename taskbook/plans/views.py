from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskbook.audit.actions import record_download
from taskbook.audit.events import Event
from taskbook.errors import ActionError
from taskbook.orgs.permissions import is_coordinator, require
from taskbook.plans import actions, review
from taskbook.plans.access import plan_for, staged_import_for, task_for
from taskbook.plans.models import ImportStatus, Plan, PlanImport, Section, Task, TaskUnit
from taskbook.plans.responsibility import build_matrix, chosen_units, matrix_columns, matrix_tasks
from taskbook.targets.models import Comparator
from taskbook.uploads import check_size
from taskbook.values import whole_number
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

_TASK_UNITS = Prefetch(
    "task_units", queryset=TaskUnit.objects.select_related("unit").order_by("role", "order")
)


@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Meta.ordering does not apply to a grouped query: order explicitly, or pages would shuffle.
    plans = (
        Plan.objects.visible_to(request.user)
        .annotate(
            task_count=Count("tasks", distinct=True), target_count=Count("tasks__targets", distinct=True)
        )
        .order_by("-period_start", "title", "pk")
    )
    imports = PlanImport.objects.visible_to(request.user).filter(status=ImportStatus.PENDING)[:10]
    return render(request, "plans/plan_list.html", {"page": paginate(request, plans), "imports": imports})


@login_required
def plan_detail(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    tasks = Task.objects.filter(plan=plan).prefetch_related(_TASK_UNITS, "targets")
    sections = Section.objects.filter(plan=plan).prefetch_related(Prefetch("tasks", queryset=tasks))
    unsectioned = tasks.filter(section__isnull=True)
    stats = plan.tasks.aggregate(
        areas=Count("section", distinct=True),
        tasks=Count("id", distinct=True),
        units=Count("task_units__unit", distinct=True),
        targets=Count("targets", distinct=True),
    )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "sections": sections,
            "unsectioned": unsectioned,
            "stats": stats,
        },
    )


@login_required
def task_detail(request: AuthenticatedHttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    task = task_for(request.user, plan_id, task_id)
    task_units = list(task.task_units.select_related("unit").order_by("role", "order"))
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "leads": [tu for tu in task_units if tu.role == "lead"],
            "participants": [tu for tu in task_units if tu.role == "participating"],
            "targets": task.targets.all(),
        },
    )


@login_required
def plan_source(request: AuthenticatedHttpRequest, plan_id: int) -> FileResponse:
    plan = plan_for(request.user, plan_id)
    if not plan.source_file:
        raise Http404
    name = plan.source_name or "plan"
    record_download(request.user, Event.PLAN_SOURCE_DOWNLOAD, name, plan)
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def plan_status(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    plan = actions.change_plan_status(request.user, plan, request.POST.get("status", ""))
    messages.success(request, _("The plan is now %(status)s.") % {"status": plan.get_status_display()})
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(is_coordinator(request.user), _("Only the coordinator may import and publish plans."))
    if request.method == "POST":
        upload = request.FILES.get("document")
        try:
            if upload is None:
                raise ActionError(_("Choose a document to upload."), field="document")
            check_size(upload.size or 0)
            staged = actions.stage_import(
                request.user, data=upload.read(), filename=upload.name or "document"
            )
        except ActionError as exc:
            return render(request, "plans/import_upload.html", {"error": exc.message}, status=400)
        return redirect("plans:review", import_id=staged.pk)
    return render(request, "plans/import_upload.html")


@login_required
def import_review(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    staged = staged_import_for(request.user, import_id)
    error, status = None, 200
    if request.method == "POST":
        if staged.status != ImportStatus.PENDING:
            raise ActionError(_("This upload has already been saved or discarded."))
        draft = review.draft_from_post(request.POST.dict(), staged.draft)
        try:
            revision = whole_number(
                request.POST.get("revision", ""),
                "revision",
                _("The page did not say which version of the review it showed. Reload the page."),
                low=0,
            )
            staged = actions.revise_import(request.user, staged, draft, revision=revision)
            if request.POST.get("then") in {"save", "publish"}:
                result = actions.save_import(request.user, staged)
                if request.POST["then"] == "publish" and result.plan.status != "published":
                    actions.publish_plan(request.user, result.plan)
                for change in result.changes:
                    messages.info(request, change)
                if not result.changes:
                    messages.info(request, _("The plan already matched this document; nothing changed."))
                return redirect("plans:detail", plan_id=result.plan.pk)
            messages.success(request, _("Corrections saved."))
            return redirect("plans:review", import_id=staged.pk)
        except ActionError as exc:
            error, status = exc.message, 400
    existing = actions.find_existing_plan(staged.draft)
    return render(
        request,
        "plans/import_review.html",
        {
            "staged": staged,
            "rows": review.rows(staged.draft, staged.source_text),
            "error": error,
            "existing": existing,
            "units": staged.draft.get("units") or [],
            "comparators": [(c.value, c.sign) for c in Comparator],
        },
        status=status,
    )


@login_required
@require_POST
def import_discard(request: AuthenticatedHttpRequest, import_id: int) -> HttpResponse:
    staged = staged_import_for(request.user, import_id)
    actions.discard_import(request.user, staged)
    messages.info(request, _("The upload was discarded."))
    return redirect("plans:list")


# Rows of the matrix page; 35 unit columns by 100 tasks is still one comfortable screen to scroll.
MATRIX_PAGE_SIZE = 100


@login_required
def responsibility(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """The responsibility system: the tasks-by-units matrix with the responsible persons."""
    plan = plan_for(request.user, plan_id)
    unit_ids = chosen_units(request.GET.getlist("unit"))
    page = paginate(request, matrix_tasks(plan, unit_ids), per_page=MATRIX_PAGE_SIZE)
    matrix = build_matrix(request.user, plan, tasks=page.object_list, unit_ids=unit_ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/responsibility.html",
        {
            "plan": plan,
            "matrix": matrix,
            "page": page,
            "all_units": matrix_columns(request.user, plan) if unit_ids else matrix.columns,
            "chosen": unit_ids,
            "filter_query": query.urlencode(),
        },
    )
