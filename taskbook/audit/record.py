"""The one function that writes an AuditEvent. Actions call it inside their transaction."""

from contextvars import ContextVar
from typing import Any

from django.db import models

from taskbook.audit.models import AuditEvent

# The client address of the request being served, set by web.middleware; a context
# variable so that threads and async requests never see each other's address.
current_address: ContextVar[str | None] = ContextVar("current_address", default=None)


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, as JSON-safe values."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = field.value_from_object(obj)
        if value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        out[field.attname if field.is_relation else field.name] = value
    return out


def record(
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.get_username() if user else str(actor or "system"),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        address=current_address.get(),
    )
