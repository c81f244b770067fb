from django.contrib import admin

from taskbook.audit.admin_mixin import AuditedAdmin
from taskbook.plans.models import Plan, PlanImport, Section, Task, TaskUnit
from taskbook.targets.models import Target


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "number", "title"]


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ["unit"]


class TargetInline(admin.StackedInline):
    model = Target
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["title", "title_zh", "status", "period_start", "period_end", "language"]
    list_filter = ["status", "language"]
    search_fields = ["title", "title_zh", "issuing_body"]
    readonly_fields = ["source_sha256", "created_at", "updated_at"]
    inlines = [SectionInline]


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["number", "title", "plan", "section"]
    list_filter = ["plan"]
    search_fields = ["number", "title", "body", "task_units__unit__name_en", "task_units__unit__name_zh"]
    list_select_related = ["plan", "section"]
    inlines = [TaskUnitInline, TargetInline]


@admin.register(PlanImport)
class PlanImportAdmin(admin.ModelAdmin):
    list_display = ["source_name", "status", "language", "created_at", "uploaded_by"]
    list_filter = ["status", "language"]
    search_fields = ["source_name", "source_sha256"]
    readonly_fields = ["source_sha256", "draft", "source_text", "created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # reviewed on the review screen, where the workflow is enforced
