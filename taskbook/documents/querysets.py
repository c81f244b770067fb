"""Who may have generated documents: the progress report holds every unit's reports."""

from __future__ import annotations

from typing import Any, Self

from django.apps import apps
from django.db import models

from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_have_progress_documents


class GeneratedDocumentQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Viewer) -> Self:
        if not may_have_progress_documents(user):
            return self.none()
        plans = apps.get_model("plans", "Plan").objects.visible_to(user)
        return self.filter(plan__in=plans.values("pk"))
