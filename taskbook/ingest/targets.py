"""Quantitative targets: a number with a unit that the plan commits to, with its comparator.

"By 2025, … will account for more than 77% …" is a target (77, "%", ">=", 2025);
"within 3 working days" (a duration), "a subsidy of up to 30%" (a subsidy rate),
"enterprises with annual revenue over 100 million yuan" (an eligibility threshold), "2025"
(a year) and "two cities" (a count of list items) are not. A range ("10%-15%") is two
targets, ">=" the low end and "<=" the high end.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import grammar_en as en
from . import grammar_zh as zh
from .draft import TargetDraft
from .language import count_cjk, is_cjk
from .sentences import split_sentences, strip_end

_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])(\d{1,3}(?:,\d{3}){1,4}|\d{1,12})(\.\d{1,6})?(?![\d,]\d)")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")  # one to one: indices hold
_RANGE_JOIN = re.compile(r"\s*(?:[-–—~～]|至|to|and)\s*")
_ZH_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:底|末|前|以前|之前)?")
_EN_YEAR = re.compile(
    r"(?i)\b(?:"
    + "|".join(en.YEAR_BEFORE)
    + r")\s+(?:the\s+(?:end|close)\s+of\s+)?(?:fy\s*)?((?:19|20)\d{2})\b"
)
_BASELINE_YEAR = re.compile(
    r"(?:较|比|与|同|相比|对比|compared\s+(?:with|to)|than|over|from|since|base\s+year)\s*$", re.I
)
_BASELINE_BEFORE = re.compile(r"(?:由|从)[^，,；;。]{0,12}$|(?i:\bfrom)\s*(?:the\s+)?(?:current\s+)?$")
_BASELINE_TO = re.compile(r"(?:提高|提升|增加|增长|扩大|上升|降低|下降|减少|压缩|缩短)?(?:到|至)|(?i:\bto\b)")
_EN_CURRENCY = re.compile("(" + "|".join(re.escape(c) for c in en.CURRENCIES) + r")\s*$")
_EN_SCALE = re.compile(r"\s*(" + "|".join(en.SCALES) + r")\b", re.I)
_EN_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b)|\s*(percentage\s+points?)\b", re.I)
_EN_MONEY_WORD = re.compile(
    r"\s*(" + "|".join(w.replace(" ", r"\s+") for w in en.CURRENCY_WORDS) + r")\b", re.I
)
_EN_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\s*$")
_GLUED_UNIT = re.compile(r"(?i)(?:km|kw|kwh|mw|gw|kg|t|m2|bn|mn|k|m)\b")
_YEAR_RANGE_AFTER = re.compile(r"\s*(?:年\s*)?[-—–~～至]\s*(?:19|20)\d{2}")
_YEAR_RANGE_BEFORE = re.compile(r"(?:19|20)\d{2}\s*[-—–~～至]\s*$")
_FROM_TAIL = re.compile(r"(?:由|从|(?i:\bfrom))[^，,；;。]*$")


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


_EN_CUES = [
    (_phrase_pattern(en.GE_BEFORE), ">="),
    (_phrase_pattern(en.LE_BEFORE), "<="),
    (_phrase_pattern(en.EQ_BEFORE), "="),
]
_ZH_CUES = [
    (re.compile("|".join(sorted(zh.GE_BEFORE, key=len, reverse=True))), ">="),
    (re.compile("|".join(sorted(zh.LE_BEFORE, key=len, reverse=True))), "<="),
    (re.compile("|".join(sorted(zh.EQ_BEFORE, key=len, reverse=True))), "="),
]
_EN_NON_TARGET = re.compile("|".join(en.NON_TARGET_CUES), re.I)
_ZH_NON_TARGET = re.compile("|".join(map(re.escape, zh.NON_TARGET_CUES)))
_EN_VERBS = _phrase_pattern(en.COMMITMENT_VERBS)
_ZH_VERBS = re.compile("|".join(sorted(zh.COMMITMENT_VERBS, key=len, reverse=True)))
_ZH_UNITS = sorted(zh.MEASURE_WORDS, key=len, reverse=True)
_ZH_TIME = sorted(zh.TIME_UNITS, key=len, reverse=True)


@dataclass
class _Unit:
    text: str
    end: int  # index just past the unit in the sentence
    time: bool = False
    money: bool = False
    more: bool = False  # "100多家": the number is a floor


def find_targets(text: str) -> list[TargetDraft]:
    """Targets in a task's (or a goals part's) text, in order."""
    out: list[TargetDraft] = []
    for printed in text.split("\n"):
        if not printed.strip():
            continue
        paragraph = printed.translate(_FULLWIDTH)  # "７０％" reads as "70%"; positions do not move
        lead_year = _leading_year(paragraph)
        for start, end in split_sentences(paragraph):
            out += _sentence_targets(paragraph[start:end], lead_year, printed[start:end])
    return out


def _leading_year(paragraph: str) -> int | None:
    """ "到2020年，……" / "By 2025, …" at the head of a paragraph holds for all its sentences."""
    head = paragraph.strip()[:24]
    m = re.match(r"(?:到|至|截至|力争到|预计到)?\s*((?:19|20)\d{2})\s*年(?:底|末)?\s*[，,]", head)
    if m:
        return int(m.group(1))
    m = re.match(r"(?i)(?:by|in|until)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\s*,", head)
    return int(m.group(1)) if m else None


def _depth(sentence: str) -> list[int]:
    """Nesting depth in 《》 and quotes per character: numbers inside a title are not targets."""
    depth, out = 0, []
    quote = False
    for ch in sentence:
        if ch in "《":
            depth += 1
        elif ch in "》":
            depth = max(0, depth - 1)
        elif ch in "“":
            quote = True
        elif ch in "”":
            quote = False
        out.append(depth + (1 if quote else 0))
    return out


def _sentence_targets(sentence: str, lead_year: int | None, printed: str) -> list[TargetDraft]:
    chinese = count_cjk(sentence) >= 3
    depth = _depth(sentence)
    years = _years(sentence)
    found: list[tuple[int, TargetDraft]] = []
    numbers = list(_NUMBER.finditer(sentence))
    skip_until = -1
    for index, m in enumerate(numbers):
        if m.start() < skip_until or depth[m.start()]:
            continue
        value = _value(m)
        unit = _unit(sentence, m.end(), m.start(), chinese)
        if _is_year(sentence, m, unit):
            continue
        # A range "10%-15%" / "10至15万人": the unit may be printed only after the second number.
        pair = _range_pair(sentence, numbers, index, unit, chinese)
        if pair is not None:
            nxt, unit2 = pair
            low = _target(sentence, m, value, unit2, years, lead_year, chinese, ">=")
            high = _target(sentence, nxt, _value(nxt), unit2, years, lead_year, chinese, "<=")
            if low and high:
                found += [(m.start(), low), (nxt.start(), high)]
            skip_until = nxt.end()
            continue
        if unit is None or unit.time:
            continue
        # "由10%提高到15%": the first number is the baseline of the second.
        if _BASELINE_BEFORE.search(sentence[max(0, m.start() - 16) : m.start()]):
            later = [
                n
                for n in numbers[index + 1 : index + 4]
                if not _is_year(sentence, n, _unit_at(sentence, n, chinese))
            ]
            following = later[0] if later else None
            between = sentence[unit.end : following.start()] if following else ""
            if following and _BASELINE_TO.search(between) and len(between) <= 16:
                next_unit = _unit(sentence, following.end(), following.start(), chinese)
                target = None
                if next_unit is not None:
                    target = _target(
                        sentence, following, _value(following), next_unit, years, lead_year, chinese, None
                    )
                if target:
                    target.baseline = sentence[m.start() : unit.end]
                    head = _FROM_TAIL.sub("", sentence[max(0, m.start() - 120) : m.start()])
                    target.metric = _metric(head, chinese)
                    found.append((following.start(), target))
                skip_until = following.end()
                continue
        target = _target(sentence, m, value, unit, years, lead_year, chinese, None)
        if target:
            found.append((m.start(), target))
    whole = strip_end(printed) if len(found) == 1 else ""
    for pos, target in found:
        # The text as printed (full-width digits and all); positions are the same.
        target.text = whole or _clause_around(printed, pos)
    return [t for _, t in found]


def _range_pair(
    sentence: str, numbers: list[re.Match[str]], index: int, unit: _Unit | None, chinese: bool
) -> tuple[re.Match[str], _Unit] | None:
    """The second number and shared unit of a range starting at numbers[index], or None."""
    if index + 1 >= len(numbers):
        return None
    m, nxt = numbers[index], numbers[index + 1]
    joint = sentence[(unit.end if unit else m.end()) : nxt.start()]
    if not _RANGE_JOIN.fullmatch(joint):
        return None
    word = joint.strip().lower()
    if word == "to" and (chinese or re.search(r"(?i)\bfrom\s*$", sentence[: m.start()])):
        return None  # "increase from 10% to 15%" is a baseline and a target, handled apart
    if word == "and" and not re.search(r"(?i)\bbetween\s*$", sentence[: m.start()]):
        return None  # "65% and 55%" are two targets
    unit2 = _unit(sentence, nxt.end(), nxt.start(), chinese)
    if unit2 is None or unit2.time or (unit is not None and unit.text != unit2.text):
        return None
    return nxt, unit2


def _value(m: re.Match[str]) -> float:
    number = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return int(number) if number.is_integer() else number


def _is_year(sentence: str, m: re.Match[str], unit: _Unit | None) -> bool:
    if m.group(2) or "," in m.group(1):
        return False
    value = int(m.group(1))
    if not 1900 <= value <= 2100:
        return False
    return unit is None or unit.time or unit.text in ("年", "")


def _unit(sentence: str, end: int, start: int, chinese: bool) -> _Unit | None:
    """The unit printed with the number that ends at `end`, or None (a bare number)."""
    rest = sentence[end:]
    # "5G", "4K", "3D": part of a name — unless a unit word follows ("3km" is rare in plans).
    if rest[:1].isalpha() and rest[:1].isascii() and not _GLUED_UNIT.match(rest):
        return None
    stripped = rest.lstrip()
    offset = end + (len(rest) - len(stripped))
    if stripped.startswith(("%", "％")):
        return _Unit("%", offset + 1)
    if chinese or (stripped[:1] and is_cjk(stripped[0])):
        return _zh_unit(stripped, offset)
    currency = ""
    cm = _EN_CURRENCY.search(sentence[max(0, start - 6) : start])
    if cm:
        currency = re.sub(r"\s+", "", cm.group(1))
    pm = _EN_PERCENT.match(rest)
    if pm:
        return _Unit("percentage points" if pm.group(1) else "%", end + pm.end())
    pos = end
    scale = ""
    sm = _EN_SCALE.match(sentence, pos)
    if sm:
        scale = sm.group(1).lower()
        pos = sm.end()
    money_word = ""
    mm = _EN_MONEY_WORD.match(sentence, pos)
    if mm:
        money_word = mm.group(1).lower()
        pos = mm.end()
    if currency or money_word:
        text = " ".join(p for p in (currency, scale, money_word) if p)
        return _Unit(text, pos, money=True)
    noun, noun_end = _count_noun(sentence, pos)
    if scale:
        return _Unit(f"{scale} {noun}".strip(), noun_end if noun else pos)
    if not noun:
        # "increase the number of … to 1,000 by 2025": the counted thing was named before.
        previous = _PREVIOUS_WORD.search(sentence, max(0, start - 16), start)
        return _Unit("", pos) if previous and previous.group(1).lower() in en.VALUE_WORDS else None
    first = noun.split()[0].lower()
    if first in en.TIME_UNITS:
        return _Unit(noun, noun_end, time=True)
    return _Unit(noun, noun_end)


def _unit_at(sentence: str, m: re.Match[str], chinese: bool) -> _Unit | None:
    return _unit(sentence, m.end(), m.start(), chinese)


def _zh_unit(text: str, offset: int) -> _Unit | None:
    """ "万名", "亿千瓦", "个工作日" … at the start of `text` (after the number)."""
    more = text[:1] in ("多", "余")  # "100多家", "50余个": more than
    if more:
        text, offset = text[1:], offset + 1
    scale = next((s for s in zh.SCALES if text.startswith(s)), "")
    after = text[len(scale) :]
    for word in _ZH_TIME:
        if after.startswith(word):
            return _Unit(scale + word, offset + len(scale) + len(word), time=True)
    for word in _ZH_UNITS:
        if after.startswith(word):
            return _Unit(scale + word, offset + len(scale) + len(word), money="元" in word, more=more)
    return _Unit(scale, offset + len(scale), more=more) if scale else None


def _count_noun(sentence: str, pos: int) -> tuple[str, int]:
    """Up to three words after a number, stopping at a function word: "500 high-tech enterprises"."""
    words: list[str] = []
    end = pos
    while len(words) < 3:
        m = _EN_WORD.match(sentence, end)
        if not m or m.group(1).lower() in en.STOP_WORDS:
            break
        words.append(m.group(1))
        end = m.end()
        if sentence[end : end + 1] in (",", ".", ";", ":", ")"):
            break
    return " ".join(words), end


def _years(sentence: str) -> list[tuple[int, int]]:
    """(position, year) of years printed as target years; baselines and ranges left out."""
    out = []
    for m in list(_ZH_YEAR.finditer(sentence)) + list(_EN_YEAR.finditer(sentence)):
        before = sentence[max(0, m.start() - 12) : m.start()]
        if _BASELINE_YEAR.search(before):
            continue
        after = sentence[m.end(1) : m.end(1) + 3]
        if _YEAR_RANGE_AFTER.match(after) or _YEAR_RANGE_BEFORE.search(before):
            continue  # 2023—2025年: the plan period, not a target year
        out.append((m.start(1), int(m.group(1))))
    out.sort()
    return out


def _target(
    sentence: str,
    m: re.Match[str],
    value: float,
    unit: _Unit | None,
    years: list[tuple[int, int]],
    lead_year: int | None,
    chinese: bool,
    forced: str | None,
) -> TargetDraft | None:
    if unit is None or unit.time:
        return None
    clause_start, clause_end = _clause_bounds(sentence, m.start(), unit.end)
    clause = sentence[clause_start:clause_end]
    before = sentence[clause_start : m.start()]
    after = sentence[unit.end : unit.end + 6]
    if chinese:
        if m.start() > 0 and sentence[m.start() - 1] == "第":
            return None
        if _ZH_NON_TARGET.search(clause):
            return None
        listed = any(after.lstrip().startswith(word) for word in zh.LIST_COUNT_AFTER)
        if listed or unit.text in ("级", "星", "期", "届", "次"):
            return None
        tail = re.sub(r"^(?:及以上|或以上|以上|以下|及以下|以内|之内|左右|上下|多)", "", after.lstrip())
        if tail.startswith("的"):
            return None  # "年营业收入超过1亿元的企业": a threshold that picks enterprises
    else:
        previous = re.findall(r"[A-Za-z.]+", sentence[max(0, m.start() - 15) : m.start()])
        if previous and previous[-1].lower().rstrip(".") in en.LABEL_WORDS | {"no"}:
            return None
        if _EN_NON_TARGET.search(clause) or (unit.money and re.search(r"(?i)\bup\s+to\b", before)):
            return None
        if unit.text and unit.text.split()[-1].lower() in en.LIST_COUNT_NOUNS:
            return None
    comparator, cue_at = _comparator(before, after, chinese)
    if unit.more and comparator == "=":
        comparator = ">="
    if forced:
        comparator = forced
    year = _year_for(m.start(), years, lead_year)
    verb = (_ZH_VERBS if chinese else _EN_VERBS).search(before)
    has_signal = cue_at is not None or year is not None or verb is not None
    if not has_signal:
        return None
    metric_end = clause_start + (cue_at if cue_at is not None else len(before))
    return TargetDraft(
        text="",  # set by the caller, once per sentence
        value=value,
        unit=unit.text,
        comparator=comparator,  # type: ignore[arg-type]
        year=year,
        metric=_metric(sentence[clause_start:metric_end], chinese),
    )


def _comparator(before: str, after: str, chinese: bool) -> tuple[str, int | None]:
    """(comparator, where its cue starts in `before`); postfix words (以上, or more) win.

    The position is None when nothing but the number itself was found: no cue, no commitment.
    """
    window = before[-40:]
    cue = _nearest(window, _ZH_CUES if chinese else _EN_CUES)
    at = len(before) - len(window) + cue[1] if cue else None
    after = after.lstrip()
    if chinese:
        postfix = ((zh.EQ_AFTER, "="), (zh.LE_AFTER, "<="), (zh.GE_AFTER, ">="))
        for words, comparator in postfix:
            if any(after.startswith(w) for w in words):
                return comparator, at if at is not None else len(before)
    else:
        low = after.lower()
        for words, comparator in ((en.GE_AFTER, ">="), (en.LE_AFTER, "<=")):
            if any(low.startswith(w) for w in words):
                return comparator, at if at is not None else len(before)
    return (cue[0], at) if cue else ("=", None)


def _nearest(window: str, cues: list[tuple[re.Pattern[str], str]]) -> tuple[str, int] | None:
    best: tuple[int, int, str, int] | None = None  # (end, length, comparator, start)
    for pattern, comparator in cues:
        for m in pattern.finditer(window):
            key = (m.end(), m.end() - m.start(), comparator, m.start())
            if best is None or key[:2] > best[:2]:
                best = key
    return (best[2], best[3]) if best else None


def _year_for(position: int, years: list[tuple[int, int]], lead_year: int | None) -> int | None:
    """The nearest target year printed before the number, else the first after it."""
    index = bisect.bisect_left(years, (position, 0))
    if index > 0:
        return years[index - 1][1]
    if index < len(years):
        return years[index][1]
    return lead_year


def _metric(text: str, chinese: bool) -> str:
    text = re.sub(r"^(?:到|至|截至|力争到)?\s*(?:19|20)\d{2}\s*年(?:底|末)?\s*[，,]?", "", text.strip())
    text = re.sub(r"(?i)^(?:by|in|until)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2}\s*,?\s*", "", text)
    if chinese:
        text = re.sub(r"^(?:其中|并|且|同时)", "", text)
        text = re.sub(r"(?:要|将|力争|确保|累计)?$", "", text)
    else:
        text = re.split(r"(?i)\s+(?:will|shall|should|to|is|are|must)(?:\s+|$)", text)[0]
    text = re.sub(r"(?i)^(?:and|with|while|of\s+which)\s+", "", text.strip())
    return strip_end(text)[:120]


_MARKS = re.compile(r"[，,；;：:]")
_COMMAS = re.compile(r"[，,；;]")


def _clause_bounds(sentence: str, start: int, end: int, marks: re.Pattern[str] = _MARKS) -> tuple[int, int]:
    """The clause (between commas, semicolons or colons) around sentence[start:end].

    Looks at most 300 characters each way, so that a run-on paragraph full of numbers costs
    no more per number than a short sentence.
    """
    floor = max(0, start - 300)
    left = floor
    for m in marks.finditer(sentence, floor, start):
        left = m.end()
    right_m = marks.search(sentence, end, min(len(sentence), end + 300))
    right = right_m.start() if right_m else min(len(sentence), end + 300)
    return left, right


def _clause_around(sentence: str, pos: int) -> str:
    start, end = _clause_bounds(sentence, pos, pos, _COMMAS)
    return strip_end(sentence[start:end])
