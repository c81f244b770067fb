"""The password rules beyond Django's own validators: three kinds of character (MLPS level 3 asks for
complexity, not only length), and an optional maximum age after which the user must change it.

The age counts from the last `password.set` audit event of the user, which `PasswordAgeValidator`
records whenever a password is saved, by whatever page, command or admin form set it; a user with no
such event (made before these rules) counts from the day they joined.
"""

import datetime
import string

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taskbook.accounts.signin.audit import last_password_set, record_password_set

# The four kinds of character a password is made of; anything that is not a letter or a digit
# (punctuation, a space, a Chinese character) counts as a symbol.
CLASSES = ("lowercase", "uppercase", "digit", "symbol")


def character_classes(password: str) -> set[str]:
    found = set()
    for char in password:
        if char in string.ascii_lowercase:
            found.add("lowercase")
        elif char in string.ascii_uppercase:
            found.add("uppercase")
        elif char.isdigit():
            found.add("digit")
        else:
            found.add("symbol")
    return found


class ComplexityValidator:
    """A password mixes at least `min_classes` of: lower-case letters, capitals, digits, symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        if not 1 <= min_classes <= len(CLASSES):
            raise ValueError("min_classes is between 1 and 4")
        self.min_classes = min_classes

    def validate(self, password: str, user: AbstractBaseUser | None = None) -> None:
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(count)d kind of character: lower-case letters, "
            "capital letters, digits and symbols.",
            "Your password must mix at least %(count)d kinds of character: lower-case letters, "
            "capital letters, digits and symbols.",
            self.min_classes,
        ) % {"count": self.min_classes}


class PasswordAgeValidator:
    """Refuses nothing: it notes the moment a password is set (Django calls `password_changed` on
    every validator when a user with a new password is saved), so that its age can be known."""

    def validate(self, password: str, user: AbstractBaseUser | None = None) -> None:
        return None

    def password_changed(self, password: str, user: AbstractBaseUser | None = None) -> None:
        if isinstance(user, User) and user.pk is not None:
            record_password_set(user)

    def get_help_text(self) -> str:
        days = settings.PASSWORD_MAX_AGE_DAYS
        if not days:
            return ""
        return ngettext(
            "You will be asked to change it after %(days)d day.",
            "You will be asked to change it after %(days)d days.",
            days,
        ) % {"days": days}


def password_set_at(user: User) -> datetime.datetime:
    return last_password_set(user) or user.date_joined


def expires_at(user: User) -> datetime.datetime | None:
    """When the user's password becomes too old; None when PASSWORD_MAX_AGE_DAYS is 0 (off)."""
    days: int = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return None
    return password_set_at(user) + datetime.timedelta(days=days)


def password_expired(user: User, now: datetime.datetime | None = None) -> bool:
    expires = expires_at(user)
    return expires is not None and (now or timezone.now()) > expires


def expiry_message() -> str:
    return _("Your password is older than the installation allows. Choose a new one to go on.")
