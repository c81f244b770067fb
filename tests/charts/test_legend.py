"""Legends: keys in a row inside an SVG, a standalone legend, and colour keys as HTML."""

import xml.etree.ElementTree as ET

from taskbook.charts.legend import Key, colour_legend, legend_row, legend_svg
from taskbook.charts.svg import circle, join, text_width

SVG = "{http://www.w3.org/2000/svg}"


def dot(x: float, y: float):
    return circle(x + 5, y, 3, fill="#1d2430")


def test_keys_follow_each_other_by_the_width_of_their_labels():
    parts, end = legend_row([Key("actual", dot, 10), Key("目标", dot, 10)], 4, 12)
    root = ET.fromstring(f"<g>{join(parts)}</g>")
    texts = root.findall("text")
    assert [t.text for t in texts] == ["actual", "目标"]
    assert float(texts[0].get("x")) == 18  # after the sample and a gap
    second = 4 + 10 + 14 + text_width("actual", 11)
    assert float(root.findall("circle")[1].get("cx")) == round(second + 5, 1)
    assert end == second + 10 + 14 + text_width("目标", 11)


def test_a_legend_on_its_own_is_a_standalone_svg():
    root = ET.fromstring(str(legend_svg([Key("<planned> & more", dot)], label="Legend")))
    assert root.tag == f"{SVG}svg" and root.get("height") == "24" and root.get("aria-label") == "Legend"
    assert root.find(f"{SVG}title") is None  # a tooltip over the whole row would hide nothing useful
    assert [t.text for t in root.iter(f"{SVG}text")] == ["<planned> & more"]


def test_colour_keys_are_drawn_swatches_with_escaped_names():
    html = str(colour_legend([("red <b>", "#c62828"), ("not rated", "#9aa3b2")]))
    assert html.startswith('<ul class="chart-legend">') and "<b>" not in html and "red &lt;b&gt;" in html
    root = ET.fromstring(html)
    swatches = [li.find(f"{SVG}svg") for li in root.findall("li")]
    assert [s.find(f"{SVG}rect").get("fill") for s in swatches] == ["#c62828", "#9aa3b2"]
    assert all(s.get("aria-hidden") == "true" and s.get("class") == "key" for s in swatches)
