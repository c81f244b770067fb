"""Who may read units, their names and their people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

# A module reference: orgs.roles reads memberships from orgs.models, which imports these querysets.
from taskbook.orgs import roles
from taskbook.orgs.actors import Viewer
from taskbook.visibility import VisibleWith

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.orgs.models import Membership, Unit, UnitAlias  # noqa: F401


class UnitQuerySet(models.QuerySet["Unit"]):
    def visible_to(self, user: Viewer) -> Self:
        """Every signed-in member sees the unit directory; it names public bodies."""
        if not user.is_authenticated and not roles.roles_of(user).is_member:
            return self.none()
        return self

    def editable_by(self, user: Viewer) -> Self:
        """The active units whose work the user may change (`permissions.may_edit_unit_work`): the
        user's own; every unit for the coordinator."""
        user_roles = roles.roles_of(user)
        units = self.filter(active=True)
        return units if user_roles.coordinator else units.filter(pk__in=user_roles.units)


class UnitAliasQuerySet(VisibleWith["UnitAlias"]):
    parent_field, parent_model = "unit", "orgs.Unit"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def visible_to(self, user: Viewer) -> Self:
        """The office and leaders see everyone's roles; others their own and their units' people."""
        user_roles = roles.roles_of(user)
        if user_roles.reads_everything:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(user_id=user.pk) | Q(unit__in=user_roles.units))
