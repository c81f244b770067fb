"""The home page and the error pages: 400, 403, 404 and 500 in the product's layout and the reader's
language, with a way back, and nothing of the fault itself (no exception text, no path)."""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from taskbook.accounts import actions as accounts_actions

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    return redirect("plans:list")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language buttons: Django's view (the cookie, and back to `next`, the page's address in
    the chosen language), and for a signed-in person their stored choice too, so that their e-mail
    and chat messages and their next sign-in on another browser follow the same language."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        accounts_actions.set_language(request.user, request.user, language)
    return response


def _error_page(request: HttpRequest, status: int, heading: str, explanation: str) -> HttpResponse:
    context = {"status": status, "heading": heading, "explanation": explanation}
    return HttpResponse(render_to_string("web/error_page.html", context, request), status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(
        request, 400, _("Bad request"), _("taskbook could not read this request. Go back and try again.")
    )


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(
        request,
        403,
        _("Not allowed"),
        _("Your role does not allow this. The coordinating office can tell you who may do it."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token, or from a page too old: sign in again or reload the form."""
    return _error_page(
        request,
        403,
        _("The form has expired"),
        _("The page that sent this form is too old or came from elsewhere. Reload it and send it again."),
    )


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("There is no such page, or it is not yours to see. Check the address, or start again from home."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The page of an unexpected fault. It needs the database for the layout's menu; when the fault is
    the database, a plain page without it."""
    try:
        return _error_page(
            request,
            500,
            _("Something went wrong"),
            _(
                "taskbook could not finish this request. Nothing you sent was half saved; try again in a "
                "moment, and tell the coordinating office if it keeps happening."
            ),
        )
    except Exception:
        logger.exception("the error page itself failed; serving the plain one")
        return HttpResponse(render_to_string("web/500_plain.html"), status=500)
