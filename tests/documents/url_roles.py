"""The implementation progress report's pages as every role sees them. Statuses in the order of ROLES
(tests/web/test_urls_by_role.py): six roles, then people of a unit with no task of the plan. The
document holds every unit's reports: units get 403; a member of nothing does not see the plan at all
(404)."""

from django.urls import reverse

from taskbook.documents.actions import request_document
from taskbook.documents.jobs import build_document
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import open_cycle, set_calendar
from taskbook.reporting.models import ReportingCycle

L = 302  # sent to sign in
A = 401  # the API answers a visitor without a session
READERS = (A, 404, 403, 403, 200, 200, 403, 403)

EXPECTED = {
    "documents:plan": ("GET", (L, 404, 403, 403, 200, 200, 403, 403)),
    # Posted with no data: refused with its reason (400) for those who may ask.
    "documents:generate": ("POST", (L, 404, 403, 403, 400, 400, 403, 403)),
    "documents:detail": ("GET", (L, 404, 403, 403, 200, 200, 403, 403)),
    "documents:status": ("GET", (L, 404, 403, 403, 200, 200, 403, 403)),
    "documents:download": ("GET", (L, 404, 403, 403, 200, 200, 403, 403)),
    # Made at once: a unit's task book (Commerce's here) and the responsibility matrix.
    "documents:taskbook_pdf": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "documents:taskbook_docx": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "documents:responsibility_xlsx": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "api:list_documents": ("GET", READERS),
    "api:get_document": ("GET", READERS),
}


def paths(ctx) -> dict[str, str]:
    plan = ctx.plan
    set_calendar(SYSTEM, plan, frequency="quarterly")
    cycle = ReportingCycle.objects.filter(plan=plan).order_by("period_start").first()
    open_cycle(SYSTEM, cycle)
    cycle.refresh_from_db()
    document = request_document(SYSTEM, plan, cycle, "xlsx", "en")  # the quickest to build
    build_document.call(document.pk)
    return {
        "documents:plan": reverse("documents:plan", args=[plan.pk]),
        "documents:generate": reverse("documents:generate", args=[plan.pk]),
        "documents:detail": reverse("documents:detail", args=[document.pk]),
        "documents:status": reverse("documents:status", args=[document.pk]),
        "documents:download": reverse("documents:download", args=[document.pk]),
        "documents:taskbook_pdf": reverse("documents:taskbook_pdf", args=[plan.pk, ctx.people.commerce.pk]),
        "documents:taskbook_docx": reverse("documents:taskbook_docx", args=[plan.pk, ctx.people.commerce.pk]),
        "documents:responsibility_xlsx": reverse("documents:responsibility_xlsx", args=[plan.pk]),
        "api:list_documents": reverse("api:list_documents") + f"?plan={plan.pk}",
        "api:get_document": reverse("api:get_document", kwargs={"document_id": document.pk}),
    }
