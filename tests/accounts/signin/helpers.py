"""Signing in through the real sign-in page, from a given address."""

from django.urls import reverse

from taskbook.audit.models import AuditEvent

PASSWORD = "Right-pass-2024"


def sign_in(client, username: str, password: str = PASSWORD, address: str = "127.0.0.1", **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def fail(client, username: str, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address)
        assert response.status_code in (200, 429)


def actions(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).order_by("at", "id").values_list("action", flat=True))
