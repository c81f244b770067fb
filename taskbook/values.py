"""Values typed into forms, sheets and API calls, read the one way every action reads them: each
bad value is an ActionError naming its field, in the words the user sees."""

import datetime
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
