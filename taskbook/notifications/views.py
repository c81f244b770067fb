"""The notification log (the coordinator's), each person's inbox, the chat-group webhooks (the
coordinator's and each unit admin's), and the buttons that tell a unit at once (remind now, draft
ready)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from taskbook.errors import ActionError
from taskbook.notifications import actions, delivery
from taskbook.notifications.access import webhook_for
from taskbook.notifications.models import Channel, Notification, Webhook
from taskbook.notifications.querysets import DELIVERY_STATES
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import is_coordinator, may_manage_chat_groups, require
from taskbook.orgs.roles import roles_of
from taskbook.reporting.access import report_for
from taskbook.taskbooks.access import plan_and_unit_for
from taskbook.versions import ConflictError
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every reminder, escalation and test message as sent (or not), newest first."""
    require(is_coordinator(request.user), _("The notification log is the coordinator's."))
    filters = {k: request.GET.get(k, "").strip() for k in ("kind", "channel", "status")}
    notifications = Notification.objects.select_related(
        "recipient", "webhook", "report__task", "report__cycle", "report__unit", "taskbook", "change_request"
    ).order_by("-created_at", "-id")
    if filters["kind"] in delivery.Kind.values:
        notifications = notifications.filter(kind=filters["kind"])
    else:
        filters["kind"] = ""
    if filters["channel"] in Channel.values:
        notifications = notifications.filter(channel=filters["channel"])
    else:
        filters["channel"] = ""
    if filters["status"] in DELIVERY_STATES:
        notifications = notifications.filter(DELIVERY_STATES[filters["status"]])
    else:
        filters["status"] = ""
    totals = Notification.objects.aggregate(
        all=Count("pk"),
        **{name: Count("pk", filter=condition) for name, condition in DELIVERY_STATES.items()},
    )
    page = paginate(request, notifications)
    kinds = dict(delivery.Kind.choices)
    for item in page.object_list:
        item.kind_label = kinds.get(item.kind, item.kind)
        item.link = delivery.notification_path(item.report, item.taskbook, item.change_request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page": page,
            "filters": filters,
            "totals": totals,
            "kinds": delivery.Kind.choices,
            "channels": Channel.choices,
            "statuses": [
                ("sent", _("sent")),
                ("failed", _("failed")),
                ("retrying", _("to be tried again")),
                ("pending", _("waiting to be sent")),
            ],
            "query": query.urlencode(),
        },
    )


def _shown_url(request: AuthenticatedHttpRequest, url: str) -> str:
    """The whole address for the coordinator; the scheme and host for a unit admin."""
    return url if is_coordinator(request.user) else delivery.mask_url(url)


def _webhook_page(
    request: AuthenticatedHttpRequest,
    form: dict[str, Any] | None = None,
    error: ActionError | None = None,
    conflict: dict[str, Any] | None = None,
):
    require(may_manage_chat_groups(request.user))
    roles = roles_of(request.user)
    latest = Notification.objects.filter(webhook=OuterRef("pk")).order_by("-created_at", "-id")
    webhooks = (
        Webhook.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(
            last_at=Subquery(latest.values("created_at")[:1]),
            last_sent=Subquery(latest.values("sent_at")[:1]),
            last_error=Subquery(latest.values("error")[:1]),
            last_next=Subquery(latest.values("next_attempt_at")[:1]),
        )
        .order_by("-active", "unit__name_en", "name", "pk")
    )
    page = paginate(request, webhooks)
    for hook in page.object_list:
        hook.shown_url = _shown_url(request, hook.url)
    units = (
        Unit.objects.filter(active=True).only("id", "name_en", "name_zh").order_by("name_en", "name_zh")
        if roles.coordinator
        else Unit.objects.filter(pk__in=roles.admin_of).order_by("name_en", "name_zh")
    )
    return render(
        request,
        "notifications/webhook_list.html",
        {
            "page": page,
            "units": units,
            "kinds": Webhook.Kind.choices,
            "form": form or {"kind": Webhook.Kind.WECOM},
            "error": error,
            "conflict": conflict,
            "is_coordinator": roles.coordinator,
        },
        status=409 if conflict else 400 if error else 200,
    )


@login_required
def webhook_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _webhook_page(request)


def _unit_from_form(request: AuthenticatedHttpRequest, value: str) -> Unit | None:
    if not value:
        if is_coordinator(request.user):
            return None  # the coordinator's own group
        raise ActionError(_("Choose the unit whose chat group this is."), field="unit")
    try:
        return Unit.objects.get(pk=int(value))
    except (ValueError, Unit.DoesNotExist) as exc:
        raise ActionError(_("Choose the unit whose chat group this is."), field="unit") from exc


@login_required
@require_POST
def webhook_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(may_manage_chat_groups(request.user))
    form = {k: request.POST.get(k, "").strip() for k in ("name", "kind", "url", "unit")}
    try:
        unit = _unit_from_form(request, form["unit"])
        webhook = actions.create_webhook(
            request.user, name=form["name"], kind=form["kind"], url=form["url"], unit=unit
        )
    except ActionError as exc:
        return _webhook_page(request, form, exc)
    messages.success(
        request,
        _("Webhook “%(name)s” added. Send it a test message to check the address.") % {"name": webhook.name},
    )
    return redirect("notifications:webhooks")


