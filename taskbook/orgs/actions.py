"""Every change to units and memberships. Each runs in a transaction and records an audit event."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import router, transaction
from django.db.models import F, Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.ingest import units as unit_names
from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Membership, Role, Unit, UnitAlias
from taskbook.orgs.permissions import is_coordinator, may_grant_role, may_revoke_role, require
from taskbook.values import text_value
from taskbook.versions import check_version


def _require_coordinator(actor: Actor) -> None:
    require(is_coordinator(actor), _("Only the coordinator may change units."))


def _language_of(name: str) -> str:
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else "en"


NAME_LIMIT = 200  # Unit.name_en, Unit.name_zh, UnitAlias.name and its key
SHORT_NAME_LIMIT = 60  # Unit.short_name


def _name(name: str, field: str = "name") -> str:
    """A unit's name or alias as it is kept: a longer one is refused with the limit, never cut."""
    return text_value(name, field, NAME_LIMIT, _("A unit name"))


def _alias_key(name: str) -> str:
    return unit_names.normalise(name)[:200]


def _check_unit(unit: Unit, seen: int | None, change: str) -> None:
    """Refuse a change asked from a unit page older than the unit (locked by the caller): its names
    may have moved meanwhile. The refusal shows the names as they are now beside the change asked."""
    check_version(
        unit,
        seen,
        yours={"change": change},
        current=lambda: {
            "name_en": unit.name_en,
            "name_zh": unit.name_zh,
            "aliases": sorted(unit.aliases.values_list("name", flat=True)),
        },
        labels={"aliases": _("Names"), "change": _("Your change")},
    )


@transaction.atomic
def create_unit(
    actor: Actor,
    *,
    name_en: str = "",
    name_zh: str = "",
    short_name: str = "",
    kind: str = "other",
    aliases: Iterable[str] = (),
) -> Unit:
    _require_coordinator(actor)
    name_en, name_zh = _name(name_en, "name_en"), _name(name_zh, "name_zh")
    short_name = text_value(short_name, "short_name", SHORT_NAME_LIMIT, _("The short name"))
    if not (name_en or name_zh):
        raise ActionError(_("A unit needs an English or a Chinese name."), field="name_en")
    unit = Unit.objects.create(name_en=name_en, name_zh=name_zh, short_name=short_name, kind=kind)
    added = _add_aliases(unit, [name_en, name_zh, *aliases])
    record(actor, Event.UNIT_CREATE, unit, after=snapshot(unit) | {"aliases": added})
    return unit


def _add_aliases(unit: Unit, names: Iterable[str]) -> list[str]:
    """Attach printed names to a unit, unless another unit already answers to the same key."""
    wanted = {_name(n): _alias_key(n) for n in names if n and n.strip() and _alias_key(n)}
    existing = UnitAlias.objects.filter(Q(name__in=wanted) | Q(key__in=wanted.values()))
    known_names = {a.name for a in existing}
    foreign_keys = {a.key for a in existing if a.unit_id != unit.pk}
    new = [
        UnitAlias(unit=unit, name=name, language=_language_of(name), key=key)
        for name, key in wanted.items()
        if name not in known_names and key not in foreign_keys
    ]
    UnitAlias.objects.bulk_create(new)
    return [a.name for a in new]


@transaction.atomic
def add_alias(actor: Actor, unit: Unit, name: str, *, version: int | None = None) -> UnitAlias:
    """Another printed name of the unit; `version` is the unit's version its page showed."""
    _require_coordinator(actor)
    name = text_value(name, "name", NAME_LIMIT, _("The alias"))
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_unit(unit, version, _("Add the name “%(name)s”") % {"name": name})
    key = _alias_key(name)
    if not key:
        raise ActionError(_("An alias cannot be empty."), field="name")
    existing = UnitAlias.objects.filter(Q(key=key) | Q(name=name)).select_related("unit").first()
    if existing:
        raise ActionError(
            _("“%(name)s” already names %(unit)s.") % {"name": name, "unit": existing.unit}, field="name"
        )
    alias = UnitAlias.objects.create(unit=unit, name=name, language=_language_of(name), key=key)
    unit.version += 1
    unit.save(update_fields=["version"])
    record(actor, Event.UNIT_ALIAS_ADD, unit, after={"alias": name})
    return alias


@dataclass
class PrintedBody:
    """The printed names of one body in a document, with what the extraction knows of it."""

    names: list[str]
    name_en: str = ""
    name_zh: str = ""
    kind: str = ""


