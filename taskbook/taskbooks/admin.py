from django.contrib import admin

from taskbook.audit.admin_mixin import ReadOnlyAdmin
from taskbook.taskbooks.models import ChangeRequest, Contact, Measure, TaskBook


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["name", "position", "unit", "phone", "email"]
    search_fields = ["name", "position", "unit__name_en", "unit__name_zh"]
    list_select_related = ["unit"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ["title", "task", "unit", "year", "start_date", "due_date", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "unit__name_en", "unit__name_zh", "task__number"]
    list_select_related = ["task", "unit"]


@admin.register(TaskBook)
class TaskBookAdmin(ReadOnlyAdmin):
    list_display = ["unit", "plan", "status", "version", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["unit", "plan"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["field", "measure", "target", "status", "requested_at", "decided_at"]
    list_filter = ["status", "field"]
