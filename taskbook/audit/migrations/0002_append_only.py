"""The audit table is append-only on PostgreSQL: a trigger refuses UPDATE, DELETE and TRUNCATE for
every role the application connects as (MLPS 2.0 level 3: audit records protected from deletion and
change), whatever code runs.

Two things are let through, both keeping every recorded fact:
- deleting a user sets the actor of their events to NULL (on_delete=SET_NULL); the event keeps the
  name in actor_name, and nothing else of the row may change in that UPDATE;
- TRUNCATE when the session sets `taskbook.audit_truncate = 'allow'`: the test suite's flush between
  transactional tests does, taskbook itself never.

SQLite gets no trigger: Django flushes SQLite tables with DELETE, and an embedded database file is
anyone's who can read it anyway.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
       AND to_jsonb(NEW) - 'actor_id' = to_jsonb(OLD) - 'actor_id' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'TRUNCATE' AND current_setting('taskbook.audit_truncate', true) = 'allow' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""
TRIGGERS = """
CREATE TRIGGER audit_append_only_rows BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_append_only_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_append_only_rows ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_append_only();
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)
        schema_editor.execute(TRIGGERS, params=None)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    # After every migration that rewrites audit rows (a model moved between apps relabels its events,
    # taskbook/migrating.py), so an old database upgrades before its audit rows are locked.
    dependencies = [
        ("audit", "0001_initial"),
        ("documents", "0001_initial"),
        ("notifications", "0001_initial"),
        ("reporting", "0001_initial"),
        ("targets", "0001_initial"),
        ("timetables", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
