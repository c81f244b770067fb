"""Finding 8: creating a user or making it superuser in the Django admin left no audit event. Now the
user and group pages of the admin record each change, groups, permissions and roles (inlines)
included, and never the password's hash."""

import pytest
from django.contrib.auth.models import Group, User

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actions import create_unit
from taskbook.orgs.actors import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = User.objects.create_superuser("root", password="Root-pass-2024")
    client.force_login(user)
    return user


def change_form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_creating_a_user_in_the_admin_is_audited(client, root):
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newbie",
            "usable_password": "true",
            "password1": "Newbie-pass-2024",
            "password2": "Newbie-pass-2024",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newbie = User.objects.get(username="newbie")
    event = AuditEvent.objects.get(action="admin.add", object_type="auth.user")
    assert (event.actor, event.object_id) == (root, str(newbie.pk))
    assert event.after["password"] == "(changed)"
    assert "Newbie" not in str(event.after) and newbie.password not in str(event.after)


def test_making_a_user_superuser_with_groups_and_a_role_is_audited(client, root, ann):
    group = Group.objects.create(name="Helpdesk")
    unit = create_unit(SYSTEM, name_en="Municipal Bureau of Commerce", name_zh="市商务局")
    response = client.post(
        f"/admin/auth/user/{ann.pk}/change/",
        change_form(
            ann,
            is_superuser="on",
            is_staff="on",
            groups=str(group.pk),
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-0-unit": str(unit.pk),
                "memberships-0-role": "unit_admin",
                "memberships-0-user": str(ann.pk),
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = AuditEvent.objects.get(action="admin.change", object_type="auth.user")
    assert change.actor == root
    assert (change.before["is_superuser"], change.after["is_superuser"]) == (False, True)
    assert (change.before["is_staff"], change.after["is_staff"]) == (False, True)
    assert (change.before["groups"], change.after["groups"]) == ([], ["Helpdesk"])
    assert change.before["password"] == change.after["password"] == "(unchanged)"
    role = AuditEvent.objects.get(action="admin.add", object_type="orgs.membership")
    assert role.actor == root and role.after["role"] == "unit_admin"


def test_changing_a_group_is_audited(client, root):
    group = Group.objects.create(name="Helpdesk")
    response = client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Service desk"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.change", object_type="auth.group")
    assert (event.before["name"], event.after["name"]) == ("Helpdesk", "Service desk")


def test_deleting_a_user_in_the_admin_is_audited_without_the_hash(client, root, ann):
    response = client.post(f"/admin/auth/user/{ann.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.delete", object_type="auth.user")
    assert event.before["username"] == "ann" and event.before["password"] == "(unchanged)"
