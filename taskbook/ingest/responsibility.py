"""Responsibility annotations: finding them, reading their roles, splitting unit lists.

An annotation is "(Lead unit: A; Participating units: B, C)", "（牵头单位：A；配合单位：B）",
"（A、B负责）", "（A牵头，B配合）" or such a text on a line of its own. A list is split into
unit names on 、 ， , ; ； / and the English "and" between names, never inside a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import grammar_en as en
from . import grammar_zh as zh
from .language import count_cjk, count_latin, has_cjk

MAX_ANNOTATION = 2000  # characters; a longer parenthesis is prose, not an annotation


def _label_pattern() -> re.Pattern[str]:
    groups = []
    english_roles = (
        ("lead", en.LEAD_LABELS),
        ("resp", en.RESPONSIBLE_LABELS),
        ("part", en.PARTICIPATING_LABELS),
        ("stop", en.OTHER_LABELS),
    )
    for role, labels in english_roles:
        groups.append(f"(?P<en_{role}>{'|'.join(labels)})")
    english = r"(?<![A-Za-z])(?i:" + "|".join(groups) + r")\s*[:：]"
    zh_groups = []
    chinese_roles = (
        ("lead", zh.LEAD_LABELS),
        ("resp", zh.RESPONSIBLE_LABELS),
        ("part", zh.PARTICIPATING_LABELS),
        ("stop", zh.OTHER_LABELS),
    )
    for role, labels in chinese_roles:
        ordered = sorted(labels, key=len, reverse=True)
        zh_groups.append(f"(?P<zh_{role}>{'|'.join(ordered)})")
    chinese_colon = "(?:" + "|".join(zh_groups) + r")\s*[:：]"
    inner = "|".join(g.replace("?P<zh_", "?P<zb_") for g in zh_groups)
    bracketed = "[【\\[]\\s*(?:" + inner + r")\s*[】\]]\s*[:：]?"
    return re.compile(f"{english}|{chinese_colon}|{bracketed}")


LABEL_RE = _label_pattern()
FIRST_IS_LEAD_RE = re.compile(f"{zh.FIRST_IS_LEAD}|{en.FIRST_IS_LEAD}")
SAME_BELOW_RE = re.compile(f"{zh.SAME_BELOW}|{en.SAME_BELOW}")
_ROLE_SUFFIXES = sorted(zh.ROLE_SUFFIXES, key=lambda pair: len(pair[0]), reverse=True)
_EN_SUFFIXES = [
    (
        re.compile(
            r"(?i)\s+(?:to\s+)?(?:take\s+the\s+)?lead$|\s*\((?:lead|leading)\)$|\s+as\s+(?:the\s+)?lead(?:\s+unit)?$"
        ),
        "lead",
    ),
    (
        re.compile(r"(?i)\s+(?:to\s+be\s+|are\s+|is\s+|shall\s+be\s+)?(?:responsible|in\s+charge)$"),
        "responsible",
    ),
    (
        re.compile(
            r"(?i)\s+(?:to\s+)?(?:participate|assist|cooperate|support)$|\s*\((?:participating|assisting)\)$"
        ),
        "participating",
    ),
]
_EN_PREFIXES = [
    (re.compile(r"(?i)^(?:led|headed|spearheaded)\s+by\s+"), "lead"),
    (
        re.compile(
            r"(?i)^(?:with\s+(?:the\s+)?(?:participation|support|cooperation|assistance)\s+of|"
            r"in\s+(?:co-?operation|collaboration|coordination)\s+with|supported\s+by|assisted\s+by|"
            r"together\s+with|with)\s+"
        ),
        "participating",
    ),
    (re.compile(r"(?i)^(?:implemented|undertaken|handled)\s+by\s+"), "responsible"),
]
# One footnote marker at the very end; applied to the last few characters only, so that a
# long run of "*" can never make the search quadratic.
_FOOTNOTE = re.compile(r"(?:\[\d{1,3}\]|［\d{1,3}］|\[\*\]|[①-⑳]|[¹²³⁴-⁹⁰]|\^\d{1,3}|\*|※|†|‡)$")
_MARKER = re.compile(
    r"\s*[（(]\s*(牵头|牵头单位|牵头部门|lead|leading|配合|参与|协办|participating)\s*[）)]\s*$", re.I
)
_LEAD_MARKERS = ("牵头", "牵头单位", "牵头部门", "lead", "leading")
_SENTENCE_END_EN = re.compile(r"[.!?][\"'”’)]?\s+[A-Z“\"]")
_OPEN, _CLOSE = "(（[【", ")）]】"
# "stop" labels ("完成时限：", "Deadline:") end a unit list inside an annotation.
_ROLE_OF_GROUP = {"lead": "lead", "resp": "responsible", "part": "participating", "stop": "none"}
_PARTICIPATION = re.compile(
    r"(?i),?\s+(?=(?:with\s+(?:the\s+)?(?:participation|support|cooperation|assistance)\s+of"
    r"|in\s+(?:co-?operation|collaboration|coordination)\s+with|supported\s+by|assisted\s+by"
    r"|together\s+with)\s)"
)


@dataclass
class Responsibility:
    lead: list[str] = field(default_factory=list)
    participating: list[str] = field(default_factory=list)
    states_rule: bool = False  # the first-listed-is-lead rule is stated in this annotation
    rule_persists: bool = False  # … with 下同 / "the same below"
    text: str = ""  # the annotation as printed

    def __bool__(self) -> bool:
        return bool(self.lead or self.participating)

    def extend(self, other: Responsibility) -> None:
        self.lead += [u for u in other.lead if u not in self.lead]
        taken = set(self.participating) | set(self.lead)
        self.participating += [u for u in other.participating if u not in taken]
        self.text = f"{self.text} {other.text}".strip()


# -- finding -----------------------------------------------------------------------------


def strip_footnotes(text: str) -> str:
    """Text without footnote markers ([1], ①, *, ^2) at its end."""
    while True:
        tail = text[-8:]
        m = _FOOTNOTE.search(tail)
        if m is None:
            return text
        text = text[: len(text) - len(tail) + m.start()]


def _strip_tail(text: str) -> str:
    """Text without trailing spaces, sentence punctuation and footnote markers."""
    end = len(text)
    while True:
        stripped = strip_footnotes(text[:end].rstrip(" \t\u3000。.；;，,")).rstrip(" \t\u3000。.；;，,")
        if len(stripped) == end:
            return stripped
        end = len(stripped)


def _matching_open(text: str, close: int) -> int | None:
    """Index of the bracket that opens the one at `close` (either width), or None."""
    depth = 0
    for i in range(close, max(-1, close - MAX_ANNOTATION), -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def find_annotation(text: str) -> tuple[int, str] | None:
    """(start, annotation text) of a responsibility annotation that ends `text`, or None.

    `start` is where the annotation (with its bracket) begins, so text[:start] is the item
    without it. Two forms: a trailing bracket whose content names units with a role, and a
    trailing "Label: …" clause (which may be the whole line).
    """
    body = _strip_tail(text)
    if body and body[-1] in _CLOSE:
        opener = _matching_open(body, len(body) - 1)
        if opener is not None:
            content = body[opener + 1 : -1]
            if is_annotation(content):
                return opener, content.strip()
    return _labelled_tail(body)


def _labelled_tail(text: str) -> tuple[int, str] | None:
    matches = list(LABEL_RE.finditer(text))
    if not matches:
        return None
    if _has_sentence_end(text[matches[-1].end() :]):
        return None
    first = len(matches) - 1
    # Earlier labels belong to the annotation while no sentence ends between them.
    while first > 0:
        between = text[matches[first - 1].end() : matches[first].start()].rstrip(" 。.;；,，")
        if _has_sentence_end(between):
            break
        first -= 1
    start = matches[first].start()
    before = text[:start].rstrip()
    if before and before[-1] not in "。.;；!?！？:：)）】":
        return None
    return start, text[start:].strip()


def _has_sentence_end(segment: str) -> bool:
    return "。" in segment or "！" in segment or "？" in segment or bool(_SENTENCE_END_EN.search(segment))


def is_annotation(content: str) -> bool:
    """Does the content of a bracket say who is responsible?"""
    content = content.strip()
    if not content or len(content) > MAX_ANNOTATION:
        return False
    if any(_role_of(m) != "none" for m in LABEL_RE.finditer(content)):
        return True
    core = _remove_rule_clauses(content)
    if not core:
        return False
    for clause in re.split(r"[，,；;。]", core):
        clause = clause.strip()
        if not clause:
            continue
        if has_cjk(clause):
            for suffix, _role in _ROLE_SUFFIXES:
                # 落实/参加/参与/协助 end ordinary sentences too; alone they do not make an annotation.
                weak = suffix in ("落实", "参加", "参与", "协助")
                if clause.endswith(suffix) and len(clause) > len(suffix) and not weak:
                    return True
        else:
            led_by = _EN_PREFIXES[0][0].search(clause)
            if led_by or any(p.search(clause) for p, _ in _EN_SUFFIXES[:2]):
                return looks_like_unit(_en_strip_role(clause)[0])
    return False


# -- reading ------------------------------------------------------------------------------


def _remove_rule_clauses(content: str) -> str:
    """The annotation without "列第一位者为牵头单位，下同" / "the first-listed unit is the lead"."""
    pieces = re.split(r"([，,。；;])", content)
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        clause = pieces[i]
        sep = pieces[i + 1] if i + 1 < len(pieces) else ""
        if FIRST_IS_LEAD_RE.search(clause) or (SAME_BELOW_RE.search(clause) and len(clause.strip()) <= 20):
            continue
        kept.append(clause + sep)
    return "".join(kept).strip(" ，,。；;")


def _role_of(label: re.Match[str]) -> str:
    """lead, responsible, participating or none, from the label's named group."""
    group = next(name for name, value in label.groupdict().items() if value)
    return _ROLE_OF_GROUP[group[3:]]


