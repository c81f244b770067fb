from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "taskbook.reports"
    verbose_name = _("Progress reporting")

    def ready(self) -> None:
        # Report due dates join the timetables and calendar feeds.
        from taskbook.reports import deadlines  # noqa: F401
