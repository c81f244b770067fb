"""Sentence boundaries in plan prose, English and Chinese."""

from __future__ import annotations

import re

from . import grammar_en as en
from .language import count_cjk

_EN_END = re.compile(r"[.!?](?=[\"'”’)]*(?:\s|$))")
_ZH_END = re.compile(r"[。！？!?]")
_TRIM = " \t\u3000。.．;；:：,，"
_EN_LEAD_IN = re.compile(r"[^:.;]{3,80}:\s+(?=[A-Z])")


def _is_en_end(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return True
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12) : dot])  # a bounded look back
    if word:
        token = word.group(1).lower()
        if token in en.ABBREVIATIONS or len(token) == 1:
            return False  # "No. 5", "e.g.", an initial
    rest = text[dot + 1 : dot + 12].lstrip("\"'”’) ")
    return not rest or not rest[0].islower()


def sentence_ends(text: str) -> list[int]:
    """Indices just past each sentence end in `text`."""
    ends = []
    chinese = count_cjk(text[:200]) >= 5
    pattern = _ZH_END if chinese else _EN_END
    for m in pattern.finditer(text):
        if chinese or _is_en_end(text, m.start()):
            ends.append(m.end())
    return ends


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without surrounding spaces."""
    spans = []
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        if end <= start:
            continue
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = end
    return spans


def first_sentence(text: str) -> tuple[str, str]:
    """(title, rest): the first sentence without its end mark, and what follows."""
    text = text.strip()
    if not text:
        return "", ""
    chinese = count_cjk(text[:200]) >= 5
    ends = sentence_ends(text)
    cut = ends[0] if ends else len(text)
    if chinese:
        # "优化营商环境：进一步……" — a short lead-in before a colon is the item's title.
        colon = text.find("：", 0, min(cut, 30))
        if colon >= 2:
            cut = colon + 1
    else:
        # "Trade facilitation: We will …" — likewise, when a capital starts what follows.
        m = _EN_LEAD_IN.match(text[: min(cut, 100)])
        if m:
            cut = m.end()
    return text[:cut].strip(_TRIM), text[cut:].strip()


def strip_end(text: str) -> str:
    return text.strip(_TRIM)
