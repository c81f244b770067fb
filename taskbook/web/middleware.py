from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from taskbook.accounts.signin.clients import client_address
from taskbook.audit.record import current_address
from taskbook.errors import ActionError
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
