"""Optimistic locking: a form sends the version of the record it showed, and the action refuses a
save made from an older one, so that of two people saving at once the second never overwrites the
first unseen. The refusal carries both versions, for the page to show side by side
(`web/_conflict.html`; an action's refusal that no view handles becomes the 409 page
`web/conflict.html`, see web/conflicts.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from taskbook.errors import ActionError

# A form that did not say which version it showed: its save is refused rather than allowed to
# overwrite blindly.
UNKNOWN = -1


@dataclass(frozen=True)
class Side:
    """One line of the comparison: what is saved now, and what the refused save would have made it."""

    label: str
    theirs: str
    yours: str

    @property
    def differs(self) -> bool:
        """Both versions have this value, and not the same (an empty side is a value only one has)."""
        return bool(self.theirs and self.yours) and self.theirs != self.yours


class ConflictError(ActionError):
    """Someone else saved the record meanwhile; `current` is their version, `yours` the refused one."""

    def __init__(
        self,
        current: Mapping[str, Any],
        *,
        yours: Mapping[str, Any] | None = None,
        labels: Mapping[str, Any] | None = None,
        choices: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        super().__init__(
            _(
                "Someone else changed this record while you were editing it. Both versions are "
                "shown: yours was not saved."
            )
        )
        self.current = dict(current)
        self.yours = dict(yours or {})
        self.labels = dict(labels or {})
        self.choices = dict(choices or {})  # a field's stored codes with their labels

    @property
    def sides(self) -> list[Side]:
        """Each value of either version, in the order the record lists them, read for a person (in the
        language active when the page is drawn)."""
        names = list(self.current) + [n for n in self.yours if n not in self.current]
        return [
            Side(
                label=str(self.labels.get(name, name)),
                theirs=self._shown(name, self.current) if name in self.current else "",
                yours=self._shown(name, self.yours) if name in self.yours else "",
            )
            for name in names
        ]

    def _shown(self, name: str, version: Mapping[str, Any]) -> str:
        value = version[name]
        codes = self.choices.get(name)
        if codes and isinstance(value, str):
            value = codes.get(value, value)
        return shown(value)


def shown(value: Any) -> str:
    """A value as a person reads it in the comparison: dates as on the forms, lists one per line."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, (list, tuple)):
        return "\n".join(shown(v) for v in value) or "—"
    return str(value)


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    """The model's own field of that name; None for a related set or a name of the caller's."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) and field.concrete else None


def _label(model: type[models.Model], name: str) -> Any:
    field = _field(model, name)
    return capfirst(field.verbose_name) if field else name


def _choices(model: type[models.Model], name: str) -> dict[str, Any]:
    field = _field(model, name)
    return dict(field.flatchoices) if field is not None and field.choices else {}


def check_version(
    obj: models.Model,
    seen: int | None,
    *,
    yours: Mapping[str, Any],
    field: str = "version",
    current: Callable[[], Mapping[str, Any]] | None = None,
    labels: Mapping[str, Any] | None = None,
) -> None:
    """Refuse a save made from a page that showed an older version of `obj` than the one saved now.

    Call it on the row the action has locked (`select_for_update`), before anything is written.
    `seen` is the version the form sent (`posted_version`), None when no page was read (jobs,
    imports, the demo). `yours` are the values the refused save asked for; their version is the
    same fields of `obj` unless `current` gives it (a record's parts kept in other rows).
    """
    if seen is None or getattr(obj, field) == seen:
        return
    if seen == UNKNOWN:
        raise ActionError(
            _("The form did not say which version it showed. Reload the page and make your change again.")
        )
    model = type(obj)
    theirs = dict(current()) if current else {n: getattr(obj, n) for n in yours if hasattr(obj, n)}
    names = list(theirs) + [n for n in yours if n not in theirs]
    raise ConflictError(
        theirs,
        yours=yours,
        labels={n: _label(model, n) for n in names} | dict(labels or {}),
        choices={n: codes for n in names if (codes := _choices(model, n))},
    )


def posted_version(data: Mapping[str, Any], name: str = "version") -> int:
    """The version a form says it showed; UNKNOWN when it says none or something that is no number."""
    raw = data.get(name, "")
    try:
        return int(str(raw).strip())
    except ValueError:
        return UNKNOWN
