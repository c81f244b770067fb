from django.contrib import admin

from taskbook.audit.admin_mixin import ReadOnlyAdmin
from taskbook.timetables.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    """The token is the feed's secret: the admin lists feeds without it."""

    list_display = ["unit", "user", "created_by", "created_at", "revoked_at"]
    exclude = ["token"]
