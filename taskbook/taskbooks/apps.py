from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskbooksConfig(AppConfig):
    name = "taskbook.taskbooks"
    verbose_name = _("Task books")
