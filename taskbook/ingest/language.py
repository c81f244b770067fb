"""Which language a plan is written in, from the share of CJK characters."""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "zh"]

# Character classes as compiled patterns: counting with findall runs in C, which matters on
# a 20 MB document.
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile("[A-Za-z]")
_WIDE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


def is_cjk(ch: str) -> bool:
    """True for a Han character (the unified blocks and the compatibility ideographs)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def count_cjk(text: str) -> int:
    return len(_CJK.findall(text))


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def count_latin(text: str) -> int:
    return len(_LATIN.findall(text))


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width font: Chinese characters take two."""
    return len(text) + len(_WIDE.findall(text))


def cjk_share(text: str) -> float:
    """Han characters over Han characters plus Latin letters.

    One Han character carries about as much as a short English word, so a Chinese plan
    that quotes English names still scores far above an English plan that quotes a few
    Chinese names.
    """
    cjk, latin = count_cjk(text), count_latin(text)
    total = cjk + latin
    return cjk / total if total else 0.0


def detect_language(text: str) -> Language:
    # 0.2: a Chinese text keeps well above it even with many Latin names in it, an
    # English text with a glossary of Chinese names stays well below it.
    return "zh" if cjk_share(text) >= 0.2 else "en"
