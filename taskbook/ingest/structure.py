"""Blocks to an outline of numbered items, and the outline to sections and tasks.

The outline is built with a stack of open items. A numbered block becomes the sibling of
the innermost open item whose number it continues (2 after 1, "(4)" after "3." when both
are headings), or else a child of the innermost open item. Numbers that run on across
parents (tasks 1–12 over four areas) continue the last closed item of their family.

Then the genre's rule: a task is the smallest numbered item that carries its own
responsibility annotation; the item that holds tasks is their section; a top-level part
without any task (general requirements, safeguards) is a text section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .blocks import Block
from .draft import SectionDraft, TaskDraft
from .language import count_cjk, has_cjk
from .numbering import Numbering, parse_numbering
from .responsibility import FIRST_IS_LEAD_RE, Responsibility, find_annotation, parse_annotation
from .sentences import first_sentence, sentence_ends, strip_end
from .tables import TableGroup, read_table
from .targets import find_targets


@dataclass(eq=False)
class Node:
    number: Numbering | None  # None for an unnumbered styled heading or a paragraph task
    heading: bool  # a short line without a sentence body or annotation
    styled: int  # heading level of a styled heading (Markdown, DOCX, HTML), else 0
    blocks: list[Block]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    annotations: list[tuple[Block, Responsibility]] = field(default_factory=list)
    tables: list[list[TableGroup]] = field(default_factory=list)
    label: str = ""

    @property
    def family(self) -> str:
        return self.number.family if self.number else f"h{self.styled}" if self.styled else "para"

    @property
    def value(self) -> int:
        return self.number.value if self.number else 0

    def walk(self) -> list[Node]:
        """This node and its descendants in document order (iterative: no recursion limit)."""
        out: list[Node] = []
        pending = [self]
        while pending:
            node = pending.pop()
            out.append(node)
            pending.extend(reversed(node.children))
        return out


class OutlineBuilder:
    """Feeds blocks in document order into a tree of Nodes."""

    def __init__(self, global_rule: bool = False) -> None:
        self.roots: list[Node] = []
        self.stack: list[Node] = []
        self.closed: dict[tuple[str, bool], int] = {}
        self.cuts: dict[int, int] = {}  # id(block) -> where its annotation starts
        self.global_rule = global_rule
        self.persistent_rule = False
        self.root_tables: list[tuple[int, list[TableGroup]]] = []
        self.warnings: list[str] = []

    # -- building -------------------------------------------------------------------------
    def add(self, block: Block, annotated_next: bool = False) -> None:
        """Take the next block; `annotated_next`: the lines after it carry its annotation."""
        if block.table is not None:
            self._add_table(block)
            return
        number = parse_numbering(block.text)
        year_like = number is not None and number.family == "arabic" and 1900 <= number.value <= 2099
        if year_like and number is not None and not self._continues(number):
            number = None  # "2025. The year …" opens a sentence; item 2025 follows item 2024
        found = find_annotation(block.text)
        if found is not None and (found[0] == 0 or (number is not None and found[0] < number.end)):
            number = None  # a line that is all annotation
        if number is None and not block.heading_level:
            node = self.stack[-1] if self.stack else None
            inline = found is not None and found[0] > 0
            if node is None or (inline and node.annotations and not (node.heading or node.styled)):
                if node is None and not inline:
                    return  # preamble text before the first heading
                if node is not None:
                    self._close(self.stack.pop())  # the annotated item before is complete
                # An annotated paragraph of its own (no number): a task, numbered by position.
                parent = self.stack[-1] if self.stack else None
                siblings = parent.children if parent else self.roots
                label = str(sum(1 for n in siblings if n.number is None and n.label) + 1)
                node = Node(None, False, 0, [block], label=label)
                self._push_child(node)
            else:
                node.blocks.append(block)
            if found is not None:
                self._annotate(node, block, found, own_line=found[0] == 0)
            return
        heading = _is_heading(block, number, found) and not annotated_next
        node = Node(number, heading, block.heading_level, [block])
        if number is None:
            self._place_styled(node)
        else:
            self._place_numbered(node)
        if found is not None:
            self._annotate(node, block, found, own_line=False)

    def _continues(self, number: Numbering) -> bool:
        """Does this number follow an open or just-closed item of its family?"""
        if any(n.family == number.family and n.value == number.value - 1 for n in self.stack):
            return True
        return any(self.closed.get((number.family, flag)) == number.value - 1 for flag in (True, False))

    def _add_table(self, block: Block) -> None:
        assert block.table is not None
        groups = read_table(block.table, self.global_rule or self.persistent_rule)
        if groups is None:
            if self.stack:
                self.stack[-1].blocks.append(block)  # an ordinary table is body text
            return
        if self.stack:
            self.stack[-1].tables.append(groups)
        else:
            self.root_tables.append((len(self.roots), groups))

    def _close(self, node: Node) -> None:
        self.closed[(node.family, node.heading)] = node.value

    def _pop_to(self, node: Node) -> None:
        """Close every open item down to and including `node`."""
        while self.stack:
            top = self.stack.pop()
            self._close(top)
            if top is node:
                return

    def _push_child(self, node: Node) -> None:
        parent = self.stack[-1] if self.stack else None
        node.parent = parent
        (parent.children if parent else self.roots).append(node)
        self.stack.append(node)

    def _place_styled(self, node: Node) -> None:
        while self.stack and (self.stack[-1].styled == 0 or self.stack[-1].styled >= node.styled):
            self._close(self.stack.pop())
        self._push_child(node)

    def _place_numbered(self, node: Node) -> None:
        number = node.number
        assert number is not None
        if number.is_bullet:
            sibling = next((n for n in reversed(self.stack) if n.family == "bullet"), None)
            number = Numbering("bullet", sibling.value + 1 if sibling else 1, "", number.end)
            node.number = number
        sibling = self._sibling_for(node)
        if sibling is not None:
            self._pop_to(sibling)
            self._push_child(node)
            return
        family = number.family
        continues = number.value == 1 or any(
            self.closed.get((family, flag)) == number.value - 1 for flag in (True, False)
        )
        if node.heading or node.styled:
            # A heading after a complete (annotated) task is not part of that task's body;
            # after an item still waiting for its annotation it may be a sub-point of it.
            # Only a heading of a family already used above: "(1) Do A." under an annotated
            # "1. Improve services (Lead unit: …)" is one of its points.
            higher = (family, True) in self.closed or any(n.family == family for n in self.stack)
            while (
                higher
                and self.stack
                and not (self.stack[-1].heading or self.stack[-1].styled)
                and _annotated(self.stack[-1])
            ):
                self._close(self.stack.pop())
        same = next((n for n in reversed(self.stack) if n.family == family), None)
        if same is not None and (not continues or (number.value == 1 and same.heading == node.heading)):
            # A gap in the numbering, or "1." again where a "1." list is open: a sibling, not
            # a child. (A "1." item does go under a "1." heading: Shenzhen's areas and tasks.)
            self._pop_to(same)
        self._push_child(node)

    def _sibling_for(self, node: Node) -> Node | None:
        """The open item whose number this one continues, preferring the closest match."""
        value, family = node.value, node.family
        for n in reversed(self.stack):
            if n.family == family and n.heading == node.heading and n.value == value - 1:
                return n
        if value > 1 and self.closed.get((family, node.heading)) == value - 1:
            return None  # task 3 goes on from task 2 of the area before, even under area "2."
        for n in reversed(self.stack):
            if n.family == family and n.value == value - 1:
                return n
        if node.heading or node.styled:
            for n in reversed(self.stack):
                headed = (n.heading or n.styled) and n.number is not None
                if headed and n.value == value - 1 and family != "bullet":
                    return n
        return None

    def _annotate(self, node: Node, block: Block, found: tuple[int, str], own_line: bool) -> None:
        result = parse_annotation(found[1], self.global_rule or self.persistent_rule)
        if result.rule_persists:
            self.persistent_rule = True
        if not result:
            return
        self.cuts[id(block)] = found[0]
        target = node
        if own_line:
            previous = node.blocks[-2] if len(node.blocks) >= 2 and node.blocks[-1] is block else None
            if node.annotations and previous is not None and node.annotations[-1][0] is previous:
                node.annotations[-1][1].extend(result)  # "Lead unit: …" then "Participating units: …"
                return
            parent = node.parent
            if (
                parent is not None
                and not parent.annotations
                and node is parent.children[-1]
                and len(parent.children) >= 2
                and all(not n.annotations for child in parent.children for n in child.walk())
            ):
                target = parent  # the annotation closes a run of unannotated sub-items
        target.annotations.append((block, result))

    # -- finishing ------------------------------------------------------------------------
    def finish(self) -> list[Node]:
        while self.stack:
            self._close(self.stack.pop())
        nodes = [n for root in self.roots for n in root.walk()]
        for node in nodes:
            _split_paragraph_tasks(node, self.cuts)
        _lift_subpoint_annotations([n for root in self.roots for n in root.walk()])
        return self.roots


def _annotated(node: Node) -> bool:
    return any(n.annotations for n in node.walk())


def _is_heading(block: Block, number: Numbering | None, found: tuple[int, str] | None) -> bool:
    if block.heading_level:
        return True
    if found is not None:
        return False
    rest = block.text[number.end :].strip() if number else block.text.strip()
    if not rest or rest.endswith(("；", ";", "，", ",", "、")):
        return False  # a list item that runs on
    if count_cjk(rest) >= 2:
        core = rest.rstrip("。：:；;")
        return len(core) <= 40 and not any(ch in core for ch in "。；;！？")
    core = rest.rstrip(".:;")
    return len(core.split()) <= 20 and len(core) <= 160 and not sentence_ends(core)


def _split_paragraph_tasks(node: Node, cuts: dict[int, int]) -> None:
    """A heading whose paragraphs each end with an annotation: each paragraph is a task."""
    inline = [
        (block, result)
        for block, result in node.annotations
        if block is not node.blocks[0] and cuts.get(id(block), 0) > 0
    ]
    # Under an unnumbered styled heading ("## Trade") even one annotated paragraph is a task
    # of its own; under a numbered item one such paragraph is the item's own annotation.
    least = 1 if node.number is None and node.styled else 2
    if len(inline) < least or len(inline) != len(node.annotations):
        return
    if any(n.annotations for child in node.children for n in child.walk()):
        return
    annotated = {id(block): r for block, r in inline}
    group: list[Block] = []
    tasks: list[Node] = []
    for block in node.blocks[1:]:
        group.append(block)
        if id(block) in annotated:
            task = Node(None, False, 0, group, parent=node, label=str(len(tasks) + 1))
            task.annotations = [(block, annotated[id(block)])]
            tasks.append(task)
            group = []
    node.blocks = node.blocks[:1] + group
    node.annotations = []
    node.children = tasks + node.children


def _lift_subpoint_annotations(nodes: list[Node]) -> None:
    """ "3. Do X. First, … Second, … (Lead unit: …)": the annotation belongs to item 3.

    When most annotated items share one numbering family, an annotated item of another
    family inside an unannotated item of the main family hands its annotation up.
    """
    annotated = [n for n in nodes if n.annotations and n.number is not None]
    counts = Counter(n.family for n in annotated)
    if not counts:
        return
    main, count = counts.most_common(1)[0]
    if count < 2:
        return
    for node in annotated:
        if node.family == main:
            continue
        ancestor = node.parent
        while ancestor is not None and ancestor.family != main:
            ancestor = ancestor.parent
        if ancestor is None or ancestor.annotations:
            continue
        others = [n for n in ancestor.walk() if n is not ancestor and n is not node and n.annotations]
        if not others:
            ancestor.annotations, node.annotations = node.annotations, []


# -- sections and tasks ---------------------------------------------------------------------


def is_task(node: Node) -> bool:
    return (
        bool(node.annotations)
        and not node.tables
        and not any(n.annotations or n.tables for child in node.children for n in child.walk())
    )


def _has_tasks(node: Node) -> bool:
    return any(n.annotations or n.tables for n in node.walk())


RootTables = list[tuple[int, list[TableGroup]]]  # tables before any heading: (root index, groups)


class SectionAssembler:
    def __init__(self, cuts: dict[int, int]) -> None:
        self.cuts = cuts
        self.sections: list[SectionDraft] = []

    def assemble(self, roots: list[Node], root_tables: RootTables) -> list[SectionDraft]:
        implicit: SectionDraft | None = None
        tables_at: dict[int, list[list[TableGroup]]] = {}
        for position, groups in root_tables:
            tables_at.setdefault(position, []).append(groups)
        for index, root in enumerate([*roots, None]):  # type: ignore[list-item]
            for groups in tables_at.get(index, []):
                implicit = None
                self._add_table_groups(groups, None, "")
            if root is None:
                break
            if is_task(root):
                if implicit is None:
                    implicit = SectionDraft(number="", title="", line_start=root.blocks[0].line_start)
                    self.sections.append(implicit)
                implicit.tasks.append(self.task(root))
                implicit.line_end = self._line_end(root)
                continue
            implicit = None
            self.visit(root, "")
        # Tables and items of one part are visited apart; document order is line order.
        self.sections.sort(key=lambda section: section.line_start)
        return self.sections

    def visit(self, node: Node, part: str) -> None:
        title, rest = self.title(node)
        direct = [c for c in node.children if is_task(c)]
        untitled = any(not group.title for groups in node.tables for group in groups)
        if direct or untitled:
            # The item holds tasks itself: it is their section.
            section = SectionDraft(
                number=node.label or (node.number.label if node.number else ""),
                title=title,
                line_start=node.blocks[0].line_start,
                line_end=self._line_end(node),
                part=part,
            )
            self.sections.append(section)
            body = [rest] + [self.text(b) for b in node.blocks[1:]]
            for child in node.children:
                if is_task(child):
                    section.tasks.append(self.task(child))
                elif _has_tasks(child):
                    self.visit(child, part)
                else:
                    body += self.lines(child)
            for groups in node.tables:
                self._add_table_groups(groups, section, part)
            section.body = "\n".join(line for line in body if line)
            return
        if _has_tasks(node):
            # A part whose sections hold the tasks ("Ii. Main tasks", "四、主要任务").
            label = self.heading_text(node)
            for groups in node.tables:
                self._add_table_groups(groups, None, label)
            for child in node.children:
                if is_task(child):
                    start = child.blocks[0].line_start
                    holder = SectionDraft(number="", title=label, line_start=start, part=part)
                    holder.tasks.append(self.task(child))
                    self.sections.append(holder)
                elif _has_tasks(child):
                    self.visit(child, label)
            return
        text = "\n".join(line for line in [rest, *self._continuation(node)] if line)
        self.sections.append(
            SectionDraft(
                number=node.number.label if node.number else "",
                title=title,
                body=text,
                line_start=node.blocks[0].line_start,
                line_end=self._line_end(node),
                kind="text",
                part=part,
                targets=find_targets(text),
            )
        )

    def _add_table_groups(self, groups: list[TableGroup], section: SectionDraft | None, part: str) -> None:
        for group in groups:
            if not group.title and section is not None:
                section.tasks += group.tasks
                continue
            line_end = max((t.line_end for t in group.tasks), default=group.line_start)
            self.sections.append(
                SectionDraft(
                    number=group.number,
                    title=group.title,
                    tasks=group.tasks,
                    line_start=group.line_start,
                    line_end=line_end,
                    part=section.title if section is not None else part,
                )
            )

    # -- text ------------------------------------------------------------------------------
    def text(self, block: Block, skip: int = 0) -> str:
        cut = self.cuts.get(id(block))
        text = block.text[skip:cut] if cut is not None else block.text[skip:]
        return text.strip()

    def own_text(self, node: Node) -> str:
        return self.text(node.blocks[0], node.number.end if node.number else 0)

    def title(self, node: Node) -> tuple[str, str]:
        if node.number is None and node.label:  # a paragraph task: its first sentence
            return first_sentence(self.own_text(node))
        own = self.own_text(node)
        if node.heading:
            return strip_end(own), ""
        return first_sentence(own)

    def heading_text(self, node: Node) -> str:
        """The heading as printed, number included: "Ii. Main tasks", "四、主要任务"."""
        return strip_end(self.text(node.blocks[0]))

    def lines(self, node: Node) -> list[str]:
        """An item's text with its number, and its sub-items, one line per block."""
        out = [self.text(node.blocks[0])] + [self.text(b) for b in node.blocks[1:]]
        for child in node.children:
            out += self.lines(child)
        return [line for line in out if line]

    def _continuation(self, node: Node) -> list[str]:
        out = [self.text(b) for b in node.blocks[1:]]
        for child in node.children:
            out += self.lines(child)
        return [line for line in out if line]

    def _line_end(self, node: Node) -> int:
        return max(b.line_end for n in node.walk() for b in n.blocks)

    def task(self, node: Node) -> TaskDraft:
        title, rest = self.title(node)
        body = "\n".join(line for line in [rest, *self._continuation(node)] if line)
        lead: list[str] = []
        participating: list[str] = []
        for _block, result in node.annotations:
            lead += [u for u in result.lead if u not in lead]
            participating += [u for u in result.participating if u not in participating and u not in lead]
        number = node.label or (node.number.label if node.number else "")
        targets = find_targets("\n".join(part for part in (_sentence(title), body) if part))
        return TaskDraft(
            number=number,
            title=title,
            body=body,
            lead_units=lead,
            participating_units=participating,
            targets=targets,
            line_start=node.blocks[0].line_start,
            line_end=self._line_end(node),
        )


