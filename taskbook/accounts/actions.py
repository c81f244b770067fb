"""Every change to people: accounts, invitations, activity, details, language, passwords. Roles are
memberships (`orgs.actions.add_membership`, `remove_membership`), given here with the person.

Each runs in a transaction, checks the actor's permission first and records an audit event; an
invitation's e-mail leaves only after the commit."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.accounts import invitations
from taskbook.accounts.models import Language, Profile
from taskbook.audit.events import Event
from taskbook.audit.record import record
from taskbook.errors import ActionError
from taskbook.notifications.models import EVENT_KINDS
from taskbook.orgs.actions import add_membership, create_unit
from taskbook.orgs.actors import Actor, System, user_of
from taskbook.orgs.models import Role, Unit
from taskbook.orgs.permissions import (
    is_coordinator,
    may_grant_role,
    may_manage_people,
    may_manage_person,
    require,
)
from taskbook.values import text_value

NAME_MAX = 150  # Django's first_name: the whole name is kept there, as Chinese names are not split
PHONE_MAX = 40


def _text(value: str, field: str, limit: int, label: str, *, required: bool = False) -> str:
    return text_value(
        value,
        field,
        limit,
        label,
        required=_("%(label)s is required.") % {"label": label} if required else "",
    )


def _email(value: str) -> str:
    email = _text(value, "email", 150, _("E-mail address"), required=True).lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ActionError(
            _("“%(email)s” is not an e-mail address.") % {"email": email}, field="email"
        ) from exc
    return email


def _language(value: str) -> str:
    if value and value not in Language.values:
        raise ActionError(_("Unknown language: %(language)s") % {"language": value}, field="language")
    return value


def _profile(user: User) -> Profile:
    """The user's profile, made for a user from before accounts; the instance `user.profile` holds,
    so that the caller's user shows the change."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        user.profile = Profile.objects.create(user=user)
        return user.profile


def _state(user: User, profile: Profile) -> dict[str, object]:
    return {
        "name": user.first_name,
        "email": user.email,
        "phone": profile.phone,
        "language": profile.language,
        "active": user.is_active,
    }


