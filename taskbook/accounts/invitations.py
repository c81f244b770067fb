"""Invitation links and the e-mail that carries them.

An invitation's link sets the person's password. It is signed like Django's password reset link, so
nothing is stored: it names the user and the time it was made, and its signature covers the user's
password hash, last sign-in and active flag. Setting the password (or signing in, or being
deactivated) therefore spends it; it also expires after INVITATION_DAYS.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from taskbook.accounts.models import language_of
from taskbook.notifications.delivery import site_url


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    # Another salt than the password reset's: a reset link is not an invitation, nor the reverse.
    key_salt = "taskbook.accounts.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:  # type: ignore[override]
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        """As Django's, with the invitation's own lifetime instead of the password reset's."""
        if not (user and token) or "-" not in token:
            return False
        try:
            made = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - made > settings.INVITATION_DAYS * 86400:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, made, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokenGenerator()


def invitation_path(user: User) -> str:
    """The link's path, in the active language."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:accept", kwargs={"uidb64": uid, "token": invitation_tokens.make_token(user)})


def send_invitation(user: User, inviter: str) -> None:
    """Mail the invitation to the user, in their language. Called after the commit that recorded it."""
    with translation.override(language_of(user)):
        context = {
            "user": user,
            "inviter": inviter,
            "link": site_url() + invitation_path(user),
            "site": site_url(),
            "days": settings.INVITATION_DAYS,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
