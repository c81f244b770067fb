"""Whom a person may see and manage. The people pages, the API and the actions read these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.contrib.auth.models import User
from django.db import models
from django.db.models import Exists, OuterRef, Q

from taskbook.orgs.actors import Viewer
from taskbook.orgs.models import Membership, Role, Unit
from taskbook.orgs.roles import roles_of

if TYPE_CHECKING:  # the model imports these querysets: its name for the type checker only
    from taskbook.accounts.models import Profile  # noqa: F401


def people_visible_to(viewer: Viewer) -> models.QuerySet[User]:
    """The office and leaders see everyone; a unit's members see the people of their units and
    themselves; someone with no role only themselves."""
    roles = roles_of(viewer)
    if roles.reads_everything:
        return User.objects.all()
    if not viewer.is_authenticated:
        return User.objects.none()
    shares_a_unit = Membership.objects.filter(user=OuterRef("pk"), unit__in=roles.units)
    return User.objects.filter(Q(pk=viewer.pk) | Q(Exists(shares_a_unit)))


def people_managed_by(viewer: Viewer) -> models.QuerySet[User]:
    """Whom the viewer may invite, deactivate and give roles (`permissions.may_manage_person`): the
    coordinator everyone; a unit admin the staff of their units who hold no other role anywhere."""
    roles = roles_of(viewer)
    if roles.coordinator:
        return User.objects.all()
    if not roles.admin_of:
        return User.objects.none()
    staff_here = Membership.objects.filter(user=OuterRef("pk"), unit__in=roles.admin_of, role=Role.UNIT_STAFF)
    anything_else = Membership.objects.filter(user=OuterRef("pk")).exclude(
        unit__in=roles.admin_of, role=Role.UNIT_STAFF
    )
    return User.objects.filter(Exists(staff_here), ~Exists(anything_else), is_superuser=False).exclude(
        Q(pk=viewer.pk)
    )


class ProfileQuerySet(models.QuerySet["Profile"]):
    def visible_to(self, user: Viewer) -> Self:
        return self.filter(user__in=people_visible_to(user).values("pk"))


def people_listed_for(viewer: Viewer) -> models.QuerySet[User]:
    """The people list: the coordinator everyone; a unit admin the people of the units they admin."""
    roles = roles_of(viewer)
    if roles.coordinator:
        return User.objects.all()
    in_their_units = Membership.objects.filter(user=OuterRef("pk"), unit__in=roles.admin_of)
    return User.objects.filter(Exists(in_their_units))


def units_granted_by(viewer: Viewer) -> models.QuerySet[Unit]:
    """The units in which the viewer may give roles: every active unit for the coordinator, a unit
    admin's own."""
    roles = roles_of(viewer)
    units = Unit.objects.filter(active=True)
    return units if roles.coordinator else units.filter(pk__in=roles.admin_of)


def roles_granted_by(viewer: Viewer) -> list[tuple[str, str]]:
    """The roles the viewer may give, as form choices (`permissions.may_grant_role`), the least
    powerful first so that it is the one a form offers unless another is chosen."""
    if roles_of(viewer).coordinator:
        return [(value, str(label)) for value, label in reversed(Role.choices)]
    return [(Role.UNIT_STAFF.value, str(Role.UNIT_STAFF.label))]
