"""Round tick values, date and value scales, and the axes drawn from them."""

import datetime
import math
import xml.etree.ElementTree as ET

import pytest

from taskbook.charts.axes import DateScale, ValueScale, add_months, nice_ticks, value_axis, year_axis
from taskbook.charts.svg import join

D = datetime.date


@pytest.mark.parametrize(
    "low,high",
    [(72.1, 77), (0, 4.4), (2.6, 4.4), (0.001, 0.004), (1250, 98000), (-3, 5), (5, 5), (0, 0), (99.5, 100)],
)
def test_nice_ticks_are_four_to_six_round_values_covering_the_range(low, high):
    ticks = nice_ticks(low, high)
    assert 4 <= len(ticks.values) <= 6
    assert ticks.low <= low and ticks.high >= high
    steps = {round(b - a, 9) for a, b in zip(ticks.values, ticks.values[1:], strict=False)}
    assert len(steps) == 1
    step = steps.pop()
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in {1, 2, 2.5, 5}


def test_nice_ticks_say_how_many_decimals_their_labels_need():
    assert nice_ticks(0, 100).decimals == 0
    assert nice_ticks(2.6, 4.4).decimals == 1
    assert nice_ticks(0.001, 0.004).decimals == 3
    assert nice_ticks(10, 0).low == 0  # given the wrong way round
    assert len(nice_ticks(0, 100, most=5).values) <= 5


def test_a_date_scale_maps_days_and_clamps_when_asked():
    scale = DateScale(D(2024, 1, 1), D(2025, 1, 1), left=40, right=406)
    assert scale.x(D(2024, 1, 1)) == 40 and scale.x(D(2025, 1, 1)) == 406
    assert scale.x(D(2024, 7, 2)) == pytest.approx(223, abs=0.1)  # day 183 of 366
    assert scale.x(D(2023, 1, 1)) < 40  # not clamped: the line runs on off the plot
    clamped = DateScale(D(2024, 1, 1), D(2025, 1, 1), left=0, right=366, clamp=True)
    assert clamped.x(D(2020, 1, 1)) == 0 and clamped.x(D(2030, 1, 1)) == clamped.width == 366
    assert clamped.contains(D(2024, 12, 31)) and not clamped.contains(D(2025, 1, 1))


def test_months_and_years_of_a_scale():
    scale = DateScale(D(2023, 11, 15), D(2024, 3, 1), left=0, right=100)
    assert scale.months() == [D(2023, 11, 1), D(2023, 12, 1), D(2024, 1, 1), D(2024, 2, 1)]
    assert list(scale.years()) == [
        (2023, D(2023, 11, 15), D(2023, 12, 31)),
        (2024, D(2024, 1, 1), D(2024, 3, 1)),
    ]
    assert add_months(D(2024, 11, 30), 3) == D(2025, 2, 1) and add_months(D(2024, 1, 31), -1) == D(
        2023, 12, 1
    )


def test_the_value_axis_has_a_gridline_and_a_label_per_tick():
    scale = ValueScale(nice_ticks(72.1, 77), top=30, bottom=230)
    root = ET.fromstring(f"<g>{join(value_axis(scale, 40, 600, lambda v: f'{v:g}'))}</g>")
    lines, labels = root.findall("line"), root.findall("text")
    assert len(lines) == len(labels) == len(scale.ticks.values)
    for gridline, label in zip(lines, labels, strict=True):
        assert float(label.get("y")) == pytest.approx(float(gridline.get("y1")) + 4)  # beside its line
        assert float(label.get("x")) < 40 < float(gridline.get("x2"))  # in the margin, the line across
    assert [t.text for t in labels] == [f"{v:g}" for v in scale.ticks.values]
    assert float(lines[0].get("y1")) == 230 and float(lines[-1].get("y1")) == 30


def test_the_year_axis_names_each_year_with_room_and_ticks_quarters():
    scale = DateScale(D(2022, 12, 1), D(2026, 1, 20), left=40, right=620)
    root = ET.fromstring(f"<g>{join(year_axis(scale, 30, 230, quarters=True))}</g>")
    assert [t.text for t in root.findall("text")] == ["2023", "2024", "2025"]  # 2022 and 2026: too short
    ticks = [ln for ln in root.findall("line") if ln.get("y2") == "233"]
    assert len(ticks) == 9  # April, July and October of three years
    plain = ET.fromstring(f"<g>{join(year_axis(scale, 30, 230, quarters=False))}</g>")
    assert not [ln for ln in plain.findall("line") if ln.get("y2") == "233"]
