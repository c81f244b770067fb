"""Who acts: a signed-in user, or taskbook itself. Every action takes an `Actor`; reads take a
`Viewer`, which may also be an anonymous visitor (who sees nothing but public pages)."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User


class System:
    """taskbook itself acting: scheduled jobs, imports from the command line, the demo. It may do
    what any role may, and the audit log names it (`name`) where a user's name would stand."""

    is_authenticated = False
    pk = None

    def __init__(self, name: str = "system") -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"System({self.name!r})"


SYSTEM = System()

type Actor = User | System
type Viewer = AbstractBaseUser | AnonymousUser | System


def is_system(actor: Viewer) -> bool:
    return isinstance(actor, System)


def user_of(actor: Actor) -> User | None:
    """The user behind an action, for "by" and "requested by" fields; None when taskbook acted."""
    return None if isinstance(actor, System) else actor
