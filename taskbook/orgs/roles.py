"""What a user may do, read from their memberships. Loaded once per request."""

from dataclasses import dataclass, field

from taskbook.orgs.models import Membership, Role


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


def roles_of(user) -> Roles:
    if not getattr(user, "is_authenticated", False):
        return Roles()
    cached = getattr(user, "_taskbook_roles", None)
    if cached is not None:
        return cached
    rows = list(Membership.objects.filter(user=user).values_list("unit_id", "role"))
    roles = Roles(
        coordinator=user.is_superuser or any(r == Role.COORDINATOR for _, r in rows),
        leader=any(r == Role.LEADER for _, r in rows),
        admin_of=frozenset(u for u, r in rows if r == Role.UNIT_ADMIN),
        staff_of=frozenset(u for u, r in rows if r == Role.UNIT_STAFF),
    )
    user._taskbook_roles = roles
    return roles
