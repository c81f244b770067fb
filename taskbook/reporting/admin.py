from django.contrib import admin

from taskbook.audit.admin_mixin import ReadOnlyAdmin
from taskbook.reporting.models import Assessment, ProgressReport, ReportingCalendar, ReportingCycle


@admin.register(ReportingCalendar)
class ReportingCalendarAdmin(ReadOnlyAdmin):
    list_display = ["plan", "frequency", "due_working_days", "active"]


@admin.register(ReportingCycle)
class ReportingCycleAdmin(ReadOnlyAdmin):
    list_display = ["plan", "label", "opens_on", "due_on", "status"]
    list_filter = ["status", "plan"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "task", "unit", "status", "percent", "first_submitted_at"]
    list_filter = ["status", "cycle__plan"]
    search_fields = ["task__number", "task__title", "unit__name_en", "unit__name_zh", "narrative"]
    list_select_related = ["cycle", "task", "unit"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["task", "cycle", "rating", "assessed_by", "assessed_at"]
    list_filter = ["rating"]
    list_select_related = ["task", "cycle", "assessed_by"]
