"""The people pages (coordinator, unit admins), a unit's people, one's own account, and the pages
that set a password from an invitation or a reset link."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taskbook.accounts import actions, bulk
from taskbook.accounts.access import person_for, person_to_manage
from taskbook.accounts.forms import DetailsForm, EmailPreferencesForm, GrantForm, PersonForm, ResetForm
from taskbook.accounts.invitations import invitation_tokens
from taskbook.accounts.models import ROLE_DUTIES, language_of
from taskbook.accounts.querysets import people_listed_for, roles_granted_by, units_granted_by
from taskbook.errors import ActionError
from taskbook.notifications.models import EVENT_KINDS
from taskbook.orgs.access import unit_for
from taskbook.orgs.actions import remove_membership
from taskbook.orgs.models import Membership, Role
from taskbook.orgs.permissions import (
    may_manage_people,
    may_manage_person,
    may_read_unit_people,
    may_revoke_role,
    require,
)
from taskbook.uploads import max_upload_mb, read_uploaded
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.language import remember_language
from taskbook.web.pagination import paginate


def _require_people(request: AuthenticatedHttpRequest) -> None:
    require(may_manage_people(request.user), _("The people pages are for the coordinator and unit admins."))


def _memberships() -> Prefetch:
    return Prefetch(
        "memberships", queryset=Membership.objects.select_related("unit").order_by("unit__name_en")
    )


@login_required
def people_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_people(request)
    people = people_listed_for(request.user).select_related("profile").prefetch_related(_memberships())
    query = request.GET.get("q", "").strip()
    unit, role, active = (
        request.GET.get("unit", ""),
        request.GET.get("role", ""),
        request.GET.get("active", ""),
    )
    if query:
        people = people.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(username__icontains=query)
            | Q(email__icontains=query)
        )
    if unit.isdigit() and len(unit) < 10:  # an id, never beyond the database's integers
        people = people.filter(memberships__unit_id=int(unit))
    if role in Role.values:
        people = people.filter(memberships__role=role)
    if active in ("yes", "no"):
        people = people.filter(is_active=active == "yes")
    people = people.distinct().order_by("first_name", "username", "pk")
    filters = {"q": query, "unit": unit, "role": role, "active": active}
    return render(
        request,
        "accounts/people_list.html",
        {
            "page": paginate(request, people),
            "filters": filters,
            "query": urlencode({k: v for k, v in filters.items() if v}),
            "units": units_granted_by(request.user),
            "role_choices": Role.choices,
        },
    )


@login_required
def person_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_people(request)
    units, roles = units_granted_by(request.user), roles_granted_by(request.user)
    form = PersonForm(request.POST or None, units=units, roles=roles)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                person = actions.create_user(
                    request.user,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    unit=data["unit"],
                    role=data["role"],
                    language=data["language"],
                    invite=data["invite"],
                )
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if data["invite"]:
                    messages.success(
                        request, _("The invitation was sent to %(email)s.") % {"email": person.email}
                    )
                return redirect("accounts:person", user_id=person.pk)
        status = 400
    return render(request, "accounts/person_new.html", {"form": form}, status=status)


@login_required
def person_detail(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = person_for(request.user, user_id)
    manages = may_manage_person(request.user, person)
    if not (manages or person.pk == request.user.pk or may_manage_people(request.user)):
        # A unit's people page shows colleagues; one person's page is for whoever manages people.
        raise PermissionDenied(_("The people pages are for the coordinator and unit admins."))
    memberships = list(person.memberships.select_related("unit").order_by("unit__name_en"))
    profile = getattr(person, "profile", None)
    details = DetailsForm(
        initial={
            "name": person.first_name,
            "phone": profile.phone if profile else "",
            "language": profile.language if profile else "",
        }
    )
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "profile": profile,
            "manages": manages,
            "memberships": [
                (m, ROLE_DUTIES.get(m.role, ""), may_revoke_role(request.user, m)) for m in memberships
            ],
            "details": details,
            "grant": GrantForm(units=units_granted_by(request.user), roles=roles_granted_by(request.user)),
        },
    )


@login_required
@require_POST
def person_edit(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = person_to_manage(request.user, user_id)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        raise ActionError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    actions.update_user(
        request.user,
        person,
        name=form.cleaned_data["name"],
        phone=form.cleaned_data["phone"],
        language=form.cleaned_data["language"],
    )
    messages.success(request, _("Saved."))
    return redirect("accounts:person", user_id=person.pk)


@login_required
@require_POST
def person_invite(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = person_to_manage(request.user, user_id)
    actions.invite_user(request.user, person)
    messages.success(request, _("The invitation was sent to %(email)s.") % {"email": person.email})
    return redirect("accounts:person", user_id=person.pk)


@login_required
@require_POST
def person_deactivate(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = person_to_manage(request.user, user_id)
    actions.deactivate_user(request.user, person)
    messages.success(
        request, _("%(name)s can no longer sign in.") % {"name": person.get_full_name() or person}
    )
    return redirect("accounts:person", user_id=person.pk)


@login_required
@require_POST
def person_reactivate(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = person_to_manage(request.user, user_id)
    actions.reactivate_user(request.user, person)
    messages.success(request, _("%(name)s may sign in again.") % {"name": person.get_full_name() or person})
    return redirect("accounts:person", user_id=person.pk)


@login_required
@require_POST
def person_grant(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = person_for(request.user, user_id)
    _require_people(request)
    form = GrantForm(request.POST, units=units_granted_by(request.user), roles=roles_granted_by(request.user))
    if not form.is_valid():
        raise ActionError(_("Choose a unit and a role you may give."))
    actions.grant_role(request.user, person, form.cleaned_data["unit"], form.cleaned_data["role"])
    messages.success(request, _("Role given."))
    return redirect("accounts:person", user_id=person.pk)


@login_required
@require_POST
def person_revoke(request: AuthenticatedHttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    person = person_for(request.user, user_id)
    membership = get_object_or_404(
        Membership.objects.visible_to(request.user).select_related("user", "unit"),
        pk=membership_id,
        user=person,
    )
    remove_membership(request.user, membership)
    messages.success(request, _("Role taken away."))
    return redirect("accounts:person", user_id=person.pk)


@login_required
def people_bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET: the upload form. POST: check the whole sheet; add and invite everyone, or no one."""
    _require_people(request)
    context: dict[str, Any] = {
        "columns": [(key, what) for key, (what, _names) in bulk.COLUMNS.items()],
        "max_mb": max_upload_mb(),
        "max_rows": bulk.MAX_ROWS,
    }
    if request.method != "POST":
        return render(request, "accounts/people_bulk.html", context)
    upload = request.FILES.get("file")
    try:
        data, filename = read_uploaded(upload)
        imported = bulk.import_people(request.user, data, filename)
    except bulk.ImportFailed as failed:
        context |= {"filename": upload.name if upload else ""} | failed.shown()
        return render(request, "accounts/people_bulk.html", context, status=400)
    except ActionError as exc:
        context["error"] = exc.message
        return render(request, "accounts/people_bulk.html", context, status=400)
    context |= {"filename": filename, "added": imported.users}
    return render(request, "accounts/people_bulk.html", context)


