"""Download a unit's measures and milestones as XLSX or CSV, and upload them back (taskbooks.bulk)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from taskbook.audit.actions import record_download
from taskbook.audit.events import Event
from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_edit_unit_work, require
from taskbook.plans.models import Plan
from taskbook.taskbooks import bulk
from taskbook.taskbooks.access import plan_and_unit_for
from taskbook.taskbooks.bulk.faults import SHOWN
from taskbook.taskbooks.models import ChangeRequest
from taskbook.uploads import read_uploaded
from taskbook.web.downloads import DownloadName, attachment
from taskbook.web.http import AuthenticatedHttpRequest


def _download_name(plan: Plan, unit: Unit, fmt: str) -> DownloadName:
    title = _("Measures, %(unit)s, %(plan)s") % {"unit": unit.display_name, "plan": plan.display_title}
    return DownloadName.of(title, f"measures-{plan.pk}-{unit.short_name or unit.pk}", fmt)


@login_required
def export_measures(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int, fmt: str) -> HttpResponse:
    """The unit's measures of the plan and their milestones, in the format that the import reads."""
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    rows = bulk.export_rows(bulk.export_measures(plan, unit))
    body = bulk.write_xlsx(rows) if fmt == "xlsx" else bulk.write_csv(rows)
    name = _download_name(plan, unit, fmt)
    record_download(request.user, Event.EXPORT_DOWNLOAD, name.filename, plan, unit=unit.pk, rows=len(rows))
    return attachment(body, name)


@login_required
def import_measures(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    """GET: the upload form. POST: check the whole file; save all of it, or nothing and every fault."""
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    # Leaders read only: refused before anything is read from the upload.
    require(
        may_edit_unit_work(request.user, unit.pk),
        _("Only the unit's staff and the coordinator import its measures."),
    )
    context = {
        "plan": plan,
        "unit": unit,
        "columns": bulk.COLUMNS,
        "max_rows": bulk.MAX_ROWS,
    }
    if request.method != "POST":
        return render(request, "taskbooks/bulk_import.html", context)
    upload = request.FILES.get("file")
    try:
        data, filename = read_uploaded(upload)
        summary = bulk.import_file(request.user, plan, unit, data, filename)
    except bulk.ImportFailed as failed:
        context |= {"filename": upload.name if upload else ""} | failed.shown()
        return render(request, "taskbooks/bulk_result.html", context, status=400)
    except ActionError as exc:
        context["error"] = exc.message
        return render(request, "taskbooks/bulk_import.html", context, status=400)
    context |= {
        "filename": filename,
        "summary": summary,
        "change_requests": [_change_row(c) for c in summary.change_requests[:SHOWN]],
    }
    return render(request, "taskbooks/bulk_result.html", context)


def _change_row(change: ChangeRequest) -> dict[str, Any]:
    """A change request as the summary shows it: the measure, the field's label, old and new values."""

    def shown(value: Any) -> str:
        if isinstance(value, dict):  # a contact, stored as {"id": ..., "name": ...}
            return str(value.get("name", ""))
        return "" if value is None else str(value)

    return {
        "measure_id": change.measure_id,
        "measure_title": change.measure.title if change.measure else "",
        "label": change.field_label,
        "old": shown(change.old_value),
        "new": shown(change.new_value),
        "reason": change.reason,
    }
