"""The kit's core: standalone documents, escaping of every text, text widths and truncation."""

import re
import xml.etree.ElementTree as ET

import pytest

from taskbook.charts.svg import (
    FONT,
    clipped_text,
    document,
    join,
    link,
    num,
    rect,
    tag,
    text,
    text_units,
    text_width,
    tooltip,
    truncate,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def test_a_document_is_standalone():
    svg = str(
        document(rect(0, 0, 10, 10, fill="#c62828"), width=120, height=40.5, label="Chart", css="chart")
    )
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and svg.startswith('<svg class="chart" xmlns="http://www.w3.org/2000/svg"')
    assert root.get("viewBox") == "0 0 120 40.5" and (root.get("width"), root.get("height")) == (
        "120",
        "40.5",
    )
    assert root.get("font-family") == FONT and root.get("class") == "chart"
    assert root.get("role") == "img" and root.get("aria-label") == "Chart"
    assert root.find(f"{SVG}title").text == "Chart"  # a file viewer shows it
    assert "var(" not in svg and "<style" not in svg  # nothing a page's style sheet has to supply


def test_a_described_document_points_at_its_title_and_description():
    root = ET.fromstring(str(document("", width=10, height=10, label="T", description="D", ident="c1")))
    assert root.get("aria-labelledby") == "c1-t c1-d" and root.get("aria-label") is None
    assert root.find(f"{SVG}title").get("id") == "c1-t" and root.find(f"{SVG}desc").text == "D"
    with pytest.raises(ValueError):
        document("", width=10, height=10, label="T", description="D")  # two on a page would collide


def test_a_decoration_is_hidden_and_a_fitted_document_scales():
    hidden = ET.fromstring(str(document("", width=10, height=10, hidden=True)))
    assert hidden.get("aria-hidden") == "true" and hidden.get("role") is None
    fitted = ET.fromstring(str(document("", width=300, height=50, fit=True, style=".a{fill:#000}")))
    assert fitted.get("width") == "100%" and fitted.get("height") is None
    assert fitted.get("viewBox") == "0 0 300 50" and fitted.find(f"{SVG}style").text == ".a{fill:#000}"


def test_hostile_text_is_escaped_in_texts_titles_and_attributes():
    parts = [
        text(1, 2, HOSTILE, size=12),
        tooltip(HOSTILE, rect(0, 0, 1, 1)),
        link('/x?a=1&b="2"', text(0, 0, "go"), HOSTILE),
        clipped_text(0, 0, HOSTILE * 3, 20),
    ]
    svg = str(document(join(parts), width=10, height=10, label=HOSTILE))
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in svg
    assert 'href="/x?a=1&amp;b=&quot;2&quot;"' in svg
    root = ET.fromstring(svg)  # still well formed
    assert next(t.text for t in root.iter(f"{SVG}text")) == HOSTILE  # and reads as the characters typed


def test_join_keeps_kit_markup_and_escapes_anything_else():
    joined = str(join([rect(0, 0, 1, 1), "<rect/> & more"]))
    assert joined == '<rect x="0" y="0" width="1" height="1"/>&lt;rect/&gt; &amp; more'
    assert (
        str(tag("g", "a<b", css="x y", stroke_width=1.25)) == '<g class="x y" stroke-width="1.2">a&lt;b</g>'
    )


def test_numbers_are_short():
    assert [num(12), num(12.0), num(12.25), num(0.04), num(-0.04), num(1e3)] == [
        "12",
        "12",
        "12.2",
        "0",
        "0",
        "1000",
    ]


def test_chinese_counts_double_in_units_and_one_em_in_width():
    assert text_units("深圳") == 4 and text_units("Shenzhen") == 8
    assert text_units("（第一）") == 8  # full-width brackets are wide too
    assert text_units("≥ 77%") == 5  # signs of ambiguous width are drawn narrow
    assert text_width("深圳", 12) == 24
    assert text_width("ab", 10) == pytest.approx(11.2)


@pytest.mark.parametrize(
    "content,units,expected",
    [
        ("short", 10, "short"),
        ("abcdefghij", 10, "abcdefghij"),  # exactly the width: not cut
        ("abcdefghijkl", 10, "abcdefghi…"),
        ("建立健全外商投资企业投诉工作机制", 10, "建立健全…"),
        ("深圳市市场监督管理局", 11, "深圳市市场…"),
        ("Shenzhen 市场监督管理局", 12, "Shenzhen 市…"),
        ("a   spaced\n\ttext", 20, "a spaced text"),  # one line, whitespace squeezed
        ("trailing space cut", 10, "trailing…"),
    ],
)
def test_truncation_keeps_within_its_units(content, units, expected):
    cut = truncate(content, units)
    assert cut == expected
    assert text_units(cut) <= units


def test_a_cut_text_carries_its_full_text_as_a_tooltip():
    long = "深圳市优化营商环境改革工作领导小组办公室"
    root = ET.fromstring(str(clipped_text(0, 10, long, 12, size=11)))
    assert root.tag == "g" and root.find("title").text == long
    assert root.find("text").text == "深圳市优化…" and root.find("text").get("font-size") == "11"
    assert str(clipped_text(0, 10, "short", 12)).startswith("<text")  # nothing to add when it fits
    given = ET.fromstring(str(clipped_text(0, 10, "short", 12, full="short — Bureau")))
    assert given.find("title").text == "short — Bureau"


def test_the_text_shorthands():
    svg = str(text(1.26, 2, "x", size=11, anchor="end", weight="bold", fill="#000"))
    assert re.fullmatch(
        r'<text x="1.3" y="2" fill="#000" font-size="11" text-anchor="end" font-weight="bold">x</text>', svg
    )
