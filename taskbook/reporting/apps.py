from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "taskbook.reporting"
    verbose_name = _("Progress reporting")

    def ready(self) -> None:
        # Report due dates join the timetables and calendar feeds.
        from taskbook.reporting import deadlines  # noqa: F401
