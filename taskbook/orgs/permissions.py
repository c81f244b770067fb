"""Who may do what: every capability of the product as one named function, in one place.

Actions call these (through `require`) before they change anything; views call them only to show
or hide a button. Reading is the querysets' `visible_to(user)`; these functions decide writing and
the few pages that only some roles may open. taskbook itself (`SYSTEM`: jobs, imports, the demo)
holds the coordinator's reach (orgs/roles.py).
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from taskbook.orgs.actors import Actor, Viewer, is_system
from taskbook.orgs.models import Membership, Role
from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Task, TaskUnitRole


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse the action (403) unless `allowed`, with the reason the user reads."""
    if not allowed:
        raise PermissionDenied(message or _("Your role does not allow this change."))


# -- the office ---------------------------------------------------------------------------------


def is_coordinator(actor: Viewer) -> bool:
    """The leading group's office: imports and publishes plans, opens cycles, reviews and rates
    reports, decides change requests, merges units."""
    return roles_of(actor).coordinator


def reads_everything(viewer: Viewer) -> bool:
    """The office and leaders read every unit's work (leaders change nothing)."""
    return roles_of(viewer).reads_everything


def is_member(viewer: Viewer) -> bool:
    """Anyone with a role: the office, a leader, or a unit's admin or staff."""
    return roles_of(viewer).is_member


def may_read_dashboards(viewer: Viewer) -> bool:
    """The coordinator's dashboard, the summary and the lists behind their figures."""
    return reads_everything(viewer)


def may_read_league_table(viewer: Viewer) -> bool:
    """The league table is public inside the government: every member of a unit reads it."""
    return is_member(viewer)


def may_read_audit_log(viewer: Viewer) -> bool:
    return reads_everything(viewer)


def may_manage_sign_in(actor: Viewer) -> bool:
    """Unlocking a locked sign-in and ending someone's sessions act on any account, so they are the
    office's: a unit admin could otherwise let a guesser go on or end a colleague's work."""
    return is_coordinator(actor)


def may_have_progress_documents(viewer: Viewer) -> bool:
    """Implementation progress reports hold every unit's reports, so the coordinator and leaders may
    have them; making one is reading, so a leader (read-only otherwise) may ask for it."""
    return reads_everything(viewer)


# -- people -------------------------------------------------------------------------------------


def may_manage_people(viewer: Viewer) -> bool:
    """The people pages (create, invite, deactivate, give roles) are the coordinator's for everyone
    and a unit admin's for their units' staff."""
    roles = roles_of(viewer)
    return roles.coordinator or bool(roles.admin_of)


def may_grant_role(actor: Viewer, person: User, unit_id: int, role: str) -> bool:
    """The coordinator gives any role in any unit; a unit's admin only the staff role of their own
    unit, to someone they manage or who has no role anywhere yet (never to themselves)."""
    roles = roles_of(actor)
    if roles.coordinator:
        return True
    if role != Role.UNIT_STAFF or unit_id not in roles.admin_of:
        return False
    if person.pk == actor.pk or person.is_superuser:
        return False
    return not Membership.objects.filter(user_id=person.pk).exists() or may_manage_person(actor, person)


def may_revoke_role(actor: Viewer, membership: Membership) -> bool:
    """The coordinator takes any role away; a unit's admin the staff role of their unit from
    someone they manage."""
    roles = roles_of(actor)
    if roles.coordinator:
        return True
    return (
        membership.role == Role.UNIT_STAFF
        and membership.unit_id in roles.admin_of
        and may_manage_person(actor, membership.user)
    )


def may_manage_person(actor: Viewer, person: User) -> bool:
    """Whom one may invite, deactivate, reactivate and edit: the coordinator anyone; a unit's admin
    the staff of their units who hold no other role anywhere (never themselves, another admin, a
    leader or the office). `accounts.querysets.people_managed_by` is the same rule as a queryset."""
    roles = roles_of(actor)
    if roles.coordinator:
        return True
    if not roles.admin_of or person.pk == actor.pk or person.is_superuser:
        return False
    # Read now, not from a cache on `person`: an action may have just changed the person's roles.
    theirs = set(Membership.objects.filter(user_id=person.pk).values_list("unit_id", "role"))
    return bool(theirs) and all(role == Role.UNIT_STAFF and unit in roles.admin_of for unit, role in theirs)


def may_read_unit_people(viewer: Viewer, unit_id: int) -> bool:
    """A unit's list of people and their roles: its own members, the office and leaders."""
    roles = roles_of(viewer)
    return roles.reads_everything or unit_id in roles.units


# -- units --------------------------------------------------------------------------------------


def may_edit_unit_work(actor: Viewer, unit_id: int) -> bool:
    """A unit's staff and admins change its measures, milestones, reports and contributions; the
    coordinator changes any unit's."""
    roles = roles_of(actor)
    return roles.coordinator or unit_id in roles.units


def may_admin_unit(actor: Viewer, unit_id: int) -> bool:
    """A unit's admin signs off its task book and submits its reports; the coordinator may too."""
    roles = roles_of(actor)
    return roles.coordinator or unit_id in roles.admin_of


def may_edit_task(actor: Viewer, task: Task) -> bool:
    """The lead unit's members keep the task's own plan (its summary, the order of its measures) and
    record its targets' figures; the coordinator too. Reads `task.task_units` (prefetch it)."""
    roles = roles_of(actor)
    if roles.coordinator:
        return True
    return any(tu.role == TaskUnitRole.LEAD and tu.unit_id in roles.units for tu in task.task_units.all())


def may_manage_chat_groups(viewer: Viewer) -> bool:
    """Whether the person manages any chat group: the coordinator, or the admin of some unit."""
    roles = roles_of(viewer)
    return roles.coordinator or bool(roles.admin_of)


def may_manage_chat_group_of(actor: Viewer, unit_id: int | None) -> bool:
    """The coordinator manages the office's chat groups (no unit) and every unit's; a unit's admin
    the unit's own."""
    roles = roles_of(actor)
    return roles.coordinator or (unit_id is not None and unit_id in roles.admin_of)


def may_remind_now(actor: Viewer) -> bool:
    """The office sends a unit an urgent reminder (催办) about its late report or task book."""
    return roles_of(actor).coordinator


def may_tell_draft_ready(actor: Viewer, unit_id: int) -> bool:
    """A unit's own members tell its admins that a report's draft is ready for them to submit."""
    return unit_id in roles_of(actor).units


def may_give_own_times(actor: Actor) -> bool:
    """Only taskbook itself, loading records kept on paper, may date a change other than now."""
    return is_system(actor)
