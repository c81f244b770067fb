"""The HTTP API's root. Each app contributes a router; the schema is at /api/openapi.json.

One style for every resource: a list at `/api/<things>/`, narrowed by query parameters (`?plan=`,
`?status=`...), paged by `?limit=` and `?offset=`; one record at `/api/<things>/{id}`. docs/api.md
describes them.
"""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from taskbook.api.errors import add_handlers

# The docs page (Swagger UI from django-ninja's own static files, no CDN) and the schema are for
# signed-in users only: the API's shape is no business of the public.
api = NinjaAPI(
    title="taskbook", version="1", auth=django_auth, urls_namespace="api", docs_decorator=login_required
)
add_handlers(api)


def _add_routers() -> None:
    from taskbook.accounts.api import router as accounts_router
    from taskbook.audit.api import router as audit_router
    from taskbook.dashboards.api import router as dashboards_router
    from taskbook.documents.api import router as documents_router
    from taskbook.notifications.api import router as notifications_router
    from taskbook.orgs.api import router as orgs_router
    from taskbook.plans.api import router as plans_router
    from taskbook.reporting.api import router as reporting_router
    from taskbook.targets.api import router as targets_router
    from taskbook.taskbooks.api import router as taskbooks_router
    from taskbook.timetables.api import router as timetables_router

    api.add_router("/plans", plans_router)
    api.add_router("/units", orgs_router)
    api.add_router("", reporting_router)  # /cycles/, /reports/, /assessments/
    api.add_router("", targets_router)  # /targets/
    api.add_router("", taskbooks_router)  # /measures/, /taskbooks/, /change-requests/
    api.add_router("", timetables_router)  # /deadlines/
    api.add_router("", notifications_router)  # /notifications/
    api.add_router("", documents_router)  # /documents/
    api.add_router("", dashboards_router)  # /league/
    api.add_router("", audit_router)  # /audit/
    api.add_router("", accounts_router)  # /people/


_add_routers()
