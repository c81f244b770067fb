"""Exports: a unit's task book as PDF and DOCX, and the plan's responsibility matrix as a page and XLSX.

Thin views: access through the access helpers and `visible_to`, data from the builders, bytes from
the renderers. Nothing here writes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from taskbook.errors import ActionError
from taskbook.exports.docx import render_taskbook_docx
from taskbook.exports.matrix import build_matrix, matrix_columns, matrix_tasks
from taskbook.exports.pdf import render_taskbook_pdf
from taskbook.exports.taskbook_document import build_taskbook_document
from taskbook.exports.xlsx import render_matrix_xlsx
from taskbook.plans.access import plan_for
from taskbook.taskbooks.access import plan_and_unit_for
from taskbook.web.pagination import paginate

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of the matrix page; 35 unit columns by 100 tasks is still one comfortable screen to scroll.
MATRIX_PAGE_SIZE = 100


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@never_cache  # it holds names and phone numbers: no shared cache keeps a copy
@login_required
def taskbook_pdf(request: HttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    doc = build_taskbook_document(plan, unit)
    return _attachment(render_taskbook_pdf(doc), "application/pdf", doc.filename("pdf"))


@never_cache
@login_required
def taskbook_docx(request: HttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    doc = build_taskbook_document(plan, unit)
    return _attachment(render_taskbook_docx(doc), DOCX, doc.filename("docx"))


def _unit_filter(request: HttpRequest) -> list[int]:
    """The units chosen with ?unit=…; an empty value means all units."""
    chosen = []
    for value in request.GET.getlist("unit"):
        if not value.strip():
            continue
        try:
            chosen.append(int(value))
        except ValueError as exc:
            raise ActionError(
                _("“%(value)s” is not a unit: choose one from the list.") % {"value": value}
            ) from exc
    return chosen


@login_required
def responsibility(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    unit_ids = _unit_filter(request)
    page = paginate(request, matrix_tasks(plan, unit_ids), per_page=MATRIX_PAGE_SIZE)
    matrix = build_matrix(request.user, plan, tasks=page.object_list, unit_ids=unit_ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "exports/responsibility.html",
        {
            "plan": plan,
            "matrix": matrix,
            "page": page,
            "all_units": matrix_columns(request.user, plan) if unit_ids else matrix.columns,
            "chosen": unit_ids,
            "filter_query": query.urlencode(),
        },
    )


@never_cache
@login_required
def responsibility_xlsx(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    matrix = build_matrix(request.user, plan, unit_ids=_unit_filter(request))
    return _attachment(render_matrix_xlsx(matrix), XLSX, f"responsibility-{plan.pk}.xlsx")
