"""The API's answers to bad requests, in the reader's language: `{"detail": "..."}` for a request that is
refused (401, 403, 404, 400), and for parameters that do not parse (422) django-ninja's list of
`{"type", "loc", "msg"}`, with each message a sentence of ours where we know the kind of mistake.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from taskbook.errors import ActionError


def _message(error: dict[str, Any]) -> str:
    """A sentence for one parameter that does not parse; pydantic's own words for a kind we do not know."""
    loc = error.get("loc") or ()
    name = str(loc[-1]) if loc else ""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "value_error":  # a validator of ours: its message is already a sentence for the reader
        return str(ctx.get("error", ""))
    if kind == "missing":
        return _("Give %(name)s.") % {"name": name}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("%(name)s must be a whole number.") % {"name": name}
    if kind in ("bool_parsing", "bool_type"):
        return _("%(name)s must be true or false.") % {"name": name}
    if kind.startswith("date"):
        return _("%(name)s must be a date written YYYY-MM-DD, for example 2024-05-31.") % {"name": name}
    if kind == "greater_than_equal":
        return _("%(name)s must be at least %(bound)s.") % {"name": name, "bound": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("%(name)s must be at most %(bound)s.") % {"name": name, "bound": ctx.get("le")}
    if kind in ("enum", "literal_error"):
        return _("%(name)s must be one of %(choices)s.") % {"name": name, "choices": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("%(name)s must be at most %(bound)s characters long.") % {
            "name": name,
            "bound": ctx.get("max_length"),
        }
    return str(error.get("msg", ""))


def add_handlers(api: NinjaAPI) -> None:
    """Answer each refusal with its reason, translated; never a page of HTML or a 500."""

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{**error, "msg": _message(error)} for error in exc.errors]
        return api.create_response(request, {"detail": errors}, status=422)

    @api.exception_handler(ActionError)
    def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Sign in first: the API answers a signed-in session.")}, status=401
        )

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, {"detail": str(exc) or _("Your role does not allow this.")}, status=403
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # Django's own message names the model ("No Plan matches..."), in English: say less.
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
