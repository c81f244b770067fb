from django.contrib import admin

from taskbook.audit.admin_mixin import ReadOnlyAdmin
from taskbook.documents.models import GeneratedDocument


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["plan", "cycle", "format", "language", "status", "progress", "attempts", "requested_at"]
    list_filter = ["status", "format", "language"]
    list_select_related = ["plan", "cycle"]
