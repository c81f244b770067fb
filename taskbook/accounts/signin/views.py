"""The lockout page (django-axes answers a locked sign-in with it) and the coordinator's sign-in page:
what is locked now, who is signed in, and the actions that unlock and end sessions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskbook.accounts.models import Profile
from taskbook.accounts.signin import actions, audit, lockout, sessions
from taskbook.orgs.permissions import may_manage_sign_in, require
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.language import path_in_language, remember_language
from taskbook.web.pagination import paginate

# django-axes' answer to a locked sign-in: "429 Too Many Requests".
LOCKED_STATUS = 429


class SignInView(auth_views.LoginView):
    """Django's sign-in page; a person who chose a language gets it on this browser too, from the
    page they are sent on to."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        language = Profile.objects.filter(user=form.get_user()).values_list("language", flat=True).first()
        if language:
            remember_language(response, language)
            # get_success_url gives a path of this site (Django checks it): its address in the language.
            response["Location"] = path_in_language(response["Location"], language)
        return response


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the page a locked sign-in gets, in the product's layout."""
    minutes = int(lockout.cool_off().total_seconds() // 60)
    context = {"limit": lockout.failure_limit(), "minutes": minutes}
    return render(request, "accounts/signin/locked.html", context, status=LOCKED_STATUS)


@login_required
def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(may_manage_sign_in(request.user), _("The sign-in page is the coordinating office's."))
    live = sessions.session_keys_of()
    users = audit.with_last_signin(User.objects.filter(pk__in=live).order_by("username"))
    page = paginate(request, users)
    for user in page.object_list:
        user.session_count = len(live.get(user.pk, []))
    context = {
        "account_locks": lockout.locks("username"),
        "address_locks": lockout.locks("ip_address"),
        "page": page,
        "limit": lockout.failure_limit(),
        "minutes": int(lockout.cool_off().total_seconds() // 60),
    }
    return render(request, "accounts/signin/security.html", context)


@login_required
@require_POST
def unlock_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    username = request.POST.get("username", "")
    actions.unlock_account(request.user, username)
    messages.success(request, _("%(name)s may sign in again.") % {"name": username})
    return redirect("signin:security")


@login_required
@require_POST
def unlock_address(request: AuthenticatedHttpRequest) -> HttpResponse:
    address = request.POST.get("address", "")
    actions.unlock_address(request.user, address)
    messages.success(request, _("Sign-ins from %(address)s may go on.") % {"address": address})
    return redirect("signin:security")


@login_required
@require_POST
def end_sessions(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    require(may_manage_sign_in(request.user), _("Only the coordinating office ends sessions."))
    user = get_object_or_404(User, pk=user_id)
    ended = actions.end_sessions(request.user, user)
    messages.success(
        request,
        _("%(name)s is signed out (%(count)d sessions ended).") % {"name": user.username, "count": ended},
    )
    return redirect("signin:security")
