"""The 409 page of a save refused because someone else saved the record first (taskbook/versions.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from taskbook.versions import ConflictError


def conflict_page(request: HttpRequest, error: ConflictError) -> HttpResponse:
    """Both versions, and the way back to the page the refused form was on (now showing theirs)."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = ""
    return render(request, "web/conflict.html", {"conflict": error, "back": back}, status=409)
