from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskbook.errors import ActionError
from taskbook.orgs import actions
from taskbook.orgs.access import unit_for
from taskbook.orgs.models import Unit, UnitAlias
from taskbook.orgs.permissions import is_coordinator, may_read_unit_people, require
from taskbook.plans.models import Task, TaskUnit
from taskbook.versions import posted_version
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate


@login_required
def unit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    units = (
        Unit.objects.visible_to(request.user)
        .prefetch_related(Prefetch("aliases", queryset=UnitAlias.objects.order_by("name")))
        .annotate(
            lead_count=Count("task_units", filter=Q(task_units__role="lead"), distinct=True),
            part_count=Count("task_units", filter=Q(task_units__role="participating"), distinct=True),
        )
        .order_by("name_en", "name_zh", "pk")
    )
    if query:
        units = units.filter(
            Q(name_en__icontains=query) | Q(name_zh__icontains=query) | Q(aliases__name__icontains=query)
        ).distinct()
    return render(request, "orgs/unit_list.html", {"page": paginate(request, units), "q": query})


@login_required
def unit_detail(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request.user, unit_id)
    visible = Task.objects.visible_to(request.user).values("pk")
    task_units = (
        TaskUnit.objects.filter(unit=unit, task__in=visible)
        .select_related("task", "task__plan")
        .order_by("task__plan_id", "task__order")
    )
    aliases = list(unit.aliases.all())
    others = (
        Unit.objects.exclude(pk=unit.pk).only("id", "name_en", "name_zh")
        if is_coordinator(request.user)
        else Unit.objects.none()
    )
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "aliases": aliases,
            "leads": [tu for tu in task_units if tu.role == "lead"],
            "joins": [tu for tu in task_units if tu.role == "participating"],
            "others": others,
            "can_read_people": may_read_unit_people(request.user, unit.pk),
        },
    )


@login_required
@require_POST
def unit_merge(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    require(is_coordinator(request.user), _("Only the coordinator may change units."))
    unit = unit_for(request.user, unit_id)
    try:
        other = Unit.objects.get(pk=int(request.POST.get("other", "")))
    except (ValueError, Unit.DoesNotExist) as exc:
        raise ActionError(_("Choose the unit to merge into this one.")) from exc
    name = str(other)
    actions.merge_units(request.user, unit, other, version=posted_version(request.POST))
    messages.success(request, _("%(other)s was merged into this unit.") % {"other": name})
    return redirect("orgs:detail", unit_id=unit.pk)


@login_required
@require_POST
def unit_split(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    require(is_coordinator(request.user), _("Only the coordinator may change units."))
    unit = unit_for(request.user, unit_id)
    try:
        alias_ids = [int(v) for v in request.POST.getlist("aliases")]
    except ValueError as exc:
        raise ActionError(_("Choose the names that belong to the other body.")) from exc
    new = actions.split_unit(
        request.user,
        unit,
        alias_ids,
        name_en=request.POST.get("name_en", ""),
        name_zh=request.POST.get("name_zh", ""),
        version=posted_version(request.POST),
    )
    messages.success(request, _("%(new)s is now a unit of its own.") % {"new": new})
    return redirect("orgs:detail", unit_id=new.pk)


@login_required
@require_POST
def unit_alias_add(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    require(is_coordinator(request.user), _("Only the coordinator may change units."))
    unit = unit_for(request.user, unit_id)
    actions.add_alias(request.user, unit, request.POST.get("name", ""), version=posted_version(request.POST))
    messages.success(request, _("Alias added."))
    return redirect("orgs:detail", unit_id=unit.pk)