def resolve_units(actor: Actor, bodies: list[PrintedBody], *, language: str) -> dict[str, Unit]:
    """Map every printed name to a Unit, creating units for bodies not yet known.

    A body is matched to an existing unit through its aliases; it is never used to merge two
    existing units, since a wrong merge is worse than a missed one (the coordinator merges by hand).
    """
    names = {n.strip() for body in bodies for n in body.names if _alias_key(n)}
    aliases = list(
        UnitAlias.objects.filter(
            Q(name__in=names) | Q(key__in={_alias_key(n) for n in names})
        ).select_related("unit")
    )
    exact = {a.name: a.unit for a in aliases}
    # A key answers for a unit only while one unit holds it: after a split, two bodies share a
    # normalised name and only the exact printed name tells them apart.
    holders: dict[str, set[int]] = {}
    for a in aliases:
        holders.setdefault(a.key, set()).add(a.unit_id)
    by_key = {a.key: a.unit for a in aliases if len(holders[a.key]) == 1}

    def known(name: str) -> Unit | None:
        return exact.get(name.strip()) or by_key.get(_alias_key(name))

    resolved: dict[str, Unit] = {}
    for body in bodies:
        printed = [n for n in body.names if _alias_key(n)]
        if not printed:
            continue
        unit = next((u for u in map(known, printed) if u is not None), None)
        if unit is None:
            first = printed[0]
            entry = unit_names.known_unit(first)
            name_en = body.name_en or (entry.name_en if entry else "") or (first if language == "en" else "")
            name_zh = body.name_zh or (entry.name_zh if entry else "") or (first if language == "zh" else "")
            kind = body.kind or (entry.kind if entry else "") or unit_names.guess_kind(first)
            unit = Unit.objects.create(name_en=_name(name_en), name_zh=_name(name_zh), kind=kind)
            extra = list(entry.aliases) if entry else []
            added = _add_aliases(unit, [name_en, name_zh, *printed, *extra])
            record(actor, Event.UNIT_CREATE, unit, after=snapshot(unit) | {"aliases": added})
        else:
            # Names of this body that nobody answers to yet join the matched unit.
            if _add_aliases(unit, [n for n in printed if known(n) is None]):
                Unit.objects.filter(pk=unit.pk).update(version=F("version") + 1)
        for n in printed:
            resolved[n] = known(n) or unit
            exact.setdefault(n.strip(), resolved[n])
    return resolved


@transaction.atomic
def merge_units(actor: Actor, keep: Unit, other: Unit, *, version: int | None = None) -> Unit:
    """Fold `other` into `keep`: its aliases, responsibilities and members move over. `version` is
    the version of `keep` its page showed."""
    _require_coordinator(actor)
    if keep.pk == other.pk:
        raise ActionError(_("A unit cannot be merged into itself."))
    from taskbook.plans.models import TaskUnit  # plans depend on orgs, not the reverse

    # Both locked, in one order, so that two merges of the same pair cannot deadlock.
    locked = {
        u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=[keep.pk, other.pk]).order_by("pk")
    }
    if other.pk not in locked or keep.pk not in locked:
        raise ActionError(_("That unit no longer exists: it was merged or removed meanwhile."))
    keep, other = locked[keep.pk], locked[other.pk]
    _check_unit(keep, version, _("Merge %(other)s into this unit") % {"other": other})

    before = {"keep": snapshot(keep), "other": snapshot(other)}
    moved_aliases = list(other.aliases.values_list("name", flat=True))
    other.aliases.update(unit=keep)
    held = set(TaskUnit.objects.filter(unit=keep).values_list("task_id", "role"))
    for tu in TaskUnit.objects.filter(unit=other):
        if (tu.task_id, tu.role) in held:
            tu.delete()
        else:
            tu.unit = keep
            tu.save(update_fields=["unit"])
    members = set(Membership.objects.filter(unit=keep).values_list("user_id", "role"))
    for m in Membership.objects.filter(unit=other):
        if (m.user_id, m.role) in members:
            m.delete()
        else:
            m.unit = keep
            m.save(update_fields=["unit"])
    Unit.objects.filter(parent=other).update(parent=keep)
    for field in ("name_en", "name_zh", "short_name"):
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    keep.version += 1
    keep.save()
    record(
        actor, Event.UNIT_MERGE, keep, before=before, after=snapshot(keep) | {"aliases_moved": moved_aliases}
    )
    kept = _records_of(other)
    if kept:
        # Rolls back the whole merge: the unit's own work is never deleted with it.
        raise ActionError(
            _(
                "%(other)s has records of its own (%(records)s) that a merge does not move. Merge the "
                "other way round, from the page of %(other)s."
            )
            % {"other": other, "records": ", ".join(kept)}
        )
    other.delete()
    return keep


