from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskbooksConfig(AppConfig):
    name = "taskbook.taskbooks"
    verbose_name = _("Task books")

    def ready(self) -> None:
        # Milestones and measure due dates join the timetables and calendar feeds.
        from taskbook.taskbooks import deadlines  # noqa: F401
