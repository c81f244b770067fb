"""The secret addresses of iCalendar feeds of deadlines."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.orgs.models import Unit
from taskbook.timetables.querysets import CalendarFeedQuerySet


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """An unguessable, revocable address of an iCalendar feed of a unit's or a user's deadlines."""

    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True) ^ models.Q(user__isnull=True),
                name="feed_is_for_a_unit_or_a_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.user} feed"
