from django.contrib import admin

from taskbook.accounts.models import Profile
from taskbook.audit.admin_mixin import AuditedAdmin


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin):
    list_display = ["user", "language", "phone", "invited_at"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__first_name", "user__email"]
    readonly_fields = ["invited_at", "invited_by"]
    autocomplete_fields = ["user"]
