"""The plan's title, period and issuing body, and the lines around the plan proper.

The head of a document is its title (sometimes printed over two lines), a document number
(国发〔2019〕3号) and an addressee; the tail is a signature, a date and web-page
boilerplate ("Content source: …", "（此件公开发布）"). Neither belongs to any section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block
from .language import has_cjk, is_cjk
from .numbering import parse_numbering
from .units import guess_kind

_DOC_TYPES = (
    "意见",
    "方案",
    "计划",
    "通知",
    "办法",
    "规划",
    "措施",
    "决定",
    "规定",
    "纲要",
    "细则",
    "要点",
    "条例",
    "报告",
    "批复",
    "指引",
    "清单",
    "行动",
    "举措",
    "政策",
    "分工",
)
_DOC_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
_NOISE = re.compile(r"^(?:[0-9a-fA-F]{16,}|https?://\S+|www\.\S+|[\W_]+)$")
_DATE = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[\s-]+\d{1,2},?[\s-]+\d{4}|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}|"
    r"[二〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
_BOILERPLATE = re.compile(
    r"^(?:content\s+source|source|post(?:ed)?\s+(?:time|on|date)|editor|some\s+pictures|please\s+indicate|"
    r"share\s+(?:this|to)|print|close|back\s+to\s+top|copyright|来源|信息来源|文章来源|责任编辑|编辑|"
    r"发布时间|发布日期|发文日期|扫一扫|打印|关闭|分享|【打印】|【关闭】|附件下载|浏览次数|字号|"
    r"[（(]此件公开发布[)）]|[（(]此件[^）)]{0,10}[)）]|抄送|主送|印发|版权所有)",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~～至到]+\s*((?:19|20)\d{2})")
_SINGLE_YEAR = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年?\s*[)）]")
_BODY_SUFFIX = (
    "国务院",
    "院",
    "部",
    "委",
    "局",
    "办",
    "厅",
    "政府",
    "委员会",
    "办公室",
    "办公厅",
    "署",
    "会",
    "中央",
    "行",
)


@dataclass
class Metadata:
    title: str = ""
    title_blocks: int = 0  # how many leading blocks are the title, number and addressee
    tail_start: int | None = None  # index of the first block of the signature/boilerplate tail
    issuing_body: str = ""
    period_start: int | None = None
    period_end: int | None = None


def read_metadata(blocks: list[Block], title_hint: str = "") -> Metadata:
    meta = Metadata()
    _read_head(blocks, meta, title_hint)
    _read_tail(blocks, meta)
    _read_period(blocks, meta)
    if not meta.issuing_body:
        meta.issuing_body = _issuer_from_title(meta.title)
    return meta


def _is_title_candidate(block: Block) -> bool:
    text = block.text
    if block.table is not None or not text or _NOISE.match(text) or _DATE.match(text):
        return False
    return parse_numbering(text) is None


def _read_head(blocks: list[Block], meta: Metadata, title_hint: str) -> None:
    # A styled top heading (<h1>, a DOCX Title) near the start is the title, whatever precedes it
    # (a web page's breadcrumbs, a document number).
    for index, block in enumerate(blocks[:6]):
        if block.heading_level == 1 and _is_title_candidate(block):
            meta.title = block.text
            meta.title_blocks = index + 1
            _read_issuer_line(blocks, meta)
            return
    i = 0
    while i < len(blocks) and i < 5 and not _is_title_candidate(blocks[i]):
        if parse_numbering(blocks[i].text) is not None or blocks[i].table is not None:
            break
        i += 1
    if i < len(blocks) and _is_title_candidate(blocks[i]) and len(blocks[i].text) <= 200:
        title = blocks[i].text
        j = i + 1
        # A title printed over two or three lines: join while it has not reached its end.
        while j < len(blocks) and j <= i + 2 and _continues_title(title, blocks[j]):
            title = _join(title, blocks[j].text)
            j += 1
        meta.title = title.strip()
        meta.title_blocks = j
    elif title_hint:
        meta.title = title_hint.strip()
    # Document number and addressee lines right after the title are part of the head too.
    k = meta.title_blocks
    while k < len(blocks) and k < meta.title_blocks + 3:
        text = blocks[k].text
        if blocks[k].table is None and (
            (_DOC_NUMBER.search(text) and len(text) <= 40)
            or (text.endswith(("：", ":")) and len(text) <= 120 and parse_numbering(text) is None)
            or _NOISE.match(text)
        ):
            k += 1
        else:
            break
    meta.title_blocks = k
    _read_issuer_line(blocks, meta)


_ISSUED_BY = re.compile(
    r"^(?:issued\s+by|promulgated\s+by|发布单位|印发单位|发文单位|发文机关)"
    r"\s*[:：]?\s*(?:the\s+)?(.{2,120}?)[.。]?$",
    re.I,
)


def _read_issuer_line(blocks: list[Block], meta: Metadata) -> None:
    """An "Issued by …" / "发文机关：…" line between the title and the first heading."""
    for block in blocks[meta.title_blocks : meta.title_blocks + 4]:
        if block.table is not None or parse_numbering(block.text) is not None:
            return
        m = _ISSUED_BY.match(block.text)
        if m:
            meta.issuing_body = m.group(1).strip()
            return


def _continues_title(title: str, block: Block) -> bool:
    text = block.text
    if block.table is not None or parse_numbering(text) is not None or _DOC_NUMBER.search(text):
        return False
    if _NOISE.match(text) or _DATE.match(text) or text.endswith(("：", ":")):
        return False
    if re.fullmatch(r"[（(]\s*(?:19|20)\d{2}\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[)）]", text):
        return True  # "(2023-2025)" on a line of its own
    chinese = has_cjk(title)
    if chinese:
        stem = re.sub(r"[（(][^（()）]*[)）]$", "", title).strip()
        if stem.endswith(_DOC_TYPES) or stem.endswith(("。", "！", "？")):
            return False
        follow = re.sub(r"[（(][^（()）]*[)）]$", "", text).strip()
        return len(text) <= 40 and follow.endswith(_DOC_TYPES)
    return title.split()[-1].lower() in ("for", "of", "and", "the", "on", "to", "in") and len(text) <= 120


def _join(a: str, b: str) -> str:
    if a and b and (is_cjk(a[-1]) or is_cjk(b[0]) or b[0] in "（("):
        return a + b if is_cjk(a[-1]) or is_cjk(b[0]) else a + " " + b
    return f"{a} {b}"


def _read_tail(blocks: list[Block], meta: Metadata) -> None:
    i = len(blocks)
    saw_date = False
    while i > meta.title_blocks:
        block = blocks[i - 1]
        text = block.text
        if block.table is not None:
            break
        if _BOILERPLATE.match(text) or _NOISE.match(text):
            i -= 1
            continue
        if _DATE.match(text):
            saw_date = True
            i -= 1
            continue
        if saw_date and _is_signature(text):
            meta.issuing_body = meta.issuing_body or text
            i -= 1
            continue
        break
    meta.tail_start = i if i < len(blocks) else None


def _is_signature(text: str) -> bool:
    if len(text) > 60 or parse_numbering(text) is not None or re.search(r"[。.;；!?！？]$", text):
        return False
    return guess_kind(text) != "other" or text.endswith(("国务院", "中央", "政府", "Government", "Office"))


def _read_period(blocks: list[Block], meta: Metadata) -> None:
    sources = [meta.title] + [b.text for b in blocks[: meta.title_blocks]]
    for text in sources:
        m = _PERIOD.search(text)
        if m and int(m.group(1)) <= int(m.group(2)):
            meta.period_start, meta.period_end = int(m.group(1)), int(m.group(2))
            return
    m = _SINGLE_YEAR.search(meta.title)
    if m:
        meta.period_start = meta.period_end = int(m.group(1))


def _issuer_from_title(title: str) -> str:
    m = re.match(r"^(.{2,40}?)关于", title)
    if m:
        prefix = m.group(1).strip()
        if prefix.endswith(_BODY_SUFFIX):
            return prefix
    m = re.match(r"^(?:The\s+)?(.{3,80}?)['’]s\s+(?:Work\s+Plan|Plan|Opinions|Notice|Measures)", title)
    if m and guess_kind(m.group(1)) != "other":
        return m.group(1)
    return ""
