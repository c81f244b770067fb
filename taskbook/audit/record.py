"""The one function that writes an AuditEvent. Actions call it inside their transaction."""

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models

from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import Actor, System

# The client address of the request being served, set by web.middleware; a context
# variable so that threads and async requests never see each other's address.
current_address: ContextVar[str | None] = ContextVar("current_address", default=None)


@dataclass(frozen=True)
class Subject:
    """What an event is about when it is no row of a table: a client address, or an account name
    that someone typed and nobody has."""

    object_type: str
    object_id: str
    label: str


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
    obj: models.Model | Subject | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `event` to `obj`, with the values before and after. `obj` is None only
    for an event about no one record (the audit log's own export)."""
    user = None if isinstance(actor, System) else actor
    if obj is None:
        object_type, object_id, label = "", "", ""
    elif isinstance(obj, Subject):
        object_type, object_id, label = obj.object_type, obj.object_id, obj.label
    else:
        object_type, object_id, label = obj._meta.label_lower, str(obj.pk), str(obj)
    return AuditEvent.objects.create(
        actor=user,
        actor_name=str(actor) if user is None else user.get_username(),
        action=Event(event).value,
        object_type=object_type,
        object_id=object_id,
        object_repr=label[:300],
        before=before,
        after=after,
        address=current_address.get(),
    )
