"""Models that moved to another app keep their rows.

When an area became an app of its own (reporting, targets, notifications, documents, timetables),
its models moved with their tables. The new app's first migration declares the models in the
migration state and then runs `adopt_tables`: where the old table exists (every database made
before the move) it is renamed to the new app's name, so rows, ids, foreign keys pointing at it
and sequences all stay as they were; where it does not (a new database) the table is created.
The content types and the audit log's object types follow the models to their new app, so
permissions and each object's history still find them.
"""

from dataclasses import dataclass
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.recorder import MigrationRecorder


@dataclass(frozen=True)
class Moved:
    """A model of `app_label` that was `old_app`'s, in the table `old_app`_`model`."""

    model: str  # the model name in lower case, as content types store it
    old_app: str

    @property
    def old_table(self) -> str:
        return f"{self.old_app}_{self.model}"


def adopt_tables(app_label: str, moved: list[Moved]) -> migrations.RunPython:
    """Rename each moved model's old table, or create the table on a database that never had it.
    `moved` lists the models in the order their tables can be created (referenced ones first)."""

    def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        tables = set(schema_editor.connection.introspection.table_names())
        for item in moved:
            model = apps.get_model(app_label, item.model)
            if item.old_table in tables:
                schema_editor.alter_db_table(model, item.old_table, model._meta.db_table)
                _relabel(apps, item, app_label)
            elif model._meta.db_table not in tables:
                schema_editor.create_model(model)

    return migrations.RunPython(forwards, elidable=False)


def _relabel(apps: Any, item: Moved, app_label: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    old = content_type.objects.filter(app_label=item.old_app, model=item.model)
    if content_type.objects.filter(app_label=app_label, model=item.model).exists():
        old.delete()
    else:
        old.update(app_label=app_label)
    audit_event = apps.get_model("audit", "AuditEvent")
    audit_event.objects.filter(object_type=f"{item.old_app}.{item.model}").update(
        object_type=f"{app_label}.{item.model}"
    )


def forget_app(label: str) -> migrations.RunPython:
    """Drop the migration records of an app that no longer exists, once its tables have moved."""

    def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        MigrationRecorder(schema_editor.connection).migration_qs.filter(app=label).delete()

    return migrations.RunPython(forwards, elidable=False)
