"""`taskbook createcoordinator`: the first coordinator of a new installation, or a person made one.

The password is asked twice on the terminal, or read from an environment variable named by
`--password-from-env` (for scripts: never on the command line, where `ps` and shell history show it).
Bad input (an address, a password the validators refuse, a missing variable) exits with status 2.
"""

import getpass
import os
import sys

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from taskbook.accounts.actions import create_coordinator
from taskbook.errors import ActionError
from taskbook.orgs.actors import System

OFFICE = "Office of the Leading Group"


class Command(BaseCommand):
    help = "Creates the first coordinator (or makes an existing person one) and sets their password."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--email", required=True, help="E-mail address, also the user name.")
        parser.add_argument(
            "--name", default="", help="Full name (default: the part of the address before @)."
        )
        parser.add_argument(
            "--office", default=OFFICE, help=f"The coordinating unit, made if missing (default: {OFFICE!r})."
        )
        parser.add_argument(
            "--password-from-env", metavar="VAR", help="Read the password from this environment variable."
        )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        password = self._password(options["password_from_env"])
        email = options["email"].strip()
        try:
            user = create_coordinator(
                System("createcoordinator"),
                email=email,
                name=options["name"] or email.split("@")[0],
                password=password,
                office=options["office"],
            )
        except (ActionError, PermissionDenied) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(
            f"{user.get_username()} is a coordinator of “{options['office']}”; sign in with that name."
        )

    def _password(self, variable: str | None) -> str:
        if variable:
            value = os.environ.get(variable)
            if not value:
                raise CommandError(f"the environment variable {variable} is not set or empty", returncode=2)
            return value
        if not sys.stdin.isatty():
            raise CommandError(
                "no terminal to ask the password on: use --password-from-env VAR", returncode=2
            )
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the two passwords differ", returncode=2)
        return first
