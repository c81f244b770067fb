"""HTML with the standard library's parser: block elements become lines, tables rows.

Scripts, styles and other non-content elements are dropped; an <ol> gets the numbers a
browser would show, since plans published as web pages often number their items that way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .readers import Document, add_table

_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "figure",
    "figcaption",
    "address",
    "center",
    "form",
    "fieldset",
    "caption",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "select", "button"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed"}


class _Cell:
    def __init__(self, colspan: int, rowspan: int) -> None:
        self.parts: list[str] = []  # appended to, joined once: a huge cell stays linear
        self.colspan = max(1, colspan)
        self.rowspan = max(1, rowspan)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = Document("html", [])
        self.line: list[str] = []
        self.heading = 0
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.lists: list[list[int]] = []  # per open list: [is_ordered, next number]
        self.tables: list[list[list[_Cell]]] = []
        self.cell: list[_Cell | None] = []

    # -- text -----------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if self.tables and self.cell and self.cell[-1] is not None:
            self.cell[-1].parts.append(text)
        elif self.tables:
            return  # text between cells is layout whitespace
        else:
            self.line.append(text)

    def flush(self) -> None:
        text = "".join(self.line).strip()
        if text:
            if self.heading:
                self.doc.headings[len(self.doc.lines)] = self.heading
            self.doc.lines.append(text)
        self.line = []

    # -- tags -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self.flush()
            self.tables.append([])
            self.cell.append(None)
            return
        if self.tables:
            if tag == "tr":
                self.tables[-1].append([])
            elif tag in ("td", "th"):
                cell = _Cell(_int(attr.get("colspan")), _int(attr.get("rowspan")))
                if not self.tables[-1]:
                    self.tables[-1].append([])
                self.tables[-1][-1].append(cell)
                self.cell[-1] = cell
            elif tag in ("br", "p", "div", "li") and self.cell[-1] is not None:
                self.cell[-1].parts.append(" ")
            return
        if tag == "br":
            self.flush()
        elif tag in _BLOCK:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = int(tag[1])
            elif tag in ("ol", "ul"):
                self.lists.append([tag == "ol", _int(attr.get("start"), 1)])
            elif tag == "li" and self.lists:
                ordered, number = self.lists[-1]
                if ordered:
                    self.line = [f"{number}. "]
                    self.lists[-1][1] = number + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table" and self.tables:
            rows = _grid(self.tables.pop())
            self.cell.pop()
            if self.tables and self.cell and self.cell[-1] is not None:
                # A table inside a cell: its text joins the outer cell.
                self.cell[-1].parts.append(" " + " ".join(c or "" for row in rows for c in row))
            else:
                add_table(self.doc, rows)
            return
        if self.tables:
            if tag in ("td", "th"):
                self.cell[-1] = None
            return
        if tag in _BLOCK:
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            self.flush()
            if tag.startswith("h") and len(tag) == 2:
                self.heading = 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _int(value: str | None, default: int = 1) -> int:
    try:
        return int(str(value).strip()) if value else default
    except ValueError:
        return default


def _grid(rows: list[list[_Cell]]) -> list[list[str | None]]:
    """Lay out cells on a grid: a rowspan covers cells below (None), a colspan cells right ("")."""
    grid: list[list[str | None]] = []
    carry: dict[int, int] = {}  # column -> rows below still covered by a rowspan
    for row in rows:
        out: list[str | None] = []
        opened: dict[int, int] = {}
        col, index = 0, 0
        while index < len(row) or any(n > 0 and c >= col for c, n in carry.items()):
            if carry.get(col, 0) > 0:
                out.append(None)
                carry[col] -= 1
                col += 1
                continue
            if index >= len(row):
                out.append("")
                col += 1
                continue
            cell = row[index]
            index += 1
            text = " ".join(cell.text.split())
            for span in range(cell.colspan):
                out.append(text if span == 0 else "")  # colspan: the text stands once
                if cell.rowspan > 1:
                    opened[col] = cell.rowspan - 1
                col += 1
        carry.update(opened)
        grid.append(out)
    return grid


def read_html_text(text: str) -> Document:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    builder.flush()
    builder.doc.title_hint = " ".join(builder.title.split())
    return builder.doc


def read_html(data: bytes, filename: str) -> Document:
    from .text_reader import decode_text

    head = data[:4096].decode("ascii", "ignore").lower()
    match = re.search(r"charset\s*=\s*[\"']?([a-z0-9_\-]+)", head)
    text = None
    if match:
        codec = match.group(1)
        codec = "gb18030" if codec in ("gb2312", "gbk", "gb18030") else codec
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_text(data, filename)
    return read_html_text(text.lstrip("\ufeff"))