def parse_annotation(content: str, rule_in_force: bool = False) -> Responsibility:
    """Roles and unit names of an annotation's content (without its brackets).

    `rule_in_force`: an earlier "下同" or a document-wide note says the first listed unit
    of a "responsible" list is the lead.
    """
    result = Responsibility(text=content)
    result.states_rule = bool(FIRST_IS_LEAD_RE.search(content))
    result.rule_persists = result.states_rule and bool(SAME_BELOW_RE.search(content))
    first_is_lead = rule_in_force or result.states_rule
    core = _remove_rule_clauses(content)
    matches = list(LABEL_RE.finditer(core))
    segments: list[tuple[str, str]] = []  # (role, list text)
    if matches:
        if core[: matches[0].start()].strip(" ，,；;"):
            segments += _role_clauses(core[: matches[0].start()])
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(core)
            segments.append((_role_of(m), core[m.end() : end]))
    else:
        segments = _role_clauses(core)
    # Beside a lead unit, a "responsible" list names the units that carry it out with it.
    has_lead = any(role == "lead" for role, _ in segments)
    for role, text in segments:
        if role == "none":
            continue
        if role == "responsible" and has_lead:
            role = "participating"
        names, markers = split_with_markers(text)
        if not names:
            continue
        if any(markers):
            # "市商务局（牵头）、市财政局": the marked unit leads, the others take part.
            for name, marker in zip(names, markers, strict=True):
                leads = marker == "lead" or (marker is None and role == "lead")
                (result.lead if leads else result.participating).append(name)
        elif role == "lead":
            result.lead += names
        elif role == "participating":
            result.participating += names
        elif first_is_lead:
            result.lead.append(names[0])
            result.participating += names[1:]
        else:
            result.lead += names
    # A unit named twice keeps its first role; lead wins over participating.
    result.lead = list(dict.fromkeys(result.lead))
    result.participating = [u for u in dict.fromkeys(result.participating) if u not in result.lead]
    return result


