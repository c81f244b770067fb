"""Who may have generated documents: the progress report holds every unit's reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.apps import apps
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
