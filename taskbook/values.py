"""Values typed into forms, sheets and API calls, read the one way every action reads them: each
bad value is an ActionError naming its field, in the words the user sees."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from taskbook.errors import ActionError


def decimal_value(value: Any, field: str) -> Decimal:
    """A finite decimal number."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ActionError(_("“%(v)s” is not a number.") % {"v": value}, field=field) from exc
    if not number.is_finite():
        raise ActionError(_("“%(v)s” is not a number.") % {"v": value}, field=field)
    return number


def date_value(value: Any, field: str) -> datetime.date:
    """A date, as a date or as ISO text (YYYY-MM-DD)."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ActionError(_("“%(v)s” is not a date (use YYYY-MM-DD).") % {"v": value}, field=field) from exc


def whole_number(
    value: Any, field: str, message: str, low: int | None = None, high: int | None = None
) -> int:
    """A whole number, given as one or as digits (full-width ones too), from `low` to `high` when they
    are given; `message` says what the field takes, in its own words, for any other value."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ActionError(message, field=field)
        number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ActionError(message, field=field)
    return number
