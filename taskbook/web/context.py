from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from taskbook.orgs.roles import roles_of
from taskbook.uploads import max_upload_mb


def navigation(request: HttpRequest) -> dict:
    """What every page may show: the reader's roles, the way back, and the upload limit that every
    upload form's hint names (here, so that a page rendered again after an error still has its
    number)."""
    return {
        "roles": roles_of(getattr(request, "user", None)),
        "back_url": back_url(request),
        "upload_max_mb": max_upload_mb(),
    }


def back_url(request: HttpRequest) -> str:
    """The page the reader came from when it is one of ours, else the home page: a "back" link that
    needs no script (the Content-Security-Policy refuses `javascript:` links)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 page of a request for a host we do not serve
        return reverse("home")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return reverse("home")
