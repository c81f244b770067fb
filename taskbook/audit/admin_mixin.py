from django.contrib import admin

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits are writes too: each one leaves an audit event with before and after."""

    def save_model(self, request, obj, form, change) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        record(
            request.user,
            Event.ADMIN_CHANGE if change else Event.ADMIN_ADD,
            obj,
            before=before,
            after=snapshot(obj),
        )

    def delete_model(self, request, obj) -> None:
        record(request.user, Event.ADMIN_DELETE, obj, before=snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            record(request.user, Event.ADMIN_DELETE, obj, before=snapshot(obj))
        super().delete_queryset(request, queryset)


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
