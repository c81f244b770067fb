from django.db import models

from taskbook.orgs.roles import roles_of


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanQuerySet":
        """The coordinator sees drafts; every other member sees published and closed plans."""
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if not roles.is_member:
            return self.none()
        return self.exclude(status="draft")


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TaskQuerySet":
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if not roles.is_member:
            return self.none()
        return self.exclude(plan__status="draft")


class PlanImportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanImportQuerySet":
        return self if roles_of(user).coordinator else self.none()
