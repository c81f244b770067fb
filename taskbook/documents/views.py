"""Implementation progress reports as documents: a plan's cycles with a form to generate each as PDF,
Word or Excel, the documents made so far, a document's status while it is built, and its download.

Thin views: the plan through `plan_for`, documents through `access.document_for` (both 404 for what the user
may not see), the rule in `permissions.may_have_progress_documents` (403 for units), the write in
`request_document`. Nothing here builds a progress report: the worker does. Task books and the
responsibility matrix are made at once. Every download goes out through `downloads.attachment`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from taskbook.audit.actions import record_download
from taskbook.audit.events import Event
from taskbook.documents.access import document_for, require_document_reader
from taskbook.documents.actions import request_document
from taskbook.documents.models import DocumentStatus, GeneratedDocument
from taskbook.documents.progress_report.names import progress_download
from taskbook.documents.responsibility.names import matrix_download
from taskbook.documents.responsibility.xlsx import render_matrix_xlsx
from taskbook.documents.task_book.content import build_taskbook_document
from taskbook.documents.task_book.docx import render_taskbook_docx
from taskbook.documents.task_book.names import taskbook_download
from taskbook.documents.task_book.pdf import render_taskbook_pdf
from taskbook.errors import ActionError
from taskbook.plans.access import plan_for
from taskbook.plans.models import Plan
from taskbook.plans.responsibility import build_matrix, chosen_units
from taskbook.reporting.models import CycleStatus, ReportingCycle, ReportStatus
from taskbook.taskbooks.access import plan_and_unit_for
from taskbook.web.downloads import DownloadName, attachment
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

DOCUMENTS_PER_PAGE = 20


@require_GET
@login_required
def plan_documents(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    require_document_reader(request.user)
    # A plan has at most a dozen cycles a year of its period: the list is bounded by the plan itself.
    cycles = list(
        ReportingCycle.objects.filter(plan=plan)
        .exclude(status=CycleStatus.SCHEDULED)
        .annotate(
            reports_total=Count("reports", distinct=True),
            reports_accepted=Count("reports", filter=Q(reports__status=ReportStatus.ACCEPTED), distinct=True),
        )
        .order_by("-period_start")
    )
    documents = paginate(
        request,
        GeneratedDocument.objects.filter(plan=plan)
        .select_related("cycle", "requested_by")
        .order_by("-requested_at", "-id"),
        per_page=DOCUMENTS_PER_PAGE,
    )
    return render(
        request,
        "documents/document_plan.html",
        {"plan": plan, "cycles": cycles, "page": documents, "formats": GeneratedDocument.Format.choices},
    )


@require_POST
@login_required
def generate(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    require_document_reader(request.user)
    cycle_id = request.POST.get("cycle", "")
    cycle = ReportingCycle.objects.filter(plan=plan, pk=int(cycle_id)).first() if cycle_id.isdigit() else None
    if cycle is None:
        raise ActionError(_("Choose one of the plan's reporting cycles."))
    document = request_document(
        request.user, plan, cycle, request.POST.get("format", ""), get_language() or "en"
    )
    return redirect("documents:detail", document.pk)


@require_GET
@login_required
def detail(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    document = document_for(request.user, document_id)
    return render(request, "documents/document_detail.html", {"document": document})


@never_cache  # polled while the document is built: every answer must be fresh
@require_GET
@login_required
def status(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    document = document_for(request.user, document_id)
    return render(request, "documents/document_status.html", {"document": document})


@never_cache  # it holds every unit's reports: no shared cache keeps a copy
@require_GET
@login_required
def download(request: AuthenticatedHttpRequest, document_id: int) -> FileResponse:
    document = document_for(request.user, document_id)
    if document.status != DocumentStatus.DONE or not document.file:
        raise Http404(_("The document is not ready."))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The document's file is missing.")) from exc
    name = progress_download(document)
    record_download(request.user, Event.DOCUMENT_DOWNLOAD, name.filename, document)
    return attachment(handle, name)


# -- task books and the responsibility matrix, made at once ---------------------------------


def _download(
    request: AuthenticatedHttpRequest, content: bytes, name: DownloadName, plan: Plan, **details: object
) -> HttpResponse:
    """A document made at once, downloaded and audited (which plan, which units)."""
    record_download(request.user, Event.DOCUMENT_DOWNLOAD, name.filename, plan, **details)
    return attachment(content, name)


@never_cache  # it holds names and phone numbers: no shared cache keeps a copy
@login_required
def taskbook_pdf(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    doc = build_taskbook_document(plan, unit)
    return _download(request, render_taskbook_pdf(doc), taskbook_download(doc, "pdf"), plan, unit=unit.pk)


@never_cache
@login_required
def taskbook_docx(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    doc = build_taskbook_document(plan, unit)
    return _download(request, render_taskbook_docx(doc), taskbook_download(doc, "docx"), plan, unit=unit.pk)


@never_cache
@login_required
def responsibility_xlsx(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    units = chosen_units(request.GET.getlist("unit"))
    matrix = build_matrix(request.user, plan, unit_ids=units)
    return _download(request, render_matrix_xlsx(matrix), matrix_download(matrix), plan, units=units or None)
