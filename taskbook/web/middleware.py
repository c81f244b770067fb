from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from taskbook.accounts.signin.clients import client_address
from taskbook.audit.record import current_address
from taskbook.errors import ActionError
from taskbook.values import CONTROL
from taskbook.versions import ConflictError
from taskbook.web.conflicts import conflict_page


class AuditAddressMiddleware:
    """Lets audit events record the client address without threading the request through actions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            current_address.reset(token)


class ActionErrorMiddleware:
    """An ActionError that a view did not handle itself becomes a 400 page with its message (a
    ConflictError the 409 page with both versions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ConflictError):
            return conflict_page(request, exception)
        if isinstance(exception, ActionError):
            return render(request, "web/error.html", {"message": exception.message}, status=400)
        if isinstance(exception, PermissionDenied):
            return render(
                request, "web/error.html", {"message": str(exception) or None, "forbidden": True}, status=403
            )
        return None


# taskbook uses none of these browser features: a page (or anything injected into one) may use none.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response, and `Cache-Control: no-store` on every response to a
    signed-in user (pages, files, the API): a draft plan, evidence or an export must not stay in a
    shared proxy's or the browser's cache for the next person at the same desk. Placed after the
    authentication middleware, which says who is signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


def control_character_fault(request: HttpRequest) -> str | None:
    """The message for the first control character in the request's path, query or form, else None.
    (Django's upload parser already drops control characters from the names of uploaded files.)"""
    match = CONTROL.search(request.path)
    if match:
        return _("The address holds a control character (U+%(code)04X); remove it.") % {
            "code": ord(match.group())
        }
    parts: list[QueryDict] = [request.GET]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        parts.append(request.POST)
    for part in parts:
        for key, values in part.lists():
            for text in [key, *values]:
                match = CONTROL.search(text)
                if match:
                    return _(
                        "“%(field)s” holds a control character (U+%(code)04X) that text cannot hold; "
                        "remove it and try again."
                    ) % {"field": CONTROL.sub("\ufffd", key), "code": ord(match.group())}
    return None


class ControlCharacterMiddleware:
    """A control character in a query or form field is refused with a 400 before any view runs, on every
    page and in the API (as JSON there), so no view, search or export meets one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        message = control_character_fault(request)
        if message is None:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "field": None}, status=400)
        return render(request, "web/error.html", {"message": message}, status=400)
