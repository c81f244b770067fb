import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskbook.audit.actions import record_download
from taskbook.audit.events import Event
from taskbook.errors import ActionError
from taskbook.notifications.workflow import unit_admins
from taskbook.orgs.permissions import may_admin_unit, may_edit_unit_work, may_remind_now, may_tell_draft_ready
from taskbook.orgs.roles import roles_of
from taskbook.plans.access import plan_for
from taskbook.plans.models import Plan, PlanStatus
from taskbook.reporting import actions
from taskbook.reporting.access import contribution_for, cycle_for, evidence_for, report_for
from taskbook.reporting.models import (
    Assessment,
    Contribution,
    Frequency,
    ProgressReport,
    Rating,
    ReportingCalendar,
    ReportingCycle,
    ReportStatus,
    ratings_diverge,
)
from taskbook.reporting.progress import measure_percent
from taskbook.reporting.querysets import overdue_q, reported_q
from taskbook.targets.models import Target
from taskbook.taskbooks import actions as taskbook_actions
from taskbook.taskbooks.access import measure_for
from taskbook.taskbooks.models import Measure
from taskbook.versions import posted_version
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

OWED_VIEWS = ("now", "all")  # what is owed now (the default), or every report and contribution


@login_required
def owed(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the user's units owe: reports as lead unit, contributions as participants. First what is
    owed now (overdue, the oldest first, then due soon); every report and contribution behind the
    "all" tab, the newest cycle first. The coordinator and leaders, who owe nothing, get the current
    cycle of each plan instead."""
    roles = roles_of(request.user)
    today = timezone.localdate()
    if roles.reads_everything and not roles.units:
        return _current_cycles(request, today)
    show = request.GET.get("show", "now")
    if show not in OWED_VIEWS:
        show = "now"
    reports = ProgressReport.objects.visible_to(request.user).filter(unit__in=roles.units)
    contributions = Contribution.objects.filter(unit__in=roles.units)
    counts = {
        "now": reports.owed_now(today).count() + contributions.owed_now(today).count(),
        "all": reports.count() + contributions.count(),
    }
    if show == "now":
        reports = reports.owed_now(today).order_by("cycle__due_on", "task__order")
        contributions = contributions.owed_now(today).order_by("report__cycle__contributions_due_on", "pk")
    else:
        reports = reports.order_by("-cycle__period_start", "cycle__plan_id", "task__order")
        contributions = contributions.order_by("-report__cycle__period_start", "report__task__order", "pk")
    report_page = paginate(request, reports.select_related("cycle__plan", "task", "unit"))
    for report in report_page.object_list:
        report.state = report.owed_state(today)
    contribution_page = paginate(
        request,
        contributions.select_related("report__cycle__plan", "report__task", "report__unit", "unit"),
        param="cpage",
    )
    for contribution in contribution_page.object_list:
        contribution.overdue = contribution.is_overdue(today)
    return render(
        request,
        "reporting/report_owed.html",
        {
            "show": show,
            "counts": counts,
            "reports": report_page,
            "contributions": contribution_page,
            "query": f"show={show}",
            "plans": Plan.objects.visible_to(request.user).filter(reporting_calendar__isnull=False),
        },
    )


def _current_cycles(request: AuthenticatedHttpRequest, today: datetime.date) -> HttpResponse:
    """The Reports page of the coordinator and leaders: the current cycle of the plan under way (its
    page itself when there is one), else of each plan, else of the plans that have ended."""
    plans = Plan.objects.visible_to(request.user).exclude(status=PlanStatus.DRAFT)
    cycles = ReportingCycle.objects.filter(plan__in=plans)
    current = cycles.filter(plan__status=PlanStatus.PUBLISHED).current(today) or cycles.current(today)
    if len(current) == 1:
        return redirect("reporting:cycle", current[0].pk)
    rows = (
        ReportingCycle.objects.filter(pk__in=[c.pk for c in current])
        .select_related("plan")
        .annotate(
            reports_total=Count("reports"),
            reports_in=Count("reports", filter=reported_q("reports__")),
            reports_overdue=Count("reports", filter=overdue_q(today, "reports__")),
        )
        .order_by("-plan__period_start", "plan_id")
    )
    return render(
        request,
        "reporting/current_cycles.html",
        {
            "page": paginate(request, rows),
            "plans": plans.filter(reporting_calendar__isnull=True).order_by("-period_start", "pk")[:20],
            "is_coordinator": roles_of(request.user).coordinator,
        },
    )


@login_required
def cycles(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    calendar = ReportingCalendar.objects.filter(plan=plan).first()
    rows = (
        ReportingCycle.objects.filter(plan=plan)
        .annotate(
            reports_total=Count("reports"),
            reports_accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED)),
            reports_submitted=Count("reports", filter=Q(reports__status=ReportStatus.SUBMITTED)),
        )
        .order_by("-period_start")
    )
    return render(
        request,
        "reporting/cycle_list.html",
        {
            "plan": plan,
            "calendar": calendar,
            "page": paginate(request, rows),
            "frequencies": Frequency.choices,
            "is_coordinator": roles_of(request.user).coordinator,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def calendar_set(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    fields = {k: request.POST[k] for k in actions.CALENDAR_SETTINGS if k != "active" and k in request.POST}
    actions.set_calendar(request.user, plan, version=posted_version(request.POST), **fields)
    messages.success(request, _("The reporting calendar was saved and the cycles scheduled."))
    return redirect("reporting:cycles", plan_id=plan.pk)


@login_required
def cycle_detail(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    reports = (
        ProgressReport.objects.visible_to(request.user)
        .filter(cycle=cycle)
        .select_related("task", "unit")
        .annotate(
            contributions_total=Count("contributions"),
            contributions_in=Count("contributions", filter=Q(contributions__submitted_at__isnull=False)),
        )
    )
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    elif status == "overdue":
        reports = reports.overdue(timezone.localdate())
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        reports = reports.filter(unit_id=int(unit_id))
    ratings = {a.task_id: a for a in Assessment.objects.filter(cycle=cycle)}
    page = paginate(request, reports.order_by("task__order"))
    for report in page.object_list:
        report.assessment = ratings.get(report.task_id)
        report.divergent = bool(
            report.assessment and ratings_diverge(report.reported_self_rating, report.assessment.rating)
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reporting/cycle_detail.html",
        {
            "cycle": cycle,
            "plan": cycle.plan,
            "page": page,
            "status": status,
            "statuses": ReportStatus.choices,
            "is_coordinator": roles_of(request.user).coordinator,
            "today": timezone.localdate(),
            "query": query.urlencode(),
        },
    )


@login_required
@require_POST
def cycle_open(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    made = actions.open_cycle(request.user, cycle)
    messages.success(request, _("The cycle is open: %(n)d reports are due.") % {"n": len(made)})
    return redirect("reporting:cycle", cycle_id=cycle.pk)


@login_required
@require_POST
def cycle_close(request: AuthenticatedHttpRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    actions.close_cycle(request.user, cycle)
    messages.success(request, _("The cycle is closed."))
    return redirect("reporting:cycle", cycle_id=cycle.pk)


@login_required
def report_detail(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    roles = roles_of(request.user)
    measures = [
        {"m": m, "percent": measure_percent(m), "editable": may_edit_unit_work(request.user, m.unit_id)}
        for m in Measure.objects.filter(task=report.task)
        .with_overdue(timezone.localdate())
        .select_related("unit", "responsible")
        .order_by("order", "pk")
    ]
    contributions = report.contributions.select_related("unit")
    targets = Target.objects.filter(task=report.task)
    can_tell_ready = (
        may_tell_draft_ready(request.user, report.unit_id)
        and not may_admin_unit(request.user, report.unit_id)
        and report.is_owed
    )
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "cycle": report.cycle,
            "plan": report.cycle.plan,
            "task": report.task,
            "measures": measures,
            "contributions": contributions,
            "targets": targets,
            "evidence": report.evidence.all(),
            "amendments": report.amendments.select_related("actor"),
            "revisions": report.revisions.select_related("actor")[:20],
            "assessment": Assessment.objects.filter(task=report.task, cycle=report.cycle).first(),
            "can_write": may_edit_unit_work(request.user, report.unit_id) and report.is_owed,
            "can_submit": may_admin_unit(request.user, report.unit_id) and report.is_owed,
            "can_amend": report.status == ReportStatus.ACCEPTED
            and (roles.coordinator or may_admin_unit(request.user, report.unit_id)),
            "is_coordinator": roles.coordinator,
            # Who submits, for the unit's staff; the coordinator's urgent reminder once it is late.
            "can_tell_ready": can_tell_ready,
            "submitters": unit_admins(report.unit_id) if can_tell_ready else [],
            "can_remind": may_remind_now(request.user) and report.is_overdue(timezone.localdate()),
            "ratings": Rating.choices,
            "my_units": roles.units,
            "amendable": [
                ("narrative", _("narrative")),
                ("percent", _("percent complete")),
                ("self_rating", _("self-assessment")),
            ],
        },
    )


@login_required
@require_POST
def report_save(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    actions.save_report(
        request.user,
        report,
        version=posted_version(request.POST),
        narrative=request.POST.get("narrative", ""),
        self_rating=request.POST.get("self_rating", ""),
        self_rationale=request.POST.get("self_rationale", ""),
    )
    messages.success(request, _("The report was saved."))
    return redirect("reporting:report", report_id=report.pk)


@login_required
@require_POST
def report_transition(request: AuthenticatedHttpRequest, report_id: int, verb: str) -> HttpResponse:
    report = report_for(request.user, report_id)
    comment = request.POST.get("comment", "")
    if verb == "submit":
        actions.submit_report(request.user, report)
        messages.success(request, _("The report was submitted to the coordinator."))
    elif verb == "return":
        actions.return_report(request.user, report, comment)
        messages.success(request, _("The report was returned to the unit with your comment."))
    elif verb == "accept":
        actions.accept_report(request.user, report, comment)
        messages.success(request, _("The report is accepted and locked."))
    else:
        raise Http404
    return redirect("reporting:report", report_id=report.pk)


@login_required
@require_POST
def report_assess(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    actions.assess(
        request.user,
        report.task,
        report.cycle,
        rating=request.POST.get("rating", ""),
        rationale=request.POST.get("rationale", ""),
    )
    messages.success(request, _("The rating was recorded."))
    return redirect("reporting:report", report_id=report.pk)


@login_required
@require_POST
def report_amend(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    actions.amend_report(
        request.user,
        report,
        field=request.POST.get("field", ""),
        value=request.POST.get("value", ""),
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("The correction was recorded as an amendment."))
    return redirect("reporting:report", report_id=report.pk)


@login_required
@require_POST
def report_evidence(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    upload = request.FILES.get("file")
    if upload is None:
        if not may_edit_unit_work(request.user, report.unit_id):
            raise PermissionDenied
        raise ActionError(_("Choose a file."))
    actions.add_evidence(request.user, report, data=upload.read(), name=upload.name or "evidence")
    messages.success(request, _("The evidence was added."))
    return redirect("reporting:report", report_id=report.pk)


@login_required
def evidence_download(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    evidence = evidence_for(request.user, evidence_id)
    record_download(request.user, Event.EVIDENCE_DOWNLOAD, evidence.name, evidence)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
@require_POST
def contribution_save(request: AuthenticatedHttpRequest, contribution_id: int) -> HttpResponse:
    contribution = contribution_for(request.user, contribution_id)
    actions.save_contribution(
        request.user,
        contribution,
        narrative=request.POST.get("narrative", ""),
        submit=request.POST.get("submit") == "1",
        version=posted_version(request.POST),
    )
    messages.success(
        request,
        _("The contribution was sent to the lead unit.")
        if request.POST.get("submit") == "1"
        else _("The contribution was saved."),
    )
    return redirect("reporting:report", report_id=contribution.report_id)


@login_required
@require_POST
def measure_progress(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = measure_for(request.user, measure_id)
    taskbook_actions.set_measure_progress(request.user, measure, request.POST.get("progress", ""))
    back = request.POST.get("report", "")
    if back.isdigit():
        return redirect("reporting:report", report_id=int(back))
    return redirect("taskbooks:measure", measure_id=measure.pk)
