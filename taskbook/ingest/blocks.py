"""Lines of a Document to blocks: one paragraph, heading or table each, with its lines.

A block keeps the 1-based line numbers of the extracted text, so that every task can
point back at the source. Markdown markup is dropped from the block's text (not from the
document's text). Text that was hard-wrapped at a fixed width (a plain-text export of a
PDF) is joined back into paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .language import display_width, has_cjk, is_cjk
from .numbering import parse_numbering
from .readers import Document, Table

_TERMINAL = tuple('。.；;：:！!？?）)”"】')


@dataclass
class Block:
    text: str
    line_start: int  # 1-based, inclusive
    line_end: int
    heading_level: int = 0  # a styled heading: Markdown "#", a DOCX heading style, <h1>…<h6>
    table: Table | None = None
    tail: str = ""  # the last source line joined into this block (for unwrapping only)


def clean_markup(line: str) -> str:
    """A line without Markdown heading marks, quote marks and bold markers."""
    text = line.strip()
    if text.startswith("#"):
        text = text.lstrip("#").strip()
    while text.startswith(">"):
        text = text[1:].strip()
    text = text.replace("**", "").replace("__", "")
    return " ".join(text.split()) if not has_cjk(text[:50]) else text.strip()


def make_blocks(doc: Document) -> list[Block]:
    tables = {table.first_line: table for table in doc.tables}
    blocks: list[Block] = []
    i = 0
    while i < len(doc.lines):
        table = tables.get(i)
        if table is not None:
            text = "\n".join(doc.lines[table.first_line : table.last_line + 1])
            blocks.append(Block(text, table.first_line + 1, table.last_line + 1, table=table))
            i = table.last_line + 1
            continue
        text = clean_markup(doc.lines[i])
        if text:
            blocks.append(Block(text, i + 1, i + 1, doc.headings.get(i, 0)))
        i += 1
    if doc.format in ("txt", "md") and _looks_wrapped(blocks):
        blocks = _unwrap(blocks)
    return blocks


def width(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return display_width(text)


def _looks_wrapped(blocks: list[Block]) -> bool:
    """Most lines fill a fixed width and do not end a sentence: the text was hard-wrapped."""
    texts = [b.text for b in blocks if b.table is None]
    if len(texts) < 8:
        return False
    widths = sorted(width(t) for t in texts)
    limit = widths[int(len(widths) * 0.9)]
    if limit < 40 or limit > 200:
        return False
    full = [t for t in texts if width(t) >= 0.8 * limit]
    if len(full) < 0.4 * len(texts):
        return False
    open_ended = sum(1 for t in full if not t.endswith(_TERMINAL))
    return open_ended >= 0.5 * len(full)


def _unwrap(blocks: list[Block]) -> list[Block]:
    widths = sorted(width(b.text) for b in blocks if b.table is None)
    limit = widths[int(len(widths) * 0.9)]
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.table is None
            and block.table is None
            and not block.heading_level
            and not prev.heading_level
            and block.line_start == prev.line_end + 1
            and width(_last_line(prev)) >= 0.75 * limit
            and parse_numbering(block.text) is None
        ):
            joiner = "" if (is_cjk(prev.text[-1]) or is_cjk(block.text[0])) else " "
            prev.text = prev.text + joiner + block.text
            prev.line_end = block.line_end
            prev.tail = block.text
        else:
            out.append(Block(block.text, block.line_start, block.line_end, block.heading_level, block.table))
    return out


def _last_line(block: Block) -> str:
    return block.tail or block.text
