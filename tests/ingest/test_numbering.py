"""Numbers at the start of a paragraph, in every usual style."""

from __future__ import annotations

import pytest

from taskbook.ingest.numbering import cn_number, parse_numbering, roman_number


@pytest.mark.parametrize(
    ("text", "family", "value", "label"),
    [
        ("1. Accelerate the gathering", "arabic", 1, "1"),
        ("12.简化进出区管理", "arabic", 12, "12"),
        ("1、加快5G网络建设", "arabic", 1, "1"),
        ("1．推进", "arabic", 1, "1"),
        ("3) Do it", "rparen_arabic", 3, "3)"),
        ("(4) Create a high-quality", "paren_arabic", 4, "(4)"),
        ("（1）建设平台", "paren_arabic", 1, "（1）"),
        ("（十二）发展", "paren_cn", 12, "（十二）"),
        ("(三) 推进", "paren_cn", 3, "(三)"),
        ("一、指导思想", "cn", 1, "一"),
        ("二十一、其他", "cn", 21, "二十一"),
        ("I. General requirements", "roman", 1, "I"),
        ("Ii. Main tasks", "roman", 2, "Ii"),
        ("IV、保障", "roman", 4, "IV"),
        ("Third, safeguards", "ordinal_en", 3, "Third"),
        ("First: objectives", "ordinal_en", 1, "First"),
        ("第一章 总则", "chapter", 1, "第一章"),
        ("第十二条 本办法", "article", 12, "第十二条"),
        ("第三部分 保障措施", "chapter", 3, "第三部分"),
        ("第二，加强领导", "ordinal_zh", 2, "第二"),
        ("①建设", "circled", 1, "①"),
        ("(b) second", "paren_letter", 2, "(b)"),
        ("1.1 加强", "decimal1", 1, "1.1"),
        ("2.3.1 Build", "decimal2", 1, "2.3.1"),
        ("Part II Key measures", "part_en", 2, "Part II"),
        ("Chapter 3: Safeguards", "part_en", 3, "Chapter 3"),
        ("Section One. Trade", "section_en", 1, "Section One"),
        ("Article 12 The plan applies", "article_en", 12, "Article 12"),
        ("Measure 1: Open up the service sector", "task_en", 1, "Measure 1"),
        ("• item", "bullet", 0, ""),
        ("- item", "bullet", 0, ""),
    ],
)
def test_numbering_styles(text: str, family: str, value: int, label: str):
    number = parse_numbering(text)
    assert number is not None
    assert (number.family, number.value, number.label) == (family, value, label)


@pytest.mark.parametrize(
    "text",
    [
        "12.5% of output",
        "2025年",
        "1.5亿元",
        "2023-2025",
        "-5%",
        "**bold**",
        "I am here",
        "Firstly we",
        "十九大精神",
        "3",
        "Vivid",
    ],
)
def test_not_a_number(text: str):
    assert parse_numbering(text) is None


def test_numerals():
    assert [cn_number(s) for s in ("一", "十", "十二", "二十", "一百零三", "两")] == [1, 10, 12, 20, 103, 2]
    assert cn_number("甲") is None
    assert [roman_number(s) for s in ("I", "ii", "Iv", "XIV", "IIII", "VV")] == [1, 2, 4, 14, None, None]
