"""Who may change what in task books. Actions call these; views only use them to hide buttons."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from taskbook.orgs.models import Unit
from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Task, TaskUnitRole


def can_edit_unit(actor, unit_id: int) -> bool:
    """Unit staff and admins change their own unit's measures; the coordinator changes any."""
    if actor is None:
        return True  # the system itself: demo loading and scheduled jobs
    roles = roles_of(actor)
    return roles.coordinator or unit_id in roles.units


def can_admin_unit(actor, unit_id: int) -> bool:
    if actor is None:
        return True
    roles = roles_of(actor)
    return roles.coordinator or unit_id in roles.admin_of


def is_coordinator(actor) -> bool:
    return actor is None or roles_of(actor).coordinator


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("Your role does not allow this change."))


def unit_role_on_task(task: Task, unit: Unit) -> str | None:
    roles = {tu.role for tu in task.task_units.all() if tu.unit_id == unit.pk}
    if TaskUnitRole.LEAD in roles:
        return TaskUnitRole.LEAD
    return TaskUnitRole.PARTICIPATING if roles else None


def leads_task(actor, task: Task) -> bool:
    """The lead unit's members edit the task's own plan: its summary and the order of its measures."""
    if is_coordinator(actor):
        return True
    units = roles_of(actor).units
    return any(tu.role == TaskUnitRole.LEAD and tu.unit_id in units for tu in task.task_units.all())
