"""The HTTP API's root. Each app contributes a router; the schema is at /api/openapi.json."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI
from ninja.security import django_auth

from taskbook.errors import ActionError

api = NinjaAPI(title="taskbook", version="1", auth=django_auth, urls_namespace="api")


@api.exception_handler(ActionError)
def action_error(request, exc: ActionError):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


def _add_routers() -> None:
    from taskbook.orgs.api import router as orgs_router
    from taskbook.plans.api import router as plans_router

    api.add_router("/plans", plans_router)
    api.add_router("/units", orgs_router)


_add_routers()
