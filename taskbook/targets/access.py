"""Fetch a target the user may see (404 otherwise), and one the user may also record figures of
(403 for a role that may not)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_edit_task, require
from taskbook.targets.models import Target


def target_for(user: Viewer, target_id: int) -> Target:
    """With what its page and the rules read: the task, its plan and section, its units."""
    return get_object_or_404(
        Target.objects.visible_to(user)
        .select_related("task__plan", "task__section")
        .prefetch_related("task__task_units"),
        pk=target_id,
    )


def target_to_change(user: Viewer, target_id: int) -> Target:
    """Checked before the form is read, so a role that may not write learns that, not a form error."""
    target = target_for(user, target_id)
    require(
        may_edit_task(user, target.task),
        _("Only the task's lead unit and the coordinator record its figures."),
    )
    return target
