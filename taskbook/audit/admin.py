from django.contrib import admin

from taskbook.audit.admin_mixin import ReadOnlyAdmin
from taskbook.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: an audit trail that can be edited is no audit trail."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "address"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_name", "object_id"]
    date_hierarchy = "at"
