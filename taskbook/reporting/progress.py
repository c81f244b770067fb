"""How far a task has come, rolled up from its measures (the rule is written in docs/reporting.md)."""

from decimal import Decimal

from taskbook.taskbooks.models import Measure, MeasureStatus


def measure_percent(measure: Measure) -> int:
    return 100 if measure.status == MeasureStatus.DONE else int(measure.progress)


def rollup(measures: list[Measure]) -> Decimal:
    """Weighted mean of the measures' progress; done counts as 100, cancelled measures do not count."""
    counted = [m for m in measures if m.status != MeasureStatus.CANCELLED]
    total = sum(m.weight for m in counted)
    if not total:
        return Decimal(0)
    value = Decimal(sum(m.weight * measure_percent(m) for m in counted)) / Decimal(total)
    return value.quantize(Decimal("0.1"))