@transaction.atomic
def create_user(
    actor: Actor,
    *,
    name: str,
    email: str,
    unit: Unit,
    role: str,
    phone: str = "",
    language: str = "",
    invite: bool = True,
) -> User:
    """A new person with a role in a unit. Their user name is their e-mail address; they have no
    password until they open their invitation (`invite`, sent after the commit)."""
    require(may_manage_people(actor), _("Only the coordinator and unit admins add people."))
    if role not in Role.values:
        raise ActionError(_("Unknown role: %(role)s") % {"role": role}, field="role")
    name = _text(name, "name", NAME_MAX, _("Name"), required=True)
    email = _email(email)
    phone = _text(phone, "phone", PHONE_MAX, _("Phone"))
    language = _language(language)
    if (
        User.objects.filter(username__iexact=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise ActionError(_("Someone already has the address %(email)s.") % {"email": email}, field="email")
    user = User(username=email, email=email, first_name=name)
    user.set_unusable_password()
    user.save()
    profile = Profile.objects.create(user=user, phone=phone, language=language)
    add_membership(actor, user, unit, role)
    record(actor, Event.USER_CREATE, user, after=_state(user, profile) | {"unit": unit.pk, "role": role})
    if invite:
        invite_user(actor, user)
    return user


@transaction.atomic
def invite_user(actor: Actor, user: User) -> User:
    """(Again) send the person the link that sets their password; a link sent before still works
    until the password is set."""
    require(may_manage_person(actor, user), _("You may invite only your own unit's staff."))
    if not user.is_active:
        raise ActionError(_("Reactivate this person before inviting them."))
    if not user.email:
        raise ActionError(_("This person has no e-mail address to send the invitation to."), field="email")
    profile = _profile(user)
    profile.invited_at = timezone.now()
    profile.invited_by = user_of(actor)
    profile.save(update_fields=["invited_at", "invited_by"])
    record(actor, Event.USER_INVITE, user, after={"email": user.email})
    inviter = str(actor) if isinstance(actor, System) else (actor.get_full_name() or actor.get_username())
    transaction.on_commit(lambda: invitations.send_invitation(user, inviter))
    return user


@transaction.atomic
def update_user(
    actor: Actor, user: User, *, name: str, phone: str | None = None, language: str | None = None
) -> User:
    """A person's name, phone and language: changed by themselves or by whoever manages them."""
    require(
        (actor == user) or may_manage_person(actor, user),
        _("You may change your own details and those of the people you manage."),
    )
    profile = _profile(user)
    before = _state(user, profile)
    user.first_name = _text(name, "name", NAME_MAX, _("Name"), required=True)
    if phone is not None:
        profile.phone = _text(phone, "phone", PHONE_MAX, _("Phone"))
    if language is not None:
        profile.language = _language(language)
    after = _state(user, profile)
    if after != before:
        user.save(update_fields=["first_name"])
        profile.save(update_fields=["phone", "language"])
        record(actor, Event.USER_UPDATE, user, before=before, after=after)
    return user


@transaction.atomic
def set_language(actor: Actor, user: User, language: str) -> Profile:
    """The language of the person's e-mail and chat messages (and, by the view, of their pages)."""
    require(actor == user or may_manage_person(actor, user), _("You may choose only your own language."))
    profile = _profile(user)
    before = profile.language
    profile.language = _language(language)
    if profile.language != before:
        profile.save(update_fields=["language"])
        record(actor, Event.USER_LANGUAGE, user, before={"language": before}, after={"language": language})
    return profile


@transaction.atomic
def set_email_preferences(actor: Actor, user: User, kinds: list[str]) -> Profile:
    """Which kinds of workflow notification e-mail the person (`kinds`); the rest reach only their
    inbox. Only the person chooses."""
    require(actor == user, _("You may choose only your own e-mail notifications."))
    unknown = set(kinds) - set(EVENT_KINDS)
    if unknown:
        raise ActionError(
            _("Unknown kind of notification: %(kind)s") % {"kind": sorted(unknown)[0]}, field="email"
        )
    profile = _profile(user)
    before = list(profile.email_off)
    profile.email_off = [kind for kind in EVENT_KINDS if kind not in kinds]
    if profile.email_off != before:
        profile.save(update_fields=["email_off"])
        record(
            actor,
            Event.USER_EMAIL_PREFERENCES,
            user,
            before={"email_off": before},
            after={"email_off": profile.email_off},
        )
    return profile


@transaction.atomic
def deactivate_user(actor: Actor, user: User) -> User:
    """The person can no longer sign in (their open sessions end at their next request); their
    records and roles stay, so reactivating gives everything back."""
    require(may_manage_person(actor, user), _("You may deactivate only your own unit's staff."))
    if actor == user:
        raise ActionError(_("You cannot deactivate yourself."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(actor, Event.USER_DEACTIVATE, user, before={"active": True}, after={"active": False})
    return user


@transaction.atomic
def reactivate_user(actor: Actor, user: User) -> User:
    require(may_manage_person(actor, user), _("You may reactivate only your own unit's staff."))
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(actor, Event.USER_REACTIVATE, user, before={"active": False}, after={"active": True})
    return user


@transaction.atomic
def grant_role(actor: Actor, user: User, unit: Unit, role: str) -> None:
    """A role in a unit for an existing person (`orgs.actions.add_membership` checks who may)."""
    require(
        may_grant_role(actor, user, unit.pk, role), _("You may give only the staff role of your own unit.")
    )
    add_membership(actor, user, unit, role)


@transaction.atomic
def set_password(actor: Actor, user: User, password: str) -> User:
    """A password chosen by the person: from an invitation or a reset link (actor: the user
    themselves), on their account page, or by the command line (SYSTEM). Checked against
    AUTH_PASSWORD_VALIDATORS."""
    require(actor == user or isinstance(actor, System), _("Only the person themselves sets their password."))
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ActionError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor, Event.USER_PASSWORD_SET, user)
    return user


@transaction.atomic
def create_coordinator(actor: Actor, *, email: str, name: str, password: str, office: str) -> User:
    """The first coordinator of a new installation (or a person made coordinator): from the command
    line, so only taskbook itself or a coordinator may. `office` names the coordinating unit, made
    if no unit has that name."""
    require(is_coordinator(actor), _("Only the coordinator may make a coordinator."))
    office = _text(office, "office", 200, _("Office"), required=True)
    unit = Unit.objects.filter(name_en=office).first() or Unit.objects.filter(name_zh=office).first()
    if unit is None:
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in office)
        unit = create_unit(actor, **({"name_zh": office} if chinese else {"name_en": office}))
    address = _email(email)
    user = (
        User.objects.filter(username__iexact=address).first()
        or User.objects.filter(email__iexact=address).first()
    )
    if user is None:
        user = create_user(actor, name=name, email=address, unit=unit, role=Role.COORDINATOR, invite=False)
    else:
        if not user.is_active:
            reactivate_user(actor, user)
        add_membership(actor, user, unit, Role.COORDINATOR)
    set_password(actor, user, password)
    return user


@transaction.atomic
def ensure_profile(actor: Actor, user: User, *, language: str = "") -> Profile:
    """The profile of a user made before accounts existed (the demo's, the admin's)."""
    require(
        is_coordinator(actor) or actor == user, _("Only the coordinator sets up other people's profiles.")
    )
    return Profile.objects.get_or_create(user=user, defaults={"language": _language(language)})[0]
