"""The target chart: its marks, its words for screen readers, escaping, and that WeasyPrint draws it."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

from taskbook.plans.models import Plan, Task
from taskbook.targets.chart import MET, MISSED, REVISED, chart_legend_svg, target_chart_svg
from taskbook.targets.forecast import Point, forecast
from taskbook.targets.models import Target

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"


def make_target(text: str = "More than 77% of the service industry", **fields) -> Target:
    """An unsaved target of an unsaved 2023-2025 plan: the chart reads attributes only."""
    plan = Plan(title="P", period_start=D(2023, 1, 1), period_end=D(2025, 12, 31))
    task = Task(plan=plan, number="2", title="T")
    values = {"comparator": ">=", "value": Decimal(77), "unit_of_measure": "%", "year": 2025, **fields}
    return Target(pk=7, task=task, text=text, **values)


TRAJECTORY = [
    (D(2022, 12, 31), Decimal(72)),
    (D(2023, 12, 31), Decimal("73.67")),
    (D(2024, 12, 31), Decimal("75.33")),
    (D(2025, 12, 31), Decimal(77)),
]
POINTS = [
    Point(D(2022, 12, 31), Decimal("72.1"), source="Yearbook 2023"),
    Point(D(2023, 12, 31), Decimal("73.4"), revised=True, source="Yearbook 2024"),
    Point(D(2024, 12, 31), Decimal("74.2"), provisional=True, source="Bulletin"),
]


def chart(target: Target | None = None, points=POINTS, trajectory=TRAJECTORY, **kwargs) -> str:
    target = target or make_target()
    result = forecast(
        points, target_value=target.value, comparator=target.comparator, target_date=D(2025, 12, 31)
    )
    return str(target_chart_svg(target, trajectory, points, result, **kwargs))


def test_the_chart_is_well_formed_svg_with_size_and_view_box():
    root = ET.fromstring(chart())
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "640" and root.get("height") == "280" and root.get("viewBox") == "0 0 640 280"
    assert root.get("font-family") == "Noto Sans CJK SC, Noto Sans, sans-serif"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Target: More than 77% of the service industry"
    assert desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Will miss by" in (desc.text or "") and "the latest 74.2% on 2024-12-31" in (desc.text or "")


def test_the_chart_draws_each_kind_of_mark():
    svg = chart()
    root = ET.fromstring(svg)
    lines = root.findall(f".//{SVG}polyline")
    dashes = [line.get("stroke-dasharray") for line in lines]
    assert "6 4" in dashes  # the trajectory, dashed
    assert None in dashes  # the actual values, joined by a plain line
    assert "1 4" in dashes  # the forecast, dotted
    forecast_line = next(line for line in lines if line.get("stroke-dasharray") == "1 4")
    assert forecast_line.get("stroke") == MISSED  # 76 by 2025 misses 77
    circles = root.findall(f".//{SVG}circle")
    assert any(c.get("fill") == "#ffffff" and c.get("stroke") == "#1d2430" for c in circles)  # provisional
    assert any(c.get("stroke") == REVISED and c.get("fill") == "none" for c in circles)  # revised ring
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "≥ 77%" in texts  # the target's marker is labelled with its value
    assert {"2023", "2024", "2025"} <= set(texts)  # the years along the x axis
    assert "%" in texts  # the unit of measure on the y axis
    assert {"planned", "actual", "provisional", "revised", "forecast", "target"} <= set(texts)  # the legend
    tips = [t.text for t in root.iter(f"{SVG}title")]
    assert "Actual 2024-12-31: 74.2% (provisional) · source: Bulletin" in tips
    assert "Actual 2023-12-31: 73.4% (revised) · source: Yearbook 2024" in tips
    assert "Planned 2024-12-31: 75.33%" in tips


def test_y_axis_ticks_are_round_and_cover_the_values():
    root = ET.fromstring(chart())
    labels = [  # the tick labels: grey, right-aligned numbers (the forecast's label is coloured)
        t.text
        for t in root.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and t.get("fill") == "#5b6575" and t.text[0].isdigit()
    ]
    values = [float(v.replace(",", "")) for v in labels if v.replace(",", "").replace(".", "").isdigit()]
    assert 4 <= len(values) <= 6
    assert min(values) <= 72.1 and max(values) >= 77


def test_a_met_forecast_is_green():
    points = [Point(D(2022, 12, 31), Decimal(70)), Point(D(2024, 12, 31), Decimal(76))]
    root = ET.fromstring(chart(points=points))
    dotted = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-dasharray") == "1 4"]
    assert dotted and all(p.get("stroke") == MET for p in dotted)


def test_text_from_documents_and_users_is_escaped():
    target = make_target(text='<script>alert("x")</script> & more', unit_of_measure="<b>")
    points = [Point(D(2023, 12, 31), Decimal(1), source="<img src=x onerror=alert(1)>"), *POINTS[1:]]
    svg = chart(target, points=points)
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg
    ET.fromstring(svg)  # still well formed


def test_without_values_the_chart_says_so():
    target = make_target()
    result = forecast([], target_value=target.value, comparator=">=", target_date=D(2025, 12, 31))
    svg = str(target_chart_svg(target, [], [], result))
    root = ET.fromstring(svg)
    assert "No trajectory or actual values yet" in [t.text for t in root.iter(f"{SVG}text")]
    assert not root.findall(f".//{SVG}polyline")
    assert "No forecast: No actual values yet." in (root.find(f"{SVG}desc").text or "")


def test_a_small_chart_has_no_legend_and_its_own_ids():
    small, large = chart(width=360, height=170), chart()
    assert "planned" not in [t.text for t in ET.fromstring(small).iter(f"{SVG}text")]
    ids = lambda svg: {e.get("id") for e in ET.fromstring(svg).iter() if e.get("id")}  # noqa: E731
    assert not ids(small) & ids(large)  # both may sit on one page


def test_the_chart_speaks_the_language_asked_for():
    svg = chart(language="zh-hans")
    assert "目标" in svg  # "target": the translator fills in the rest
    assert ET.fromstring(chart(language="en")) is not None


def test_the_legend_on_its_own():
    root = ET.fromstring(str(chart_legend_svg()))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == [
        "planned",
        "actual",
        "provisional",
        "revised",
        "forecast: met",
        "forecast: missed",
        "target",
    ]


def test_weasyprint_draws_the_chart():
    from weasyprint import HTML

    pdf = HTML(string=f"<html><body>{chart()}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = page.extract_text() or ""
        assert "2024" in words and "77%" in words
        assert page.curves or page.lines or page.rects  # the lines are drawn, not dropped
