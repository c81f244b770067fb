import csv
import datetime
import itertools
import json
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.access import history_for, require_log_reader
from taskbook.audit.actions import record_download
from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.orgs.permissions import is_coordinator
from taskbook.spreadsheets import csv_cell
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


def _json(value: object) -> str:
    """A before or after value as JSON (readable Chinese, keys in order), empty when there is none."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def csv_row(event: AuditEvent) -> list[str]:
    """One event as the CSV's cells: the time in the site's time zone with its offset (work done
    before 08:00 Beijing time stays on its day), text guarded against formulas."""
    return [
        csv_cell(value)
        for value in (
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            event.actor_name,
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            _json(event.before),
            _json(event.after),
            event.address or "",
        )
    ]


@login_required
def event_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The filtered events as CSV, streamed so a long history does not sit in memory. The query runs
    before the first byte goes out, so a refused query is an error page, not a file cut short."""
    events, filters = _filtered(request)
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
    found = events[:CSV_LIMIT].iterator(chunk_size=2000)
    first = list(itertools.islice(found, 1))
    record_download(
        request.user, Event.AUDIT_EXPORT, "audit-events.csv", filters={k: v for k, v in filters.items() if v}
    )

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)  # the BOM lets Excel read Chinese text
        for event in itertools.chain(first, found):
            yield writer.writerow(csv_row(event))

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
