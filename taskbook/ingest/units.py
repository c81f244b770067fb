"""Unit names: the key that tells two printed names are one body, clustering, the alias table.

Two printed names are merged only when (a) they normalise to the same key — word order
"Bureau of X" / "X Bureau", tax/taxation, "X Administration Bureau" / "X Administration",
case and punctuation — or (b) the shipped alias table lists both for one body. Nothing
else merges: "… of the People's Bank" and "… of the People's Bank of China" are different
strings to the rules, and only the table (which knows Shenzhen's bodies) joins them. A
wrong merge silently gives one bureau's tasks to another, a missed one only shows as two
rows on the review screen.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .draft import UnitDraft
from .language import count_cjk, count_latin

ALIAS_TABLE = Path(__file__).with_name("data") / "unit_aliases.csv"

# Heads that may be moved: "Municipal Bureau of Commerce" -> "municipal commerce bureau".
# fmt: off
_MOVABLE_HEADS = {
    "bureau", "commission", "office", "department", "administration", "committee", "ministry", "agency",
    "authority", "court", "station", "center", "council",
}
_HEADS = _MOVABLE_HEADS | {
    "branch", "bank", "group", "company", "customs", "government", "district", "county", "city",
    "province", "university", "institute", "association", "federation", "procuratorate",
}
# Spellings of one word; deliberately short. transport/transportation is *not* here: the
# alias table decides that per body.
_SYNONYMS = {
    "taxation": "tax", "centre": "center", "organisation": "organization", "organisations": "organizations",
    "programme": "program", "defence": "defense", "labour": "labor",
}
# fmt: on


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").strip()


def _mostly_cjk(text: str) -> bool:
    cjk, latin = count_cjk(text), count_latin(text)
    return cjk >= 2 and cjk * 3 >= latin


def normalise(name: str) -> str:
    """The key under which printed names of one body meet."""
    text = _nfkc(name).casefold()
    if _mostly_cjk(text):
        return re.sub(r"[\s\W_]+", "", text)
    text = text.replace("&", " and ")
    text = re.sub(r"[-–—/]", " ", text)
    text = re.sub(r"[^\w\s']", " ", text)
    tokens = [_SYNONYMS.get(t, t) for t in text.split()]
    while tokens and tokens[0] == "the":
        tokens = tokens[1:]
    # "X Administration Bureau" is the usual long form of "X Administration".
    if len(tokens) >= 2 and tokens[-1] == "bureau" and tokens[-2] == "administration":
        tokens = tokens[:-1]
    # "<prefix> Bureau of <domain>" -> "<prefix> <domain> bureau", when the domain is a
    # plain field of work (no other head noun, no "of"): never for "Department of the CPC
    # Municipal Committee", which names a part of another body.
    for i, token in enumerate(tokens[:-2]):
        if token in _MOVABLE_HEADS and tokens[i + 1] == "of":
            domain = [t for t in tokens[i + 2 :] if t != "the"]
            if domain and len(domain) <= 8 and not any(t in _HEADS or t == "of" for t in domain):
                tokens = tokens[:i] + domain + [token]
            break
    return " ".join(tokens)


# fmt: off
_ZH_DISTRICT_ENDS = (
    "区", "县", "区政府", "县政府", "区人民政府", "县人民政府", "街道", "镇", "街道办事处",
)
_ZH_BUREAU_ENDS = (
    "局", "委", "办", "厅", "部", "署", "委员会", "办公室", "海关", "政府", "支行", "站", "会", "院",
    "处", "中心", "所", "室", "队", "组",
)
_EN_COMPANY_WORDS = {"group", "company", "co", "ltd", "corporation", "inc", "bank", "limited", "plc"}
# fmt: on


def guess_kind(name: str) -> str:
    """bureau, district, court, company or other, from the words of the name."""
    text = _nfkc(name)
    if _mostly_cjk(text):
        if text.endswith(("法院", "法庭", "检察院")):
            return "court"
        if "人民银行" in text:
            return "bureau"
        if text.endswith(("公司", "集团", "银行", "有限公司")) or "集团" in text[-6:]:
            return "company"
        if text.endswith(_ZH_DISTRICT_ENDS):
            return "district"
        if text.endswith(_ZH_BUREAU_ENDS):
            return "bureau"
        return "other"
    words = [w.strip(".,()'\"") for w in text.lower().split()]
    words = [w for w in words if w]
    if not words:
        return "other"
    if "court" in words or "courts" in words or "procuratorate" in words:
        return "court"
    if "people's" in words and "bank" in words:
        return "bureau"
    if any(w in _EN_COMPANY_WORDS for w in words):
        return "company"
    if words[-1] in ("district", "districts", "county", "counties", "subdistrict"):
        return "district"
    if "district" in words and words[-1] in ("government", "governments"):
        return "district"
    bureau_words = {
        "bureau",
        "bureaus",
        "commission",
        "office",
        "administration",
        "department",
        "departments",
        "committee",
        "ministry",
        "customs",
        "station",
        "agency",
        "authority",
        "government",
        "council",
        "branch",
    }
    if any(w in bureau_words for w in words):
        return "bureau"
    return "other"


@dataclass(frozen=True)
class AliasRow:
    name_en: str
    name_zh: str
    kind: str
    scope: tuple[str, ...]  # words one of which a document must mention for the row to apply
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name_en, self.name_zh, *self.aliases) if n)

    def draft(self, name: str = "") -> UnitDraft:
        canonical = name or self.name_en or self.name_zh
        aliases = [n for n in self.names if n != canonical]
        return UnitDraft(canonical, aliases, self.name_zh, self.name_en, self.kind)


@lru_cache(maxsize=4)
def load_alias_table(path: str = str(ALIAS_TABLE)) -> tuple[AliasRow, ...]:
    """Rows of the alias table (see data/README.md for the format)."""
    rows: list[AliasRow] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    for record in csv.DictReader(lines):
        rows.append(
            AliasRow(
                name_en=(record.get("name_en") or "").strip(),
                name_zh=(record.get("name_zh") or "").strip(),
                kind=(record.get("kind") or "").strip() or "other",
                scope=tuple(s.strip() for s in (record.get("scope") or "").split("|") if s.strip()),
                aliases=tuple(a.strip() for a in (record.get("aliases") or "").split("|") if a.strip()),
            )
        )
    return tuple(rows)


@lru_cache(maxsize=4)
def _index(path: str = str(ALIAS_TABLE)) -> dict[str, AliasRow]:
    index: dict[str, AliasRow] = {}
    for row in load_alias_table(path):
        for name in row.names:
            index.setdefault(normalise(name), row)
    return index


def table_conflicts(path: str = str(ALIAS_TABLE)) -> list[tuple[str, str, str]]:
    """Names that two rows of the table both claim (a check for the table's editors)."""
    seen: dict[str, AliasRow] = {}
    out = []
    for row in load_alias_table(path):
        for name in row.names:
            key = normalise(name)
            if key in seen and seen[key] is not row:
                out.append((name, seen[key].name_en or seen[key].name_zh, row.name_en or row.name_zh))
            seen.setdefault(key, row)
    return out


def _row(name: str, context: str | None) -> AliasRow | None:
    row = _index().get(normalise(name))
    if row is None:
        return None
    if context is not None and row.scope and not any(word in context for word in row.scope):
        return None  # "市商务局" of a Guangzhou plan is not Shenzhen's bureau
    return row


def known_unit(name: str) -> UnitDraft | None:
    """The alias table's entry for a printed name, or None."""
    row = _index().get(normalise(name))
    return row.draft() if row else None


def cluster(names: list[str], context: str | None = None) -> list[UnitDraft]:
    """One UnitDraft per body among the printed names, in order of first appearance.

    `context` is the document's text: alias-table rows scoped to a place ("Shenzhen") are
    used only when the document mentions it; None uses every row.
    """
    counts = Counter(n for n in names if n)
    order = list(counts)
    parent = list(range(len(order)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_key: dict[str, int] = {}
    by_row: dict[int, int] = {}
    rows: dict[int, AliasRow] = {}
    for i, name in enumerate(order):
        key = normalise(name)
        if key in by_key:
            union(i, by_key[key])
        else:
            by_key[key] = i
        row = _row(name, context)
        if row is not None:
            rows[i] = row
            if id(row) in by_row:
                union(i, by_row[id(row)])
            else:
                by_row[id(row)] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(order)):
        groups.setdefault(find(i), []).append(i)
    drafts = []
    for members in groups.values():
        printed = [order[i] for i in members]
        row = next((rows[i] for i in members if i in rows), None)
        chinese = _mostly_cjk(printed[0])
        if row is not None and (row.name_zh if chinese else row.name_en):
            canonical = row.name_zh if chinese else row.name_en
        else:
            canonical = max(printed, key=lambda n: (counts[n], -printed.index(n)))
        aliases = [n for n in printed if n != canonical]
        name_zh = row.name_zh if row else (canonical if chinese else "")
        name_en = row.name_en if row else ("" if chinese else canonical)
        kind = row.kind if row else guess_kind(canonical)
        drafts.append(UnitDraft(canonical, aliases, name_zh, name_en, kind))
    return drafts
