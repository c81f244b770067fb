"""Targets in numbers and words: a value as people write it, a value with its unit, a commitment in
signs ("≥ 77%"), and a forecast's verdict in a sentence.

Used alike by the target pages, the dashboards, the progress report and the target chart, so a
value reads the same wherever it is shown. The words are in the current language.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from taskbook.targets.forecast import ACTUAL, Forecast
from taskbook.targets.models import Target


def number(value: Decimal | float | int, places: int | None = None) -> str:
    """A value as people write it: no trailing zeros, thousands grouped ("1,250.5"); rounded half up
    to `places` decimals when given."""
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    d = d.normalize()
    if d == 0:
        d = Decimal(0)  # no "-0"
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        d = d.quantize(Decimal(1))
    return f"{d:,f}"


def plain(value: Decimal) -> str:
    """A value as a form field holds it: no grouping, no trailing zeros ("1250.5")."""
    d = Decimal(value).normalize()
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        d = d.quantize(Decimal(1))
    return f"{d:f}"


def display_places(target_value: Decimal) -> int:
    """Decimals to show a computed value with (a forecast, a gap, an interpolated plan): two, or one more
    than the target itself has, so 0.05% is not shown as 0."""
    exponent = Decimal(target_value).normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(4, max(2, decimals + 1))


def with_unit(value: Decimal | float, unit: str, places: int | None = None) -> str:
    """ "76%", "15 days", "4.25 US$ billion": a percent sign is written close, any other unit apart."""
    text = number(value, places)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def target_label(target: Target) -> str:
    """ "≥ 77%", "≤ 15 days": the commitment in signs."""
    return f"{target.sign} {with_unit(target.value, target.unit_of_measure)}"


def verdict(result: Forecast, unit: str) -> str:
    """ "Will be met" or "will miss by X (Y%)", "met" or "missed" once the outcome is known, or why
    there is no forecast."""
    if not result.available:
        return _("No forecast: %(reason)s") % {"reason": result.reason}
    assert result.projected is not None and result.gap is not None
    places = display_places(result.target_value)
    gap = with_unit(result.gap, unit, places)
    percent = f"{number(result.gap_percent)}%" if result.gap_percent is not None else ""
    if result.method == ACTUAL:  # the target date has a value: the outcome is known
        met = _("Met: %(value)s at the target date.")
        missed_by = _("Missed by %(gap)s (%(percent)s of the target).")
        missed = _("Missed by %(gap)s.")
    else:
        met = _("Will be met: the trend reaches %(value)s by the target date.")
        missed_by = _("Will miss by %(gap)s (%(percent)s of the target).")
        missed = _("Will miss by %(gap)s.")
    if result.met:
        return met % {"value": with_unit(result.projected, unit, places)}
    if percent:
        return missed_by % {"gap": gap, "percent": percent}
    return missed % {"gap": gap}
