"""People in the HTTP API, read only: whom the reader sees (`querysets.people_visible_to`: the office
and leaders everyone, a unit's members the people of their units) and their roles. Like the pages'
own rule for the API, e-mail addresses and phone numbers are left out."""

from typing import Any

from django.db.models import Prefetch
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from taskbook.accounts.access import person_for
from taskbook.accounts.querysets import people_visible_to
from taskbook.api.filters import narrow
from taskbook.orgs.models import Membership, Role

router = Router(tags=["people"])


class UnitRef(Schema):
    id: int
    name: str


class RoleOut(Schema):
    unit: UnitRef
    role: Role
    role_label: str


class PersonOut(Schema):
    id: int
    username: str
    name: str
    active: bool
    roles: list[RoleOut]

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())

    @staticmethod
    def resolve_active(obj: Any) -> bool:
        return bool(obj.is_active)

    @staticmethod
    def resolve_roles(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "unit": {"id": m.unit_id, "name": m.unit.display_name},
                "role": m.role,
                "role_label": str(m.get_role_display()),
            }
            for m in obj.visible_memberships
        ]


class PeopleFilters(Schema):
    unit: int | None = None
    role: Role | None = None
    active: bool | None = None


def _with_roles(request: Any) -> Prefetch:
    """The person's roles that the reader may see (`Membership.objects.visible_to`)."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.visible_to(request.user)
        .select_related("unit")
        .order_by("unit_id", "role"),
        to_attr="visible_memberships",
    )


@router.get("/people/", response=list[PersonOut])
@paginate
def list_people(request: Any, filters: Query[PeopleFilters]) -> Any:
    people = narrow(
        people_visible_to(request.user),
        request.user,
        filters,
        {"unit": "memberships__unit", "role": "memberships__role", "active": "is_active"},
    )
    return people.distinct().prefetch_related(_with_roles(request)).order_by("first_name", "username", "pk")


@router.get("/people/{user_id}", response=PersonOut)
def get_person(request: Any, user_id: int) -> Any:
    person = person_for(request.user, user_id)
    person.visible_memberships = list(  # type: ignore[attr-defined]  # as the list's prefetch names it
        Membership.objects.visible_to(request.user).filter(user=person).select_related("unit")
    )
    return person