def _version(request: AuthenticatedHttpRequest) -> int:
    """The version of the webhook the page showed; none (or nonsense) never matches."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _theirs(request: AuthenticatedHttpRequest, exc: ConflictError) -> dict[str, Any]:
    """The version saved meanwhile, as the reader may see it."""
    theirs = dict(exc.current)
    theirs["url"] = _shown_url(request, theirs.get("url", ""))
    theirs["kind_label"] = dict(Webhook.Kind.choices).get(theirs.get("kind", ""), "")
    return theirs


def _switch(request: AuthenticatedHttpRequest, webhook_id: int, active: bool) -> HttpResponse:
    webhook = webhook_for(request.user, webhook_id)
    try:
        webhook = actions.set_webhook_active(request.user, webhook, active, version=_version(request))
    except ConflictError as exc:
        conflict = {"theirs": _theirs(request, exc), "name": webhook.name, "yours_active": active}
        return _webhook_page(request, error=exc, conflict=conflict)
    if active:
        messages.success(request, _("Webhook “%(name)s” is active again.") % {"name": webhook.name})
    else:
        messages.success(request, _("Webhook “%(name)s” will receive nothing more.") % {"name": webhook.name})
    return redirect("notifications:webhooks")


@login_required
@require_POST
def webhook_deactivate(request: AuthenticatedHttpRequest, webhook_id: int) -> HttpResponse:
    return _switch(request, webhook_id, False)


@login_required
@require_POST
def webhook_activate(request: AuthenticatedHttpRequest, webhook_id: int) -> HttpResponse:
    return _switch(request, webhook_id, True)


@login_required
def webhook_edit(request: AuthenticatedHttpRequest, webhook_id: int) -> HttpResponse:
    """Rename a webhook, change its kind or give it a new address (a robot's new key)."""
    webhook = webhook_for(request.user, webhook_id)
    form: dict[str, Any] = {"name": webhook.name, "kind": webhook.kind, "url": ""}
    version = webhook.version
    error: ActionError | None = None
    theirs: dict[str, Any] | None = None
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in ("name", "kind", "url")}
        version = _version(request)
        try:
            actions.update_webhook(request.user, webhook, version=version, **form)
        except ConflictError as exc:
            error, theirs = exc, _theirs(request, exc)
            version = exc.current["version"]  # saving again, having seen theirs, overwrites it
        except ActionError as exc:
            error = exc
        else:
            messages.success(request, _("Webhook “%(name)s” saved.") % {"name": form["name"]})
            return redirect("notifications:webhooks")
    return render(
        request,
        "notifications/webhook_form.html",
        {
            "webhook": webhook,
            "shown_url": _shown_url(request, webhook.url),
            "form": form,
            "version": version,
            "kinds": Webhook.Kind.choices,
            "error": error,
            "theirs": theirs,
        },
        status=409 if theirs else 400 if error else 200,
    )


@login_required
@require_POST
def webhook_test(request: AuthenticatedHttpRequest, webhook_id: int) -> HttpResponse:
    """Send a test message and say how it went: sent, or a few words of our own on why not (never
    what the server answered: an address can point anywhere)."""
    webhook = webhook_for(request.user, webhook_id)
    notification = actions.send_test_message(request.user, webhook)
    notification.refresh_from_db()
    if notification.sent_at:
        messages.success(request, _("Test message sent to “%(name)s”.") % {"name": webhook.name})
    elif notification.error:
        messages.error(
            request,
            _("The test message to “%(name)s” failed: %(error)s")
            % {"name": webhook.name, "error": notification.error},
        )
    else:
        messages.info(request, _("The test message to “%(name)s” is on its way.") % {"name": webhook.name})
    return redirect("notifications:webhooks")


# -- the inbox ----------------------------------------------------------------------------


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What taskbook told the person, newest first, the unread marked."""
    items = Notification.objects.inbox_of(request.user).select_related(
        "report__task", "report__cycle", "report__unit", "taskbook__unit", "change_request"
    )
    page = paginate(request, items.order_by("-created_at", "-id"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def inbox_open(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    """Open a notification of one's inbox: it is read, and its page opens."""
    notification = get_object_or_404(
        Notification.objects.inbox_of(request.user).select_related("report", "taskbook", "change_request"),
        pk=notification_id,
    )
    actions.mark_read(request.user, notification)
    return redirect(
        delivery.notification_path(notification.report, notification.taskbook, notification.change_request)
    )


@login_required
@require_POST
def inbox_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = actions.mark_all_read(request.user)
    messages.success(
        request,
        ngettext("%(count)s notification marked read.", "%(count)s notifications marked read.", count)
        % {"count": count},
    )
    return redirect("notifications:inbox")


# -- telling a unit at once -----------------------------------------------------------------


def _reminded(count: int) -> str:
    return ngettext(
        "The unit's admins were reminded (%(count)s message).",
        "The unit's admins were reminded (%(count)s messages).",
        count,
    ) % {"count": count}


@login_required
@require_POST
def remind_report(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    made = actions.remind_report_now(request.user, report, request.POST.get("message", ""))
    messages.success(request, _reminded(len(made)))
    return redirect("reporting:report", report_id=report.pk)


@login_required
@require_POST
def remind_taskbook(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    made = actions.remind_taskbook_now(request.user, plan, unit, request.POST.get("message", ""))
    messages.success(request, _reminded(len(made)))
    return redirect("taskbooks:taskbook", plan_id=plan.pk, unit_id=unit.pk)


@login_required
@require_POST
def draft_ready(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = report_for(request.user, report_id)
    actions.tell_draft_ready(request.user, report)
    messages.success(request, _("Your unit's admins were told that the draft is ready."))
    return redirect("reporting:report", report_id=report.pk)
