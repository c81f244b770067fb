"""The PlanDraft: what a plan document says, before anything is saved.

Pure data, no Django: the ingest package turns a document into one of these,
`taskbook extract` prints it, and `plans.actions.import_plan` saves it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Comparator = Literal[">=", "<=", "="]


@dataclass
class TargetDraft:
    text: str  # the sentence or clause as printed
    value: float
    unit: str  # printed scale kept: "%", "US$ billion", "亿元", "万名"
    comparator: Comparator
    year: int | None = None
    metric: str = ""  # what is measured, in the document's words
    baseline: str = ""


@dataclass
class TaskDraft:
    number: str  # as printed: "1", "（三）", "(4)"
    title: str
    body: str = ""
    lead_units: list[str] = field(default_factory=list)  # names as printed
    participating_units: list[str] = field(default_factory=list)
    targets: list[TargetDraft] = field(default_factory=list)
    line_start: int = 0  # 1-based lines of the extracted text, for the review screen
    line_end: int = 0


@dataclass
class SectionDraft:
    number: str
    title: str
    tasks: list[TaskDraft] = field(default_factory=list)
    body: str = ""  # a part without units (safeguards) keeps its text here
    line_start: int = 0
    # Added by the extractor (additive only):
    line_end: int = 0
    kind: str = "tasks"  # "tasks": a grouping of tasks; "text": a part without units (safeguards, goals)
    part: str = ""  # the top-level part it sits in, as printed: "Ii. Main tasks", "四、主要任务"
    targets: list[TargetDraft] = field(default_factory=list)  # plan-level targets printed in a "text" part


@dataclass
class UnitDraft:
    name: str  # the canonical name
    aliases: list[str] = field(default_factory=list)  # other printed names of the same body
    name_zh: str = ""
    name_en: str = ""
    kind: str = "other"  # bureau, district, court, company, other


@dataclass
class PlanDraft:
    title: str
    language: Literal["en", "zh"]
    sections: list[SectionDraft] = field(default_factory=list)
    units: list[UnitDraft] = field(default_factory=list)
    issuing_body: str = ""
    period_start: int | None = None  # years, e.g. 2023
    period_end: int | None = None
    source_name: str = ""
    source_sha256: str = ""
    source_format: str = ""  # txt, md, docx, pdf, html
    text: str = ""  # the extracted plain text that line numbers refer to
    warnings: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> list[TaskDraft]:
        return [task for section in self.sections for task in section.tasks]

    def to_dict(self) -> dict[str, Any]:
        """The extraction shape of shared/corpus/README.md, plus extra keys."""
        data = asdict(self)
        data.pop("text")
        sections = data.pop("sections")
        # The scored "sections" are the groupings that hold tasks; parts without units
        # (general requirements, safeguards) stay available under "text_sections".
        data["sections"] = [
            {k: v for k, v in s.items() if k != "tasks"} | {"tasks": [t["number"] for t in s["tasks"]]}
            for s in sections
            if s["tasks"]
        ]
        data["text_sections"] = [
            {k: v for k, v in s.items() if k != "tasks"} for s in sections if not s["tasks"]
        ]
        data["tasks"] = [t for s in sections for t in s["tasks"]]
        return data
