"""People's actions: who may do what (a unit admin only its unit's staff), and the audit events."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied

from taskbook.accounts import actions
from taskbook.accounts.models import Profile
from taskbook.accounts.querysets import people_managed_by
from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.actions import remove_membership
from taskbook.orgs.models import Membership, Role
from taskbook.orgs.permissions import may_manage_person


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def new_staff(actor, unit, email="nina@example.gov.cn", **extra):
    return actions.create_user(actor, name="Nina Li", email=email, unit=unit, role=Role.UNIT_STAFF, **extra)


def test_the_coordinator_creates_a_unit_admin_with_profile_role_and_audit(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = actions.create_user(
            people.alice,
            name="Wang Fang",
            email="Wang.Fang@Example.gov.cn",
            phone="0755-1234",
            unit=people.tech,
            role=Role.UNIT_ADMIN,
            language="zh-hans",
        )
    assert user.username == user.email == "wang.fang@example.gov.cn"
    assert not user.has_usable_password()
    assert user.profile.phone == "0755-1234" and user.profile.language == "zh-hans"
    assert user.profile.invited_by == people.alice and user.profile.invited_at
    assert Membership.objects.filter(user=user, unit=people.tech, role=Role.UNIT_ADMIN).exists()
    assert [e.actor for e in events("user.create")] == [people.alice]
    assert events("user.create")[0].after["role"] == Role.UNIT_ADMIN
    assert events("membership.add")[-1].object_id == str(user.memberships.get().pk)
    assert [e.object_id for e in events("user.invite")] == [str(user.pk)]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wang.fang@example.gov.cn"]


def test_a_unit_admin_adds_staff_to_its_own_unit(people):
    user = new_staff(people.carl, people.commerce)
    assert user.memberships.get().unit == people.commerce
    assert events("user.create")[0].actor == people.carl


@pytest.mark.parametrize("role", [Role.UNIT_ADMIN, Role.COORDINATOR, Role.LEADER])
def test_a_unit_admin_cannot_create_admins_leaders_or_coordinators(people, role):
    with pytest.raises(PermissionDenied):
        actions.create_user(people.carl, name="X", email="x@example.gov.cn", unit=people.commerce, role=role)
    assert not User.objects.filter(username="x@example.gov.cn").exists()  # nothing half saved
    assert not events("user.create")


def test_a_unit_admin_cannot_add_people_to_another_unit(people):
    with pytest.raises(PermissionDenied):
        new_staff(people.carl, people.port)
    assert not User.objects.filter(email="nina@example.gov.cn").exists()


@pytest.mark.parametrize("who", ["sam", "lena", "olga"])
def test_staff_leaders_and_people_without_a_role_add_no_one(people, who):
    with pytest.raises(PermissionDenied):
        new_staff(getattr(people, who), people.commerce)


def test_a_unit_admin_manages_its_staff_only(people):
    assert may_manage_person(people.carl, people.sam)
    for other in [
        people.tina,
        people.pete,
        people.paula,
        people.alice,
        people.lena,
        people.carl,
        people.olga,
    ]:
        assert not may_manage_person(people.carl, other), other
        with pytest.raises(PermissionDenied):
            actions.deactivate_user(people.carl, other)
    # The queryset and the predicate are the same rule.
    everyone = User.objects.all()
    assert set(people_managed_by(people.carl)) == {u for u in everyone if may_manage_person(people.carl, u)}
    assert set(people_managed_by(people.paula)) == {u for u in everyone if may_manage_person(people.paula, u)}
    assert set(people_managed_by(people.alice)) == set(everyone)


def test_staff_with_a_role_elsewhere_is_not_the_unit_admins(people):
    actions.grant_role(people.alice, people.sam, people.port, Role.UNIT_STAFF)
    assert not may_manage_person(people.carl, people.sam)
    with pytest.raises(PermissionDenied):
        actions.deactivate_user(people.carl, people.sam)


def test_deactivate_and_reactivate_are_audited(people):
    actions.deactivate_user(people.carl, people.sam)
    people.sam.refresh_from_db()
    assert not people.sam.is_active
    actions.reactivate_user(people.carl, people.sam)
    people.sam.refresh_from_db()
    assert people.sam.is_active
    assert [e.after for e in events("user.deactivate")] == [{"active": False}]
    assert [e.after for e in events("user.reactivate")] == [{"active": True}]


def test_no_one_deactivates_themselves(people):
    with pytest.raises(ActionError):
        actions.deactivate_user(people.alice, people.alice)


def test_roles_given_and_taken_are_audited_and_bounded(people):
    actions.grant_role(people.alice, people.olga, people.tech, Role.LEADER)
    membership = Membership.objects.get(user=people.olga, role=Role.LEADER)
    assert events("membership.add")[-1].object_id == str(membership.pk)
    remove_membership(people.alice, membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert events("membership.remove")[-1].before["role"] == Role.LEADER
    # A unit admin gives the staff role of its unit only, and takes only that.
    with pytest.raises(PermissionDenied):
        actions.grant_role(people.carl, people.sam, people.commerce, Role.UNIT_ADMIN)
    with pytest.raises(PermissionDenied):
        actions.grant_role(people.carl, people.pete, people.commerce, Role.UNIT_STAFF)
    with pytest.raises(PermissionDenied):
        remove_membership(people.carl, Membership.objects.get(user=people.carl))
    with pytest.raises(PermissionDenied):
        remove_membership(people.carl, Membership.objects.get(user=people.pete))
    remove_membership(people.carl, Membership.objects.get(user=people.sam))
    assert not people.sam.memberships.exists()


def test_the_last_coordinator_keeps_the_role(people):
    with pytest.raises(ActionError):
        remove_membership(people.alice, Membership.objects.get(user=people.alice))
    actions.grant_role(people.alice, people.lena, people.office, Role.COORDINATOR)
    remove_membership(people.alice, Membership.objects.get(user=people.alice))


@pytest.mark.parametrize(
    "change,field",
    [
        ({"email": "not an address"}, "email"),
        ({"email": "sam\x00@example.gov.cn"}, "email"),
        ({"name": ""}, "name"),
        ({"name": "x" * 151}, "name"),
        ({"phone": "1" * 41}, "phone"),
        ({"language": "fr"}, "language"),
    ],
)
def test_bad_input_is_refused_with_its_field_and_saves_nothing(people, change, field):
    values = {"name": "Nina", "email": "nina@example.gov.cn", "phone": "", "language": ""} | change
    with pytest.raises(ActionError) as refused:
        actions.create_user(people.alice, unit=people.commerce, role=Role.UNIT_STAFF, **values)
    assert refused.value.field == field
    assert User.objects.count() == 8 and not events("user.create")


def test_an_address_is_taken_once_whatever_its_case(people):
    new_staff(people.alice, people.commerce)
    with pytest.raises(ActionError, match="already"):
        new_staff(people.alice, people.commerce, email="NINA@example.gov.cn")


def test_people_change_their_own_name_and_language_only(people):
    actions.update_user(people.sam, people.sam, name="Sam Zhang", language="zh-hans")
    people.sam.refresh_from_db()
    assert people.sam.first_name == "Sam Zhang" and Profile.objects.get(user=people.sam).language == "zh-hans"
    assert events("user.update")[-1].after["name"] == "Sam Zhang"
    with pytest.raises(PermissionDenied):
        actions.update_user(people.sam, people.tina, name="Tina X")


def test_a_password_is_checked_and_its_setting_audited(people):
    with pytest.raises(ActionError) as refused:
        actions.set_password(people.sam, people.sam, "123")
    assert refused.value.field == "password"
    actions.set_password(people.sam, people.sam, "a-Long-enough-passphrase-42")
    people.sam.refresh_from_db()
    assert people.sam.check_password("a-Long-enough-passphrase-42")
    assert events("user.password_set")[-1].actor == people.sam
    with pytest.raises(PermissionDenied):
        actions.set_password(people.alice, people.sam, "another-Long-passphrase-43")


def test_an_inactive_person_is_not_invited(people):
    actions.deactivate_user(people.alice, people.sam)
    with pytest.raises(ActionError):
        actions.invite_user(people.alice, people.sam)
