from django.db import models


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user) -> "UnitQuerySet":
        """Every signed-in member sees the unit directory; it names public bodies."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self
