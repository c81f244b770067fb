from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "taskbook.orgs"
    verbose_name = _("Units and members")
