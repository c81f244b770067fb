from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "taskbook.accounts"
    verbose_name = _("People and accounts")

    def ready(self) -> None:
        # The sign-in rules audit sign-ins, sign-outs, failures and locks through signal receivers,
        # and the Django admin's user and group pages are replaced by audited ones.
        from taskbook.accounts.signin import admin, signals

        signals.connect()
        admin.register()