def _role_clauses(core: str) -> list[tuple[str, str]]:
    """Split "A牵头，B、C配合" / "led by A, with B" into (role, list) pairs."""
    if has_cjk(core):
        out: list[tuple[str, str]] = []
        pending: list[str] = []
        for clause in re.split(r"[，,；;。]", core):
            clause = clause.strip()
            if not clause:
                continue
            role = None
            for suffix, suffix_role in _ROLE_SUFFIXES:
                if clause.endswith(suffix) and len(clause) > len(suffix):
                    clause, role = clause[: -len(suffix)], suffix_role
                    break
            pending.append(clause)
            if role:
                out.append((role, "、".join(pending)))
                pending = []
        if pending:
            out.append(("responsible", "、".join(pending)))
        return out
    out = []
    for clause in re.split(r"[;；]", core):
        clause = clause.strip(" ,")
        if not clause:
            continue
        # "led by A, with B and C participating": split off the participation phrase first.
        m = _PARTICIPATION.search(clause)
        parts = [clause[: m.start()], clause[m.end() :]] if m else [clause]
        for part in parts:
            text, role = _en_strip_role(part.strip(" ,"))
            out.append((role, text))
    return out


def _en_strip_role(clause: str) -> tuple[str, str]:
    for pattern, role in _EN_PREFIXES:
        m = pattern.search(clause)
        if m:
            rest, suffix_role = _en_strip_suffix(clause[m.end() :])
            return rest, role if role != "responsible" else suffix_role or role
    rest, found = _en_strip_suffix(clause)
    return rest, found or "responsible"


def _en_strip_suffix(clause: str) -> tuple[str, str | None]:
    for pattern, role in _EN_SUFFIXES:
        m = pattern.search(clause)
        if m:
            return clause[: m.start()], role
    return clause, None


# -- splitting lists ------------------------------------------------------------------------


def split_units(text: str) -> list[str]:
    """Unit names of a printed list, as printed, less words that are not the name."""
    return split_with_markers(text)[0]


def split_with_markers(text: str) -> tuple[list[str], list[str | None]]:
    """Unit names and, per name, a role marker printed with it ("（牵头）", "(lead)") or None."""
    names: list[str] = []
    markers: list[str | None] = []
    for raw in _split(text):
        marker = None
        m = _MARKER.search(raw)
        if m:
            word = m.group(1).lower()
            marker = "lead" if word in _LEAD_MARKERS else "participating"
            raw = raw[: m.start()]
        name = clean_unit(raw)
        if name and name not in names:
            names.append(name)
            markers.append(marker)
    return names, markers