def _records_of(unit: Unit) -> list[str]:
    """The kinds of record that deleting the unit would delete with it or is refused for."""
    collector = Collector(using=router.db_for_write(Unit))
    try:
        collector.collect([unit])
    except ProtectedError as exc:
        return sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
    except RestrictedError as exc:
        return sorted({str(obj._meta.verbose_name_plural) for obj in exc.restricted_objects})
    models = {m for m, objs in collector.data.items() if objs and m is not Unit}
    models |= {qs.model for qs in collector.fast_deletes if qs.exists()}
    return sorted(str(m._meta.verbose_name_plural) for m in models)


@transaction.atomic
def split_unit(
    actor: Actor,
    unit: Unit,
    alias_ids: list[int],
    *,
    name_en: str = "",
    name_zh: str = "",
    version: int | None = None,
) -> Unit:
    """Take some aliases of a unit out into a unit of their own, with the tasks printed under them.
    `version` is the unit's version its page showed, the one the aliases were chosen from."""
    _require_coordinator(actor)
    from taskbook.plans.models import TaskUnit

    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    chosen = ", ".join(
        UnitAlias.objects.filter(pk__in=alias_ids).order_by("name").values_list("name", flat=True)
    )
    _check_unit(unit, version, _("Split off a new unit with the names: %(names)s") % {"names": chosen})

    aliases = list(unit.aliases.filter(pk__in=alias_ids))
    if not aliases:
        raise ActionError(_("Choose the names that belong to the other body."), field="aliases")
    if len(aliases) == unit.aliases.count():
        raise ActionError(_("Leave at least one name with the original unit."), field="aliases")
    moving = {a.name for a in aliases}
    first = aliases[0].name
    new = Unit.objects.create(
        name_en=_name(name_en, "name_en") or ("" if _language_of(first) == "zh" else first),
        name_zh=_name(name_zh, "name_zh") or (first if _language_of(first) == "zh" else ""),
        kind=unit.kind,
        parent=unit.parent,
    )
    unit.aliases.filter(pk__in=[a.pk for a in aliases]).update(unit=new)
    moved_tasks = []
    for tu in TaskUnit.objects.filter(unit=unit).select_related("task"):
        if tu.printed_name in moving:
            tu.unit = new
            tu.save(update_fields=["unit"])
            moved_tasks.append(tu.task.number)
    # The old unit must not keep a display name that now belongs to the new body.
    remaining = list(unit.aliases.all())
    for field in ("name_en", "name_zh"):
        if getattr(unit, field) in moving:
            lang = "en" if field == "name_en" else "zh"
            setattr(unit, field, next((a.name for a in remaining if a.language == lang), ""))
    if not (unit.name_en or unit.name_zh):
        unit.name_en = remaining[0].name
    unit.version += 1
    unit.save()
    record(
        actor,
        Event.UNIT_SPLIT,
        new,
        before=snapshot(unit),
        after=snapshot(new) | {"aliases": [a.name for a in aliases], "tasks": moved_tasks},
    )
    return new


@transaction.atomic
def add_membership(actor: Actor, user: User, unit: Unit, role: str) -> Membership:
    """Give `user` a role in `unit`: the coordinator any; a unit admin the staff role of their unit."""
    if role not in Role.values:
        raise ActionError(_("Unknown role: %(role)s") % {"role": role}, field="role")
    require(
        may_grant_role(actor, user, unit.pk, role),
        _("You may give only the staff role of your own unit, to its own staff."),
    )
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        record(actor, Event.MEMBERSHIP_ADD, membership, after=snapshot(membership))
    return membership


@transaction.atomic
def remove_membership(actor: Actor, membership: Membership) -> None:
    """Take a role away. The last coordinator of the installation keeps theirs: without one, nobody
    could give roles again except through the command line."""
    require(
        may_revoke_role(actor, membership),
        _("You may take away only the staff role of your own unit's staff."),
    )
    if membership.role == Role.COORDINATOR:
        others = Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True).exclude(
            pk=membership.pk
        )
        if not others.exists() and not User.objects.filter(is_superuser=True, is_active=True).exists():
            raise ActionError(_("This is the last coordinator: give the role to someone else first."))
    before = snapshot(membership)
    Membership.objects.filter(pk=membership.pk).delete()
    record(actor, Event.MEMBERSHIP_REMOVE, membership, before=before)
