"""The audit table is append-only on PostgreSQL (audit/migrations/0002_append_only.py): the
application's own database role can neither change nor remove an event."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actions import create_unit
from taskbook.orgs.actors import SYSTEM

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")


@pytest.fixture
def event(db) -> AuditEvent:
    create_unit(SYSTEM, name_en="Municipal Port Office", name_zh="市口岸办")
    return AuditEvent.objects.latest("id")


def test_an_update_through_the_orm_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="nothing happened")
    event.object_repr = "someone else"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "Municipal Port Office"


def test_a_delete_and_a_truncate_are_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts checked first
        cursor.execute("SET LOCAL taskbook.audit_truncate = ''")  # as taskbook's own sessions are
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_a_user_keeps_their_events_under_their_name(db):
    from taskbook.orgs.actions import add_membership
    from taskbook.orgs.models import Role

    user = get_user_model().objects.create_user("ada", password="pw-ada-0123")
    unit = create_unit(SYSTEM, name_en="Municipal Port Office", name_zh="市口岸办")
    add_membership(SYSTEM, user, unit, Role.COORDINATOR)
    create_unit(user, name_en="Ada's unit", name_zh="艾达单位")
    event = AuditEvent.objects.latest("id")
    assert event.actor_id == user.pk
    user.delete()
    event.refresh_from_db()
    assert event.actor_id is None and event.actor_name == "ada"
