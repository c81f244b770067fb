import csv
import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from taskbook.audit.access import history_for, require_log_reader
from taskbook.audit.models import AuditEvent
from taskbook.orgs.permissions import is_coordinator
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

CSV_LIMIT = 100_000


def _filtered(request: AuthenticatedHttpRequest):
    require_log_reader(request.user)
    filters = {
        k: request.GET.get(k, "").strip() for k in ("actor", "action", "object_type", "since", "until", "q")
    }
    days: dict[str, datetime.date | None] = {}
    for key in ("since", "until"):
        try:
            days[key] = datetime.date.fromisoformat(filters[key]) if filters[key] else None
        except ValueError:
            days[key], filters[key] = None, ""
    events = AuditEvent.objects.visible_to(request.user).matching(
        actor=filters["actor"],
        action=filters["action"],
        object_type=filters["object_type"],
        q=filters["q"],
        **days,
    )
    return events, filters


@login_required
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    events, filters = _filtered(request)
    types = AuditEvent.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"page": paginate(request, events), "filters": filters, "types": types, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def event_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The filtered events as CSV, streamed so a long history does not sit in memory."""
    events, _filters = _filtered(request)
    writer = csv.writer(_Echo())
    header = [
        _("time"),
        _("actor"),
        _("action"),
        _("object type"),
        _("object id"),
        _("object"),
        _("before"),
        _("after"),
        _("address"),
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)  # the BOM lets Excel read Chinese text
        for e in events[:CSV_LIMIT].iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    e.at.isoformat(),
                    e.actor_name,
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.object_repr,
                    e.before,
                    e.after,
                    e.address or "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-events.csv"'
    return response


@login_required
def history(request: AuthenticatedHttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """The history tab of one object, for whoever may see the object."""
    page = paginate(request, history_for(request.user, object_type, object_id))
    if not page.object_list and not is_coordinator(request.user):
        raise Http404
    return render(
        request, "audit/history.html", {"page": page, "object_type": object_type, "object_id": object_id}
    )
