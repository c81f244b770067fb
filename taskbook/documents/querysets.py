"""Who may have generated documents (the progress report holds every unit's reports), and which builds
lost their worker."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.conf import settings
from django.db import models

from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_have_progress_documents

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.documents.models import GeneratedDocument  # noqa: F401


class GeneratedDocumentQuerySet(models.QuerySet["GeneratedDocument"]):
    def visible_to(self, user: Viewer) -> Self:
        if not may_have_progress_documents(user):
            return self.none()
        plans = apps.get_model("plans", "Plan").objects.visible_to(user)
        return self.filter(plan__in=plans.values("pk"))

    def stale(self, now: datetime.datetime) -> Self:
        """Running, with no heartbeat for DOCUMENT_STALE_SECONDS (`GeneratedDocument.is_stale`'s rule)."""
        limit = now - datetime.timedelta(seconds=settings.DOCUMENT_STALE_SECONDS)
        running = self.filter(status="running")
        return running.filter(models.Q(heartbeat_at__isnull=True) | models.Q(heartbeat_at__lt=limit))
