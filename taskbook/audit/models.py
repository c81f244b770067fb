from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.audit.events import label_of
from taskbook.audit.querysets import AuditEventQuerySet


class AuditEvent(models.Model):
    """Who changed what, when, with the values before and after. Never edited or deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        """The event in the reader's words (audit/events.py)."""
        return label_of(self.action)

    def changes(self, limit: int = 4) -> list[tuple[str, str, str]]:
        """(field, before, after) for each value that differs, short enough to read in a table."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}

        def short(value: object) -> str:
            text = "" if value is None else str(value)
            return text if len(text) <= 60 else text[:57] + "…"

        keys = dict.fromkeys([*before, *after])
        rows = [(k, short(before.get(k)), short(after.get(k))) for k in keys if before.get(k) != after.get(k)]
        return rows[:limit]
