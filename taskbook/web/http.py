"""Requests as views see them behind `login_required`: the user is a signed-in `User`."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]  # narrowed: login_required has let only users through
