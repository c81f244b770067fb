"""Notifications sent or failed before attempts were counted were tried once; none is tried again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("notifications", "0001_initial")]
AFTER = [("notifications", "0002_attempts_and_versions")]


@pytest.fixture
def latest_after():
    """Back to the newest migrations afterwards: the tests that follow use this database."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_past_notifications_count_their_attempt(latest_after):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("notifications", "Notification")
    when = datetime.datetime(2024, 4, 10, 1, 0, tzinfo=datetime.UTC)
    common = {"channel": "email", "kind": "reminder", "subject": "s", "body": "b"}
    old.objects.create(key="sent", address="a@example.org", sent_at=when, **common)
    old.objects.create(key="failed", address="a@example.org", error="could not connect", **common)
    old.objects.create(key="nobody", address="", error="tina has no e-mail address.", **common)
    old.objects.create(key="waiting", address="a@example.org", **common)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("notifications", "Notification")
    rows = {n.key: n for n in new.objects.all()}
    assert {key: n.attempts for key, n in rows.items()} == {"sent": 1, "failed": 1, "nobody": 0, "waiting": 0}
    assert rows["sent"].last_attempt_at == when
    assert all(n.next_attempt_at is None for n in rows.values())  # nothing is sent again
