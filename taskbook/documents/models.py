"""Generated documents, built in the background and kept for download."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.documents.querysets import GeneratedDocumentQuerySet
from taskbook.plans.models import Plan
from taskbook.reporting.models import ReportingCycle


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being generated")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class GeneratedDocument(models.Model):
    """An implementation progress report file, built in the background."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="documents")
    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="documents"
    )
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="documents/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # A build's claim and its pulse: each start counts an attempt; while it runs the worker writes the
    # heartbeat every few seconds, so a row that is "running" with an old heartbeat lost its worker.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=200, blank=True, help_text=_("host:process id"))
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.plan} {self.cycle} {self.format}"

    def is_stale(self, now: datetime.datetime) -> bool:
        """Running, with no heartbeat for DOCUMENT_STALE_SECONDS: its worker is gone (the rule of
        `GeneratedDocumentQuerySet.stale`)."""
        limit = now - datetime.timedelta(seconds=settings.DOCUMENT_STALE_SECONDS)
        return self.status == DocumentStatus.RUNNING and (
            self.heartbeat_at is None or self.heartbeat_at < limit
        )
