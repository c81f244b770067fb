"""Who may read targets and their figures: whoever may read the task."""

from taskbook.visibility import VisibleWith


class TargetQuerySet(VisibleWith):
    parent_field, parent_model = "task", "plans.Task"


class TrajectoryPointQuerySet(VisibleWith):
    parent_field, parent_model = "target", "targets.Target"


class IndicatorValueQuerySet(VisibleWith):
    parent_field, parent_model = "target", "targets.Target"
