from typing import Any

from django.contrib import admin
from django.db import models

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot

# The words a secret field's value is replaced with in an event: the event says that it changed,
# never what it holds (a password's hash stays out of the audit log).
SECRET_KEPT = "(unchanged)"
SECRET_CHANGED = "(changed)"


def _related_names(obj: models.Model) -> dict[str, list[str]]:
    """The many-to-many values of a saved object (a user's groups and permissions...), by name."""
    if obj.pk is None:
        return {}
    return {
        field.name: sorted(str(related) for related in getattr(obj, field.name).all())
        for field in obj._meta.many_to_many
    }


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits are writes too: each one leaves an audit event with before and after, its
    many-to-many values (groups, permissions) and the rows of its inlines included."""

    # Fields whose values the audit log must not hold; it says only whether they changed.
    audit_secret_fields: tuple[str, ...] = ()

    def audit_state(self, obj: models.Model) -> dict[str, Any]:
        return {**snapshot(obj), **_related_names(obj)}

    def _hide_secrets(self, before: dict[str, Any] | None, after: dict[str, Any]) -> None:
        for name in self.audit_secret_fields:
            changed = before is None or before.get(name) != after.get(name)
            if before is not None and name in before:
                before[name] = SECRET_KEPT
            if name in after:
                after[name] = SECRET_CHANGED if changed else SECRET_KEPT

    def save_model(self, request, obj, form, change) -> None:
        # The admin object serves every request: the values before the change travel on the request.
        existing = type(obj)._default_manager.filter(pk=obj.pk).first() if change and obj.pk else None
        request._taskbook_audit_before = self.audit_state(existing) if existing is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        # Many-to-many values and inlines are saved after the object itself: the event is recorded
        # once they are, so that it shows them as they ended up.
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(request, "_taskbook_audit_before", None)
        after = self.audit_state(obj)
        self._hide_secrets(before, after)
        record(
            request.user, Event.ADMIN_CHANGE if change else Event.ADMIN_ADD, obj, before=before, after=after
        )

    def save_formset(self, request, form, formset, change) -> None:
        for doomed in formset.deleted_forms:
            if doomed.instance.pk is not None:
                record(request.user, Event.ADMIN_DELETE, doomed.instance, before=snapshot(doomed.instance))
        initial = {f.instance.pk: f.initial for f in formset.initial_forms if f.instance.pk is not None}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, Event.ADMIN_ADD, obj, after=snapshot(obj))
        for obj, fields in formset.changed_objects:
            was = initial.get(obj.pk, {})
            before = {name: _plain(was.get(name)) for name in fields}
            after = {name: _plain(getattr(obj, name, None)) for name in fields}
            record(request.user, Event.ADMIN_CHANGE, obj, before=before, after=after)

    def deleted_state(self, obj: models.Model) -> dict[str, Any]:
        state = self.audit_state(obj)
        for name in self.audit_secret_fields:
            if name in state:
                state[name] = SECRET_KEPT
        return state

    def delete_model(self, request, obj) -> None:
        record(request.user, Event.ADMIN_DELETE, obj, before=self.deleted_state(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            record(request.user, Event.ADMIN_DELETE, obj, before=self.deleted_state(obj))
        super().delete_queryset(request, queryset)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(getattr(value, "pk", value))


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through their workflow (reports, task books, notifications...):
    the admin shows them to whoever supports the installation, and every change goes through the
    pages and their actions, which check the transition, the role and write the audit event."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
