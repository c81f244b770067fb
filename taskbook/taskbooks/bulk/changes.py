"""What an import changes: a measure row's change with its milestones' changes, as checking finds them
and applying makes them, and the summary of what was changed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from taskbook.plans.models import Task
from taskbook.taskbooks.models import ChangeRequest, Measure, Milestone


@dataclass
class MilestoneChange:
    row: int
    milestone: Milestone | None  # None: a new milestone
    date: datetime.date | None = None
    description: str | None = None
    done_on: datetime.date | None = None
    set_done: bool = False  # done_on is to be set (or cleared, when None)

    @property
    def changes_fields(self) -> bool:
        return self.milestone is None or self.date is not None or self.description is not None


@dataclass
class MeasureChange:
    row: int
    measure: Measure | None  # None: a new measure
    task: Task | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # only what changes, for an existing measure
    status: str | None = None  # a new status
    cancel_reason: str = ""
    change_reason: str = ""
    milestones: list[MilestoneChange] = field(default_factory=list)


@dataclass
class Summary:
    rows: int = 0
    measures_created: int = 0
    measures_updated: int = 0
    milestones_created: int = 0
    milestones_updated: int = 0
    change_requests: list[ChangeRequest] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.measures_created
            or self.measures_updated
            or self.milestones_created
            or self.milestones_updated
            or self.change_requests
        )