@login_required
def unit_people(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    """A unit's people and what each may do, in words."""
    unit = unit_for(request.user, unit_id)
    require(may_read_unit_people(request.user, unit.pk), _("A unit's people are listed for its own members."))
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__first_name", "user__username")
    )
    page = paginate(request, memberships)
    return render(
        request,
        "accounts/unit_people.html",
        {
            "unit": unit,
            "page": page,
            "rows": [(m, ROLE_DUTIES.get(m.role, "")) for m in page.object_list],
            "manages": may_manage_people(request.user),
        },
    )


@login_required
def my_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One's own name and language, and which notifications e-mail one; the password has its own
    page. Each of the two forms says which it is (`form`)."""
    user = request.user
    profile = getattr(user, "profile", None)
    chosen = getattr(profile, "language", "")
    which = request.POST.get("form", "details") if request.method == "POST" else ""
    form = DetailsForm(
        request.POST if which == "details" else None, initial={"name": user.first_name, "language": chosen}
    )
    form.fields.pop("phone")
    off = set(getattr(profile, "email_off", None) or [])
    email_form = EmailPreferencesForm(
        request.POST if which == "email" else None,
        initial={"email": [k for k in EVENT_KINDS if k not in off]},
    )
    memberships = user.memberships.select_related("unit").order_by("unit__name_en")
    if which == "email" and email_form.is_valid():
        actions.set_email_preferences(user, user, email_form.cleaned_data["email"])
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("accounts:me"))
    if which == "details" and form.is_valid():
        try:
            actions.update_user(
                user, user, name=form.cleaned_data["name"], language=form.cleaned_data["language"]
            )
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            language = language_of(user)
            translation.activate(language)
            messages.success(request, _("Saved."))
            response = HttpResponseRedirect(reverse("accounts:me"))
            # The pages follow the chosen language from now on, as the language buttons do.
            remember_language(response, language)
            return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/my_account.html",
        {
            "form": form,
            "email_form": email_form,
            "memberships": [(m, ROLE_DUTIES.get(m.role, "")) for m in memberships],
        },
        status=status,
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, saving through the action (checked, audited); the session stays signed in."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:me")

    def form_valid(self, form: Any) -> HttpResponse:
        user = self.request.user
        actions.set_password(user, user, form.cleaned_data["new_password1"])  # type: ignore[arg-type]
        update_session_auth_hash(self.request, user)  # type: ignore[arg-type]
        messages.success(self.request, _("Your password was changed."))
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:reset_sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class SetPasswordFromLinkView(auth_views.PasswordResetConfirmView):
    """A reset link's page: Django's (the link's token moves to the session before the form is
    shown), saving through the action."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("login")
    done_message = gettext_lazy("Your password was set. Sign in with it.")

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.user
        actions.set_password(user, user, form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, str(self.done_message))
        return HttpResponseRedirect(self.get_success_url())


class AcceptInvitationView(SetPasswordFromLinkView):
    """An invitation's page: the same, with the invitation's own token (its salt and lifetime)."""

    token_generator = invitation_tokens
    reset_url_token = "choose-password"
    done_message = gettext_lazy("Welcome. Your password was set: sign in with your e-mail address and it.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"invitation": True}
