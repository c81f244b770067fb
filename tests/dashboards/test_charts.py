"""The SVG charts: self-contained markup (a viewBox, a size, explicit fills and fonts, no CSS
variables) that escapes every label."""

import re

from taskbook.charts import bars as charts
from taskbook.charts.colours import RAG_COLOURS
from taskbook.charts.svg import truncate


def _check_standalone(svg: str) -> None:
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+" width="[\d.]+" height="[\d.]+"', svg)
    assert "var(" not in svg and "<style" not in svg
    assert 'font-family="Noto Sans CJK SC, Noto Sans, sans-serif"' in svg


def test_vertical_bars_in_rag_colours_with_links():
    bars = [
        charts.Bar(label="red", value=3, href="/x?r=red&s=1", colour=RAG_COLOURS["red"]),
        charts.Bar(label="green", value=0, colour=RAG_COLOURS["green"]),
    ]
    svg = str(charts.vertical_bars(bars, label="Tasks"))
    _check_standalone(svg)
    assert 'fill="#c62828"' in svg and 'href="/x?r=red&amp;s=1"' in svg
    assert ">3</text>" in svg and ">0</text>" in svg


def test_labels_are_escaped_and_cut_with_the_full_text_in_the_tooltip():
    name = "<script>alert(1)</script> Bureau of a very long name indeed, longer than the column"
    svg = str(charts.horizontal_bars([charts.Bar(label=name, value=50.0, href="/u")], label="On time"))
    _check_standalone(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "…" in svg and "longer than the column</title>" in svg
    narrow = str(
        charts.horizontal_bars([charts.Bar(label=name, value=None, text="none due")], label="x", narrow=True)
    )
    assert "none due" in narrow and "<script>" not in narrow


def test_chinese_labels_count_double_width():
    assert truncate("深圳市市场监督管理局深圳市市场监督管理局", 12).endswith("…")
    assert truncate("Commerce", 12) == "Commerce"


def test_stacked_bars_and_sparkline():
    stacks = [
        charts.Stack(label="2024-Q1", segments=[charts.Segment("red", 2, "/a"), charts.Segment("green", 1)]),
        charts.Stack(label="2024-Q2", segments=[charts.Segment("", 3)]),
    ]
    svg = str(charts.stacked_bars(stacks, label="Ratings", colours=RAG_COLOURS))
    _check_standalone(svg)
    assert 'fill="#9aa3b2"' in svg  # not rated
    spark = str(charts.sparkline([50.0, None, 75.0, 100.0], label="Trend"))
    assert 'viewBox="0 0 84 22"' in spark and "var(" not in spark  # no text, so no font
    assert spark.count("<polyline") == 1 and "<circle" in spark
    assert str(charts.sparkline([], label="none")) == ""
