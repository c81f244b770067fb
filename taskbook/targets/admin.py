from django.contrib import admin

from taskbook.audit.admin_mixin import AuditedAdmin, ReadOnlyAdmin
from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint


class TrajectoryInline(admin.TabularInline):
    model = TrajectoryPoint
    extra = 0


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ["task", "comparator", "value", "unit_of_measure", "year"]
    list_filter = ["year", "comparator"]
    search_fields = ["text", "metric"]
    list_select_related = ["task"]
    inlines = [TrajectoryInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    """Values are recorded on the target's page; a correction is a new value, which keeps the old one."""

    list_display = ["target", "date", "value", "source", "provisional", "revised", "recorded_by"]
    list_filter = ["provisional", "revised"]
    search_fields = ["source", "target__text"]
    list_select_related = ["target", "recorded_by"]
