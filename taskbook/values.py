"""Values typed into forms, sheets and API calls, read the one way every action reads them: each
bad value is an ActionError naming its field, in the words the user sees."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from taskbook.errors import ActionError

# C0 control characters but TAB, LF and CR, which text typed or pasted into a form holds. NUL is the one
# PostgreSQL cannot store (a 500 from the database mid-query or mid-stream); the others are no text
# anyone types, so they are refused too rather than stored to break an export or a document later.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# The figures of targets, trajectories and actual values are DecimalField(max_digits=18,
# decimal_places=4): a number of more digits is refused here, with its reason, before the database
# refuses it with a 500 (PostgreSQL) or keeps something else than was typed (SQLite).
MAX_DIGITS = 18
DECIMAL_PLACES = 4
# The years a plan, a target or a measure may name (a PositiveSmallIntegerField holds up to 32767).
FIRST_YEAR = 1900
LAST_YEAR = 2200


def decimal_value(
    value: Any, field: str, *, max_digits: int = MAX_DIGITS, decimal_places: int = DECIMAL_PLACES
) -> Decimal:
    """A finite decimal number that a DecimalField(max_digits, decimal_places) holds as typed."""
    shown = _shown(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ActionError(_("“%(v)s” is not a number.") % {"v": shown}, field=field) from exc
    if not number.is_finite():
        raise ActionError(_("“%(v)s” is not a number.") % {"v": shown}, field=field)
    digits, exponent = number.normalize().as_tuple()[1:]
    assert isinstance(exponent, int)  # a finite number has a whole exponent
    whole = max(0, len(digits) + exponent)
    if whole > max_digits - decimal_places:
        raise ActionError(
            _("“%(v)s” is too large: a number here has at most %(n)d digits before the decimal point.")
            % {"v": shown, "n": max_digits - decimal_places},
            field=field,
        )
    if -exponent > decimal_places:
        raise ActionError(
            _("“%(v)s” has too many decimal places: at most %(n)d.") % {"v": shown, "n": decimal_places},
            field=field,
        )
    return number


def year_value(value: Any, field: str, message: str | None = None) -> int:
    """A year from FIRST_YEAR to LAST_YEAR; `message` says what the field takes, in its own words."""
    return whole_number(
        value,
        field,
        message
        or _("“%(v)s” is not a year from %(first)d to %(last)d.")
        % {"v": _shown(value), "first": FIRST_YEAR, "last": LAST_YEAR},
        FIRST_YEAR,
        LAST_YEAR,
    )


def text_value(
    value: Any, field: str, limit: int | None, label: str | None = None, required: str = ""
) -> str:
    """Text without the space around it, of at most `limit` characters (never cut: a longer one is
    refused with the field's `label` and the limit); `required` is the message for an empty one, when
    it must not be empty."""
    out = str(value if value is not None else "").strip()
    if match := CONTROL.search(out):
        raise ActionError(
            _(
                "“%(field)s” holds a control character (U+%(code)04X) that text cannot hold; "
                "remove it and try again."
            )
            % {"field": label or field, "code": ord(match.group())},
            field=field,
        )
    if required and not out:
        raise ActionError(required, field=field)
    if limit is not None and len(out) > limit:
        if label:
            message = _("%(field)s is %(n)d characters long; the limit is %(limit)d.") % {
                "field": label,
                "n": len(out),
                "limit": limit,
            }
        else:
            message = _("%(n)d characters: at most %(limit)d.") % {"n": len(out), "limit": limit}
        raise ActionError(message, field=field)
    return out


def _shown(value: Any) -> str:
    """A refused value as a message quotes it: a page of digits is shown by its start."""
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


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
