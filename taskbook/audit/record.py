"""The one function that writes an AuditEvent. Actions call it inside their transaction."""

from contextvars import ContextVar
from typing import Any

from django.db import models

from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import Actor, System

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
    actor: Actor,
    event: Event,
    obj: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `event` to `obj`, with the values before and after. `obj` is None only
    for an event about no one record (the audit log's own export)."""
    user = None if isinstance(actor, System) else actor
    return AuditEvent.objects.create(
        actor=user,
        actor_name=str(actor) if user is None else user.get_username(),
        action=Event(event).value,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        before=before,
        after=after,
        address=current_address.get(),
    )
