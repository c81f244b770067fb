"""Who may read targets and their figures: whoever may read the task."""

from typing import TYPE_CHECKING

from taskbook.visibility import VisibleWith

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint  # noqa: F401


class TargetQuerySet(VisibleWith["Target"]):
    parent_field, parent_model = "task", "plans.Task"


class TrajectoryPointQuerySet(VisibleWith["TrajectoryPoint"]):
    parent_field, parent_model = "target", "targets.Target"


class IndicatorValueQuerySet(VisibleWith["IndicatorValue"]):
    parent_field, parent_model = "target", "targets.Target"
