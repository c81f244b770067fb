"""What a user may do, read from their memberships. Loaded once per request."""

from dataclasses import dataclass, field

# A module reference, not names: orgs.models imports the querysets, which read roles.
from taskbook.orgs import models
from taskbook.orgs.actors import System, Viewer


@dataclass(frozen=True)
class Roles:
    coordinator: bool = False
    leader: bool = False
    admin_of: frozenset[int] = field(default_factory=frozenset)
    staff_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def units(self) -> frozenset[int]:
        return self.admin_of | self.staff_of

    @property
    def is_member(self) -> bool:
        return self.coordinator or self.leader or bool(self.units)

    @property
    def reads_everything(self) -> bool:
        """The coordinating office and leaders follow every unit's work."""
        return self.coordinator or self.leader


# taskbook itself (jobs, imports, the demo) acts with the coordinator's reach.
SYSTEM_ROLES = Roles(coordinator=True)


def roles_of(user: Viewer | None) -> Roles:
    if isinstance(user, System):
        return SYSTEM_ROLES
    if user is None or not user.is_authenticated:
        return Roles()
    cached: Roles | None = getattr(user, "_taskbook_roles", None)
    if cached is not None:
        return cached
    rows = list(models.Membership.objects.filter(user_id=user.pk).values_list("unit_id", "role"))
    roles = Roles(
        coordinator=bool(getattr(user, "is_superuser", False))
        or any(r == models.Role.COORDINATOR for _, r in rows),
        leader=any(r == models.Role.LEADER for _, r in rows),
        admin_of=frozenset(u for u, r in rows if r == models.Role.UNIT_ADMIN),
        staff_of=frozenset(u for u, r in rows if r == models.Role.UNIT_STAFF),
    )
    user._taskbook_roles = roles  # type: ignore[attr-defined]  # read once per request
    return roles
