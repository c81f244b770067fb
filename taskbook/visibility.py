"""The read rule shared by the models that belong to another: a row is visible when the row it
belongs to is. Each app's querysets build on it; the rule of the row they belong to stays in its
own app's `visible_to`."""

from __future__ import annotations

from typing import ClassVar, Self

from django.apps import apps
from django.db import models

from taskbook.orgs.actors import Viewer


class VisibleWith[M: models.Model](models.QuerySet[M]):
    """Rows visible exactly when the row of `parent_model` that `parent_field` points to is."""

    parent_field: ClassVar[str]
    parent_model: ClassVar[str]  # "app_label.Model"

    def visible_to(self, user: Viewer) -> Self:
        parent = apps.get_model(self.parent_model)
        return self.filter(**{f"{self.parent_field}__in": parent.objects.visible_to(user).values("pk")})
