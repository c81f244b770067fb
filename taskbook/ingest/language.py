"""Which language a plan is written in, from the share of CJK characters."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "zh"]


def is_cjk(ch: str) -> bool:
    """True for a Han character (the unified blocks and the compatibility ideographs)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def cjk_share(text: str) -> float:
    """Han characters over Han characters plus Latin letters.

    One Han character carries about as much as a short English word, so a Chinese plan
    that quotes English names still scores far above an English plan that quotes a few
    Chinese names.
    """
    cjk = latin = 0
    for ch in text:
        if is_cjk(ch):
            cjk += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    total = cjk + latin
    return cjk / total if total else 0.0


def detect_language(text: str) -> Language:
    # 0.2: a Chinese text keeps well above it even with many Latin names in it, an
    # English text with a glossary of Chinese names stays well below it.
    return "zh" if cjk_share(text) >= 0.2 else "en"