def clean_unit(name: str) -> str:
    """A printed unit name less trailing role words, footnote markers and punctuation."""
    name = name.strip(" \t\u3000\"'“”‘’")
    previous = None
    while name != previous:
        previous = name
        name = strip_footnotes(name).strip(" \t\u3000。.；;，,：:、")
        if has_cjk(name):
            for suffix, _role in _ROLE_SUFFIXES:
                if name.endswith(suffix) and len(name) > len(suffix):
                    name = name[: -len(suffix)]
                    break
            if name.startswith(("由", "以及")) and len(name) > 2:
                name = name[2:] if name.startswith("以及") else name[1:]
        else:
            name = _en_strip_suffix(name)[0]
            name = re.sub(r"(?i)^(?:and|&)\s+|,?\s+etc\.?$", "", name)
            name = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", name)  # "the Municipal Commerce Bureau"
    return name.strip()


def _split(text: str) -> list[str]:
    text = " ".join(text.split())
    if not text:
        return []
    out: list[str] = []
    # Semicolons always separate; inside a piece, Chinese and English need different care.
    for piece in re.split(r"[;；]", text):
        piece = piece.strip()
        if not piece:
            continue
        if count_cjk(piece) >= 2 and count_latin(piece) < 3:
            out += _split_zh(piece)
        else:
            out += _split_en(piece)
    return out


def _split_zh(piece: str) -> list[str]:
    # Never on 和 / 及 / 与: 文化和旅游部 and 住房和城乡建设部 are one unit each.
    parts = re.split(r"[、，,／/]|(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fff（(])", piece)
    return [p.strip() for p in parts if p.strip()]


def _head_word(word: str) -> str:
    return word.lower().strip(".,()[]'\"“”’").replace("’", "'")


def looks_like_unit(name: str) -> bool:
    """Does this English fragment name a body on its own?

    It does when its last word is a head noun ("… Bureau", "Futian District", "Shenzhen
    Customs"), when a head noun is followed by "of" ("Bureau of Commerce"), or when it is a
    generic phrase as printed ("each district", "relevant departments").
    """
    name = _MARKER.sub("", name)  # "X Bureau (lead)" is judged as "X Bureau"
    words = [_head_word(w) for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return False
    if words[-1] in en.HEAD_NOUNS:
        return True
    for i, word in enumerate(words[:-1]):
        if word in en.HEAD_NOUNS and words[i + 1] == "of":
            return True
    from .units import known_unit

    return known_unit(name) is not None


def _starts_like_name(fragment: str) -> bool:
    if not fragment:
        return False
    if fragment[0].islower():
        return fragment.lower().startswith(en.GENERIC_LOWER_STARTS) or looks_like_unit(fragment)
    first = _head_word(fragment.split()[0])
    return first in en.NAME_STARTS and len(fragment.split()) >= 2


def _split_en(piece: str) -> list[str]:
    # 1. Commas: a fragment that cannot stand alone ("Radio", "Tourism and Sports") belongs
    #    to the name before it: "Municipal Bureau of Culture, Radio, Television, Tourism and Sports".
    names: list[str] = []
    for fragment in piece.split(","):
        fragment = fragment.strip()
        if not fragment:
            continue
        bare = re.sub(r"(?i)^(?:and|&)\s+", "", fragment)
        if names and re.fullmatch(r"(?i)(?:co|ltd|inc|limited|llc|plc|corp)\.?", bare):
            names[-1] += ", " + bare  # "… Group Co., Ltd."
        elif not names or _starts_like_name(bare) or (looks_like_unit(bare) and looks_like_unit(names[-1])):
            names.append(bare)
        elif bare.lower() in ("etc", "etc."):
            continue
        else:
            names[-1] += ", " + fragment
    # 2. "and" and "/": split only between two complete names.
    out: list[str] = []
    for name in names:
        out += _split_and(name)
    return out


def _split_and(name: str) -> list[str]:
    joints = list(re.finditer(r"\s+and\s+|\s*&\s*|\s*/\s*", name))
    for i, joint in enumerate(joints):
        left = name[: joint.start()]
        # The right side is judged on its first name only, up to the next joint.
        right_first = name[joint.end() : joints[i + 1].start() if i + 1 < len(joints) else len(name)]
        right_first = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", right_first)
        if looks_like_unit(left) and (
            looks_like_unit(right_first) or right_first.lower().startswith(en.GENERIC_LOWER_STARTS)
        ):
            return [left.strip(), *_split_and(name[joint.end() :].strip())]
    return [name.strip()]
