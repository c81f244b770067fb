"""Chat-group webhooks and the log of every notification sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.notifications.querysets import NotificationQuerySet, WebhookQuerySet
from taskbook.orgs.models import Unit
from taskbook.reporting.models import ProgressReport
from taskbook.taskbooks.models import ChangeRequest, TaskBook


class Kind(models.TextChoices):
    """What a notification is about. Stored in Notification.kind (a plain field, so new kinds need
    no migration)."""

    REMINDER = "reminder", _("report due soon")
    DUE = "due", _("report due today")
    CONTRIBUTION_REMINDER = "contribution_reminder", _("contribution due soon")
    CONTRIBUTION_DUE = "contribution_due", _("contribution due today")
    ESCALATION_UNIT = "escalation_unit", _("overdue: to the unit admin")
    ESCALATION_COORDINATOR = "escalation_coordinator", _("overdue: to the coordinator")
    TEST = "test", _("test message")
    # Workflow events, told at once to the people who must act next (workflow.py).
    REPORT_SUBMITTED = "report_submitted", _("a report is submitted")
    REPORT_RETURNED = "report_returned", _("a report is returned")
    REPORT_ACCEPTED = "report_accepted", _("a report is accepted")
    REPORT_AMENDED = "report_amended", _("an accepted report is amended")
    TASKBOOK_SUBMITTED = "taskbook_submitted", _("a task book is submitted")
    TASKBOOK_RETURNED = "taskbook_returned", _("a task book is returned")
    TASKBOOK_APPROVED = "taskbook_approved", _("a task book is approved")
    CHANGE_DECIDED = "change_decided", _("a change request is decided")
    REMIND_NOW = "remind_now", _("an urgent reminder from the coordinator")
    DRAFT_READY = "draft_ready", _("a report draft is ready to submit")


# The kinds a person chooses to receive by e-mail on their account page (all, unless they turn one
# off); the daily reminders and escalations always go out.
EVENT_KINDS: tuple[Kind, ...] = (
    Kind.REPORT_SUBMITTED,
    Kind.REPORT_RETURNED,
    Kind.REPORT_ACCEPTED,
    Kind.REPORT_AMENDED,
    Kind.TASKBOOK_SUBMITTED,
    Kind.TASKBOOK_RETURNED,
    Kind.TASKBOOK_APPROVED,
    Kind.CHANGE_DECIDED,
    Kind.REMIND_NOW,
    Kind.DRAFT_READY,
)


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook")
    IN_APP = "in_app", _("inbox")


class Webhook(models.Model):
    """An office chat group's robot (WeCom, DingTalk) or any endpoint that takes a JSON post."""

    class Kind(models.TextChoices):
        WECOM = "wecom", _("WeCom robot")
        DINGTALK = "dingtalk", _("DingTalk robot")
        GENERIC = "generic", _("generic JSON")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.GENERIC)
    url = models.URLField(_("address"), max_length=500)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhooks",
        help_text=_("empty: the coordinator's group"),
    )
    active = models.BooleanField(_("active"), default=True)
    # Raised by every change: a save from a page that showed an older version is refused (409).
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = WebhookQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """A reminder, escalation or workflow event as sent. The key makes a job that runs twice send
    nothing twice. One in the inbox (Channel.IN_APP) is sent when it is recorded and read when
    its recipient opens it (`read_at`).

    Each attempt to send it is counted; a failure that may pass (a refused connection, a timeout, a
    server error) sets `next_attempt_at`, a failure that cannot (or the last attempt) clears it.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    webhook = models.ForeignKey(
        Webhook,
        verbose_name=_("webhook"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    address = models.CharField(_("sent to"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    taskbook = models.ForeignKey(
        TaskBook,
        verbose_name=_("task book"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    change_request = models.ForeignKey(
        ChangeRequest,
        verbose_name=_("change request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)  # the last attempt's
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True, help_text=_("empty: nothing more will be tried")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The top bar's unread count on every page: one index range per person.
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def delivery_state(self) -> str:
        """ "sent", "failed", "retrying" or "pending": the model's side of querysets.DELIVERY_STATES."""
        if self.sent_at is not None:
            return "sent"
        if not self.error:
            return "pending"
        return "failed" if self.next_attempt_at is None else "retrying"
