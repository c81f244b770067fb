"""Heading and item numbers at the start of a paragraph: what kind, what value.

Plans number their parts, sections and tasks in many styles (一、 （一） 1. (1) 1、 I.
"Third," 第一条 ①). The structure builder only needs three facts about a number: its
*family* (numbers of one family are siblings when their values follow each other), its
*value* (1, 2, 3 … whatever the script) and the *label* as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# fmt: off
CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CN_NUM_CHARS = "零〇一二两三四五六七八九十百"

ORDINALS_EN = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
BULLETS = "•·●○■□◆◇▪▫►▶✓✔-*–—"
# fmt: on


def cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103; None when s is not a Chinese numeral."""
    if not s:
        return None
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def roman_number(s: str) -> int | None:
    """I → 1, Ii → 2 (OCR-ish case), XIV → 14; None unless a well-formed numeral up to 50."""
    s = s.upper()
    if not s or any(ch not in ROMAN_VALUES for ch in s):
        return None
    total = 0
    for i, ch in enumerate(s):
        value = ROMAN_VALUES[ch]
        if i + 1 < len(s) and ROMAN_VALUES[s[i + 1]] > value:
            total -= value
        else:
            total += value
    # Reject malformed numerals such as IIII or VV by writing the value back out.
    return total if 0 < total <= 50 and _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = []
    for value, sym in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


@dataclass(frozen=True)
class Numbering:
    family: str  # numbers of one family at one level are siblings
    value: int
    label: str  # as printed, without the trailing "." / "、" / ","
    end: int  # where the text after the number starts

    @property
    def is_bullet(self) -> bool:
        return self.family == "bullet"


# Each pattern is anchored at the start and has no nested quantifiers, so matching is
# linear in the length of the line.
_CN = f"[{CN_NUM_CHARS}]{{1,4}}"
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_EN_NUM = r"\d{1,3}|[ivxlIVXL]{1,6}|" + "|".join(_WORD_NUMBERS)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第\s*({_CN}|\d{{1,3}})\s*(章|节|部分|篇)[\s、：:．.]*")),
    ("article", re.compile(rf"第\s*({_CN}|\d{{1,3}})\s*条[\s、：:．.]*")),
    ("ordinal_zh", re.compile(rf"第({_CN})[，,、：:]\s*")),
    ("paren_cn", re.compile(rf"[（(]\s*({_CN})\s*[）)][、.．]?\s*")),
    ("cn", re.compile(rf"({_CN})\s*[、．.]\s*")),
    ("paren_arabic", re.compile(r"[（(]\s*(\d{1,3})\s*[）)][、.．]?\s*")),
    ("decimal", re.compile(r"(\d{1,2}(?:[.．]\d{1,2}){1,3})[.．]?(?=\s|[\u4e00-\u9fff])\s*")),
    ("arabic", re.compile(r"(\d{1,4})\s*(?:[.．](?![\d])|、)\s*")),
    ("rparen_arabic", re.compile(r"(\d{1,4})[）)]\s*")),
    ("circled", re.compile(f"([{CIRCLED}])\\s*")),
    ("paren_letter", re.compile(r"[（(]([a-zA-Z])[）)]\s*")),
    ("roman", re.compile(r"([IVXLivxl]{1,6})\s*[.．、]\s+|([IVXLivxl]{1,6})[.．、](?=[\u4e00-\u9fff])")),
    ("ordinal_en", re.compile(r"(?i)(" + "|".join(ORDINALS_EN) + r")(?:ly)?\s*[,，:：.]\s*")),
    ("letter", re.compile(r"([A-HJ-UWYZ])[.．、]\s+")),
    # English labelled numbers: "Part I:", "Chapter 2", "Section 3.", "Article 4", "Measure 5:".
    ("part_en", re.compile(rf"(?i)(?:part|chapter)\s+({_EN_NUM})\b\s*[.:：\-–—]?\s*")),
    ("section_en", re.compile(rf"(?i)section\s+({_EN_NUM})\b\s*[.:：\-–—]?\s*")),
    ("article_en", re.compile(r"(?i)article\s+(\d{1,3})\b\s*[.:：\-–—]?\s*")),
    ("task_en", re.compile(r"(?i)(?:task|measure|action|initiative)\s+(\d{1,3})\s*[.:：\-–—]\s*")),
]
_LABELLED_EN = ("part_en", "section_en", "article_en", "task_en")
_DIGIT_UNIT_AFTER = "万亿千百元%％"


def parse_numbering(text: str) -> Numbering | None:
    """The number at the start of `text`, or None.

    `text` should already be stripped of leading spaces and Markdown markup.
    """
    if not text:
        return None
    first = text[0]
    if first in BULLETS:
        # "• item" is a bullet; "- item" only with a space ("-5%" and "**bold**" are not).
        spaced = len(text) > 1 and text[1] in " \t\u3000"
        if first in "-*–—" and not spaced:
            return None
        rest = text[1:].lstrip(" \t\u3000")
        return Numbering("bullet", 0, "", len(text) - len(rest)) if rest else None
    for family, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number = _value(family, m)
        if number is None:
            continue
        rest = text[m.end() :]
        if not rest.strip():
            return None  # a bare number is a page number or a table cell, not a heading
        if family in ("arabic", "decimal") and rest[0] in _DIGIT_UNIT_AFTER:
            return None  # "1.5亿元" is an amount
        if family == "ordinal_en" and not m.group(0).rstrip().endswith((",", "，", ":", "：", ".")):
            return None
        if family in _LABELLED_EN and m.group(0).rstrip()[-1:] not in ".:：-–—" and not rest[:1].isupper():
            return None  # "Section 3 of this plan …" is a sentence, "Section 3 Trade" a heading
        label = m.group(0).strip().rstrip("、.．,，:：").strip()
        if family in ("cn", "arabic", "rparen_arabic", "ordinal_en", "roman", "letter", "decimal"):
            label = (m.group(1) or m.group(2) or "").strip()
        if family == "rparen_arabic":
            label = m.group(0).strip()
        if family == "decimal":
            family = f"decimal{label.count('.') + label.count('．')}"
        return Numbering(family, number, label, m.end())
    return None


def _value(family: str, m: re.Match[str]) -> int | None:
    raw = (m.group(1) or (m.group(2) if m.lastindex and m.lastindex >= 2 else "") or "").strip()
    if family in ("chapter", "article", "ordinal_zh", "paren_cn", "cn"):
        return int(raw) if raw.isdigit() else cn_number(raw)
    if family in ("paren_arabic", "arabic", "rparen_arabic"):
        return int(raw)
    if family == "decimal":
        return int(re.split(r"[.．]", raw)[-1])
    if family == "circled":
        return CIRCLED.index(raw) + 1
    if family in ("paren_letter", "letter"):
        return ord(raw.lower()) - ord("a") + 1
    if family == "roman":
        return roman_number(raw)
    if family == "ordinal_en":
        return ORDINALS_EN[raw.lower()]
    if family in _LABELLED_EN:
        if raw.isdigit():
            return int(raw)
        return _WORD_NUMBERS.get(raw.lower()) or roman_number(raw)
    return None
