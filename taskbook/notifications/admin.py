from django.contrib import admin

from taskbook.audit.admin_mixin import ReadOnlyAdmin
from taskbook.notifications.models import Notification, Webhook


@admin.register(Webhook)
class WebhookAdmin(ReadOnlyAdmin):
    """Managed on the chat groups page, which checks the address; the admin does not show it."""

    list_display = ["name", "kind", "unit", "active", "version"]
    list_filter = ["kind", "active"]
    exclude = ["url"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "recipient",
        "address",
        "sent_at",
        "attempts",
        "next_attempt_at",
        "error",
    ]
    list_filter = ["channel", "kind"]
    search_fields = ["key", "subject", "address"]
    list_select_related = ["recipient"]