def _sentence(title: str) -> str:
    """A title as a sentence of its own, so that targets never run into the body."""
    if not title:
        return ""
    return title + ("。" if has_cjk(title) else ".")


def document_rule(blocks: list[Block]) -> bool:
    """A note outside the annotations ("注：列第一位的为牵头单位") sets the rule for the whole plan."""
    for block in blocks:
        if block.table is not None or not FIRST_IS_LEAD_RE.search(block.text):
            continue
        found = find_annotation(block.text)
        match = FIRST_IS_LEAD_RE.search(block.text)
        if found is None or (match is not None and match.start() < found[0]):
            return True
    return False


def _annotation_follows(blocks: list[Block], annotations: list[tuple[int, str] | None], index: int) -> bool:
    """Is this numbered line's annotation in the paragraphs right after it?

    "1. Build a data platform." followed by "(Lead unit: …)" is a short task, not a heading,
    even though it looks like one; that matters where areas and tasks share a numbering.
    """
    for j in range(index + 1, min(index + 4, len(blocks))):
        block = blocks[j]
        if block.table is not None or block.heading_level or parse_numbering(block.text) is not None:
            return False
        if annotations[j] is not None:
            return True
    return False


def build_sections(blocks: list[Block]) -> tuple[list[SectionDraft], list[str]]:
    builder = OutlineBuilder(global_rule=document_rule(blocks))
    annotations = [None if b.table is not None else find_annotation(b.text) for b in blocks]
    for index, block in enumerate(blocks):
        builder.add(block, _annotation_follows(blocks, annotations, index))
    roots = builder.finish()
    sections = SectionAssembler(builder.cuts).assemble(roots, builder.root_tables)
    for section in sections:
        for task in section.tasks:
            if not task.lead_units and not task.participating_units:
                builder.warnings.append(f"task {task.number} ({task.title[:40]}) has no responsible unit")
    return sections, builder.warnings
