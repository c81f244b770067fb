"""Every change to plans: staging an upload for review, importing, revising, publishing, closing."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.ingest import IngestError, extract_bytes
from taskbook.ingest.draft import PlanDraft
from taskbook.ingest.units import normalise
from taskbook.orgs.actions import NAME_LIMIT, PrintedBody, resolve_units
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import is_coordinator, require
from taskbook.plans.models import (
    PLAN_TRANSITIONS,
    ImportStatus,
    Plan,
    PlanImport,
    PlanStatus,
    Section,
    Task,
    TaskUnit,
    TaskUnitRole,
)
from taskbook.reporting.actions import close_cycle
from taskbook.reporting.models import CycleStatus, ProgressReport, ReportingCycle, ReportStatus
from taskbook.targets.models import Comparator, Target
from taskbook.taskbooks.models import Measure
from taskbook.taskbooks.querysets import open_measure_q
from taskbook.uploads import check_name, limit_message, max_upload_bytes, reading_limits
from taskbook.values import text_value


def _require_coordinator(actor: Actor) -> None:
    require(is_coordinator(actor), _("Only the coordinator may import and publish plans."))


def draft_data(draft: PlanDraft) -> dict[str, Any]:
    """A PlanDraft as nested JSON (sections hold their tasks), without the source text."""
    data = dataclasses.asdict(draft)
    data.pop("text", None)
    return data


# -- staging an upload for review ---------------------------------------------------------

# Ingest speaks English to programs; people get these, in their language, by the error's code.
INGEST_MESSAGES = {
    "empty": gettext_lazy("The file is empty: there is no text to read."),
    "binary": gettext_lazy("The file is not a text document (it looks like binary data)."),
    "encrypted": gettext_lazy("The PDF is encrypted. Upload a copy without a password."),
    "truncated": gettext_lazy("The file is damaged or cut off and cannot be opened."),
    "too_large": gettext_lazy("The file is too large to import."),
    "no_tasks": gettext_lazy(
        "No tasks were found. A task is a numbered item with its responsible units (for example "
        "“(Lead unit: …)” or “（牵头单位：…）”)."
    ),
    "unsupported": gettext_lazy("This kind of file cannot be read. Use .txt, .md, .docx, .pdf or .html."),
    "encoding": gettext_lazy("The text is in an encoding that could not be recognised. Save it as UTF-8."),
    "needs_ocr": gettext_lazy(
        "The PDF has no text layer: it is a scan (pictures of pages). Run it through OCR (text "
        "recognition) first, or upload the original Word or text file."
    ),
}


def ingest_message(exc: IngestError) -> str:
    return limit_message(exc) or str(INGEST_MESSAGES.get(exc.code, exc.message))


@transaction.atomic
def stage_import(actor: Actor, *, data: bytes, filename: str) -> PlanImport:
    """Extract an uploaded document and keep it for review; nothing of the plan is saved yet."""
    _require_coordinator(actor)
    check_name(filename)
    try:
        draft = extract_bytes(data, filename, max_bytes=max_upload_bytes(), limits=reading_limits())
    except IngestError as exc:
        raise ActionError(ingest_message(exc), field="document") from exc
    staged = PlanImport(
        source_name=filename,
        source_sha256=draft.source_sha256,
        language=draft.language,
        draft=draft_data(draft),
        source_text=draft.text,
        uploaded_by=user_of(actor),
    )
    staged.source_file.save(f"{draft.source_sha256}{_suffix(filename)}", ContentFile(data), save=False)
    staged.save()
    record(
        actor,
        Event.PLAN_IMPORT_STAGE,
        staged,
        after={"file": filename, "sha256": draft.source_sha256, "tasks": len(draft.tasks)},
    )
    return staged


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    suffix = filename[dot:].lower() if dot > 0 else ""
    return suffix if suffix in {".txt", ".md", ".docx", ".pdf", ".html", ".htm"} else ".bin"


@transaction.atomic
def revise_import(actor: Actor, staged: PlanImport, draft: dict[str, Any], *, revision: int) -> PlanImport:
    """Replace the reviewed extraction with the coordinator's corrections."""
    _require_coordinator(actor)
    staged = PlanImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != ImportStatus.PENDING:
        raise ActionError(_("This upload has already been saved or discarded."))
    if staged.revision != revision:
        raise ActionError(
            _("Someone else changed this review meanwhile. Reload the page to see their version.")
        )
    validate_draft(draft)
    before = staged.draft
    staged.draft = draft
    staged.revision += 1
    staged.save(update_fields=["draft", "revision"])
    record(actor, Event.PLAN_IMPORT_REVISE, staged, before=before, after=draft)
    return staged


@transaction.atomic
def discard_import(actor: Actor, staged: PlanImport) -> None:
    _require_coordinator(actor)
    if staged.status != ImportStatus.PENDING:
        raise ActionError(_("This upload has already been saved or discarded."))
    staged.status = ImportStatus.DISCARDED
    staged.save(update_fields=["status"])
    record(actor, Event.PLAN_IMPORT_DISCARD, staged)


@transaction.atomic
def save_import(actor: Actor, staged: PlanImport) -> ImportResult:
    _require_coordinator(actor)
    staged = PlanImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != ImportStatus.PENDING:
        raise ActionError(_("This upload has already been saved or discarded."))
    with staged.source_file.open("rb") as fh:
        content = fh.read()
    result = import_plan(actor, staged.draft, source_name=staged.source_name, source_bytes=content)
    staged.status = ImportStatus.SAVED
    staged.plan = result.plan
    staged.save(update_fields=["status", "plan"])
    return result


# -- validation ---------------------------------------------------------------------------


def validate_draft(draft: dict[str, Any]) -> None:
    """Check a (possibly hand-corrected) extraction before anything is written."""
    if not str(draft.get("title") or "").strip():
        raise ActionError(_("The plan needs a title."), field="title")
    # The lengths the models keep, checked here so that nothing is cut when the plan is saved.
    text_value(draft.get("title"), "title", 300, _("The plan's title"))
    text_value(draft.get("issuing_body"), "issuing_body", 200, _("The issuing body"))
    sections = draft.get("sections") or []
    for section in sections:
        number = str(section.get("number") or "")
        text_value(number, "number", 20, _("A section's number"))
        text_value(section.get("title"), "title", 500, _("The title of section %(n)s") % {"n": number})
    tasks = [t for s in sections for t in s.get("tasks") or []]
    if not tasks:
        raise ActionError(_("The plan has no tasks. A task is a numbered item with responsible units."))
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for task in section.get("tasks") or []:
            number = str(task.get("number") or "").strip()
            if not number:
                raise ActionError(_("Every task needs a number."), field="number")
            text_value(number, "number", 20, _("A task's number"))
            if not str(task.get("title") or "").strip():
                raise ActionError(_("Task %(number)s needs a title.") % {"number": number}, field="title")
            text_value(task.get("title"), "title", 500, _("The title of task %(n)s") % {"n": number})
            for name in [*(task.get("lead_units") or []), *(task.get("participating_units") or [])]:
                text_value(name, "lead_units", NAME_LIMIT, _("A unit name of task %(n)s") % {"n": number})
            key = (str(section.get("number") or ""), number)
            if key in seen:
                raise ActionError(
                    _("Task number %(number)s appears twice in one section.") % {"number": number}
                )
            seen.add(key)
            if not task.get("lead_units"):
                raise ActionError(
                    _("Task %(number)s has no lead unit.") % {"number": number}, field="lead_units"
                )
            for target in task.get("targets") or []:
                _target_fields(target, number)


def _target_fields(target: dict[str, Any], task_number: str) -> dict[str, Any]:
    try:
        value = Decimal(str(target.get("value")))
    except (InvalidOperation, ValueError) as exc:
        raise ActionError(
            _("A target of task %(number)s has no valid value.") % {"number": task_number}, field="targets"
        ) from exc
    if not value.is_finite() or abs(value) >= Decimal(10) ** 14:
        raise ActionError(_("A target of task %(number)s has no valid value.") % {"number": task_number})
    comparator = target.get("comparator") or "="
    if comparator not in Comparator.values:
        raise ActionError(
            _("Unknown comparator %(c)s in task %(number)s.") % {"c": comparator, "number": task_number}
        )
    year = target.get("year")
    if year not in (None, ""):
        try:
            year = int(year)
        except (TypeError, ValueError) as exc:
            raise ActionError(
                _("A target year of task %(number)s is not a year.") % {"number": task_number}
            ) from exc
        if not 1900 <= year <= 2200:
            raise ActionError(_("A target year of task %(number)s is not a year.") % {"number": task_number})
    else:
        year = None
    label = _("A target of task %(n)s") % {"n": task_number}
    return {
        "text": text_value(target.get("text"), "targets", 5000, label),
        "metric": text_value(
            target.get("metric"), "targets", 300, _("%(target)s: its metric") % {"target": label}
        ),
        "comparator": comparator,
        "value": value,
        "unit_of_measure": text_value(
            target.get("unit"), "targets", 40, _("%(target)s: its unit") % {"target": label}
        ),
        "year": year,
    }


# -- importing ----------------------------------------------------------------------------


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    changes: list[str] = field(default_factory=list)


def find_existing_plan(draft: dict[str, Any]) -> Plan | None:
    """The plan that an imported document revises: same source, else the same title."""
    sha = draft.get("source_sha256") or ""
    if sha:
        plan = Plan.objects.filter(source_sha256=sha).first()
        if plan:
            return plan
    key = normalise(str(draft.get("title") or ""))
    for plan in Plan.objects.only("id", "title", "title_zh"):
        if key and key in {normalise(plan.title), normalise(plan.title_zh)}:
            return plan
    return None


@transaction.atomic
def import_plan(
    actor: Actor,
    draft: dict[str, Any] | PlanDraft,
    *,
    source_name: str = "",
    source_bytes: bytes | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Save an extraction as a plan, or update the plan it revises, in one transaction.

    Importing the same document again changes nothing; a revised document updates the
    plan in place and the result lists what changed. With dry_run the changes are
    computed and rolled back.
    """
    _require_coordinator(actor)
    if isinstance(draft, PlanDraft):
        draft = draft_data(draft)
    validate_draft(draft)
    if source_bytes is not None:
        draft = {**draft, "source_sha256": hashlib.sha256(source_bytes).hexdigest()}
    plan = find_existing_plan(draft)
    created = plan is None
    changes: list[str] = []
    if plan is None:
        plan = Plan(status=PlanStatus.DRAFT)
    previous_sha = plan.source_sha256
    _sync_plan_fields(plan, draft, source_name, changes, created)
    new_source = source_bytes is not None and (created or previous_sha != plan.source_sha256)
    plan.save()
    if new_source and not dry_run:
        plan.source_file.save(f"{plan.source_sha256}{_suffix(source_name)}", ContentFile(source_bytes))
    units = _resolve_draft_units(actor, draft)
    _sync_sections(plan, draft, units, changes)
    if created:
        changes = [_("Plan created with %(n)s tasks.") % {"n": plan.tasks.count()}]
    if changes:
        record(
            actor,
            Event.PLAN_IMPORT if created else Event.PLAN_REIMPORT,
            plan,
            after={"source": source_name, "sha256": plan.source_sha256, "changes": changes},
        )
    if dry_run:
        transaction.set_rollback(True)
    return ImportResult(plan=plan, created=created, changes=changes)


def _sync_plan_fields(
    plan: Plan, draft: dict[str, Any], source_name: str, changes: list[str], created: bool
) -> None:
    language = draft.get("language") or "en"
    title_field = "title_zh" if language == "zh" else "title"
    wanted: dict[str, Any] = {
        title_field: str(draft["title"]).strip(),  # lengths checked by validate_draft, names by check_name
        "language": language,
        "issuing_body": str(draft.get("issuing_body") or "").strip(),
        "source_sha256": draft.get("source_sha256") or plan.source_sha256,
        "source_name": check_name(source_name or draft.get("source_name") or plan.source_name),
    }
    if language == "zh" and not plan.title:
        wanted["title"] = wanted[title_field]
    if draft.get("period_start"):
        wanted["period_start"] = datetime.date(int(draft["period_start"]), 1, 1)
    if draft.get("period_end"):
        wanted["period_end"] = datetime.date(int(draft["period_end"]), 12, 31)
    for name, value in wanted.items():
        if getattr(plan, name) != value:
            if not created and name not in {"source_sha256", "source_name"}:
                changes.append(_("Plan %(field)s changed.") % {"field": _label(Plan, name)})
            setattr(plan, name, value)


def _resolve_draft_units(actor: Actor, draft: dict[str, Any]) -> dict[str, Unit]:
    used = [
        name
        for section in draft.get("sections") or []
        for task in section.get("tasks") or []
        for name in [*task.get("lead_units", []), *task.get("participating_units", [])]
    ]
    # A body is kept whole (its unused aliases are still worth knowing) if any of its names is
    # used; names that a reviewer added by hand are bodies of their own.
    bodies = [
        PrintedBody(
            names=names,
            name_en=u.get("name_en") or "",
            name_zh=u.get("name_zh") or "",
            kind=u.get("kind") or "",
        )
        for u in draft.get("units") or []
        if set(names := [u.get("name", ""), *(u.get("aliases") or [])]) & set(used)
    ]
    printed = {n for body in bodies for n in body.names}
    bodies += [PrintedBody(names=[name]) for name in dict.fromkeys(used) if name not in printed]
    return resolve_units(actor, bodies, language=draft.get("language") or "en")


def _sync_sections(plan: Plan, draft: dict[str, Any], units: dict[str, Unit], changes: list[str]) -> None:
    existing_sections = {(s.number, normalise(s.title)): s for s in plan.sections.all()}
    by_number = {s.number: s for s in existing_sections.values()}
    existing_tasks = {
        (t.section.number if t.section else "", t.number): t
        for t in plan.tasks.select_related("section").prefetch_related("task_units", "targets")
    }
    kept_sections: set[int] = set()
    kept_tasks: set[int] = set()
    task_order = 0
    for order, sdata in enumerate(draft.get("sections") or []):
        number = str(sdata.get("number") or "")
        title = str(sdata.get("title") or "").strip()
        section = existing_sections.get((number, normalise(title))) or by_number.get(number)
        if section is None or section.pk in kept_sections:
            section = Section.objects.create(
                plan=plan, number=number, title=title, body=sdata.get("body") or "", order=order
            )
            if existing_sections:
                changes.append(_("Section %(n)s added: %(t)s") % {"n": number, "t": title})
        else:
            _update(
                section,
                {"title": title, "body": sdata.get("body") or "", "order": order},
                changes,
                _("Section %(n)s") % {"n": number},
                watch={"title", "body"},
            )
        kept_sections.add(section.pk)
        for tdata in sdata.get("tasks") or []:
            task_order += 1
            tnumber = str(tdata["number"]).strip()
            task = existing_tasks.get((number, tnumber))
            label = _("Task %(n)s") % {"n": tnumber}
            fields = {
                "section": section,
                "title": str(tdata["title"]).strip(),
                "body": tdata.get("body") or "",
                "order": task_order,
            }
            if task is None:
                task = Task.objects.create(plan=plan, number=tnumber, **fields)
                if existing_tasks:
                    changes.append(_("%(task)s added: %(title)s") % {"task": label, "title": task.title})
            else:
                _update(task, fields, changes, label, watch={"title", "body"})
            kept_tasks.add(task.pk)
            _sync_task_units(task, tdata, units, changes, label)
            _sync_targets(task, tdata, changes, label)
    for key, task in existing_tasks.items():
        if task.pk not in kept_tasks:
            changes.append(_("Task %(n)s removed: %(t)s") % {"n": key[1], "t": task.title})
            task.delete()
    for section in existing_sections.values():
        if section.pk not in kept_sections:
            changes.append(_("Section %(n)s removed: %(t)s") % {"n": section.number, "t": section.title})
            section.delete()


def _label(model: type[Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _update(obj: Model, fields: dict[str, Any], changes: list[str], label: str, watch: set[str]) -> None:
    dirty = [name for name, value in fields.items() if getattr(obj, name) != value]
    if not dirty:
        return
    for name in dirty:
        setattr(obj, name, fields[name])
        if name in watch:
            changes.append(
                _("%(label)s: %(field)s changed.") % {"label": label, "field": _label(type(obj), name)}
            )
    obj.save(update_fields=dirty)


def _sync_task_units(
    task: Task, tdata: dict[str, Any], units: dict[str, Unit], changes: list[str], label: str
) -> None:
    wanted: dict[tuple[int, str], tuple[str, int]] = {}
    for role, key in ((TaskUnitRole.LEAD, "lead_units"), (TaskUnitRole.PARTICIPATING, "participating_units")):
        for order, name in enumerate(tdata.get(key) or []):
            unit = units[name]
            if (unit.pk, TaskUnitRole.LEAD) in wanted:
                continue  # a body printed twice keeps its strongest role
            wanted.setdefault((unit.pk, role), (str(name), order))
    current = {(tu.unit_id, tu.role): tu for tu in task.task_units.all()}
    names = {u.pk: u for u in units.values()}
    for held, tu in current.items():
        if held not in wanted:
            changes.append(
                _("%(label)s: %(role)s removed: %(unit)s")
                % {"label": label, "role": tu.get_role_display(), "unit": tu.printed_name}
            )
            tu.delete()
    for (unit_id, role_name), (printed, order) in wanted.items():
        existing = current.get((unit_id, role_name))
        if existing is None:
            TaskUnit.objects.create(
                task=task, unit=names[unit_id], role=role_name, printed_name=printed, order=order
            )
            if current:
                changes.append(
                    _("%(label)s: %(role)s added: %(unit)s")
                    % {"label": label, "role": TaskUnitRole(role_name).label, "unit": printed}
                )
        elif (existing.printed_name, existing.order) != (printed, order):
            existing.printed_name, existing.order = printed, order
            existing.save(update_fields=["printed_name", "order"])


def _sync_targets(task: Task, tdata: dict[str, Any], changes: list[str], label: str) -> None:
    wanted = [_target_fields(t, task.number) for t in tdata.get("targets") or []]
    current = list(task.targets.all())

    def key(fields: dict[str, Any]) -> tuple[Any, ...]:
        return (
            fields["comparator"],
            Decimal(fields["value"]).normalize(),
            fields["unit_of_measure"],
            fields["year"],
        )

    current_by_key = {key(snapshot(t) | {"value": t.value}): t for t in current}
    wanted_keys = set()
    for order, fields in enumerate(wanted):
        k = key(fields)
        wanted_keys.add(k)
        target = current_by_key.get(k)
        if target is None:
            target = Target.objects.create(task=task, order=order, **fields)
            if current:
                changes.append(
                    _("%(label)s: target added: %(target)s") % {"label": label, "target": target.text}
                )
        elif (target.text, target.order) != (fields["text"], order):
            target.text, target.order = fields["text"], order
            target.save(update_fields=["text", "order"])
    for k, target in current_by_key.items():
        if k not in wanted_keys:
            changes.append(
                _("%(label)s: target removed: %(target)s") % {"label": label, "target": target.text}
            )
            target.delete()


# -- publishing ---------------------------------------------------------------------------


STATUS_EVENTS: dict[str, Event] = {
    PlanStatus.DRAFT: Event.PLAN_DRAFT,
    PlanStatus.PUBLISHED: Event.PLAN_PUBLISHED,
    PlanStatus.CLOSED: Event.PLAN_CLOSED,
}


@transaction.atomic
def change_plan_status(actor: Actor, plan: Plan, status: str) -> Plan:
    _require_coordinator(actor)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status not in PLAN_TRANSITIONS.get(plan.status, set()):
        raise ActionError(
            _("A %(old)s plan cannot become %(new)s.")
            % {
                "old": plan.get_status_display(),
                "new": PlanStatus(status).label if status in PlanStatus.values else status,
            }
        )
    if status == PlanStatus.CLOSED:
        _close_reporting(actor, plan)
    before = snapshot(plan, ["status"])
    plan.status = status
    plan.save(update_fields=["status", "updated_at"])
    record(actor, STATUS_EVENTS[status], plan, before=before, after=snapshot(plan, ["status"]))
    return plan


def close_plan(actor: Actor, plan: Plan) -> Plan:
    """End a plan: every report accepted and every measure done or cancelled, else the refusal
    says what remains; its open reporting cycles close with it."""
    return change_plan_status(actor, plan, PlanStatus.CLOSED)


def _close_reporting(actor: Actor, plan: Plan) -> None:
    reports = ProgressReport.objects.filter(cycle__plan=plan).exclude(status=ReportStatus.ACCEPTED).count()
    measures = Measure.objects.filter(task__plan=plan).filter(open_measure_q()).count()
    remains = []
    if reports:
        remains.append(
            ngettext(
                "%(n)s progress report is not accepted yet",
                "%(n)s progress reports are not accepted yet",
                reports,
            )
            % {"n": reports}
        )
    if measures:
        remains.append(
            ngettext(
                "%(n)s measure is neither done nor cancelled",
                "%(n)s measures are neither done nor cancelled",
                measures,
            )
            % {"n": measures}
        )
    if remains:
        # Translators: between the things that remain before a plan can be closed.
        separator = _("; ")
        raise ActionError(
            _("The plan cannot be closed yet: %(remains)s.") % {"remains": separator.join(remains)}
        )
    for cycle in ReportingCycle.objects.filter(plan=plan, status=CycleStatus.OPEN).order_by("period_start"):
        close_cycle(actor, cycle)


EDITABLE_PLAN_FIELDS = {"title", "title_zh", "issuing_body", "period_start", "period_end"}


@transaction.atomic
def update_plan(actor: Actor, plan: Plan, **fields: Any) -> Plan:
    """Change a plan's own details (not its tasks, which come from its document)."""
    _require_coordinator(actor)
    unknown = set(fields) - EDITABLE_PLAN_FIELDS
    if unknown:
        raise ActionError(_("These plan details cannot be edited: %(f)s") % {"f": ", ".join(sorted(unknown))})
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    before = snapshot(plan, list(fields))
    for name, value in fields.items():
        setattr(plan, name, value)
    if not (plan.title or plan.title_zh):
        raise ActionError(_("The plan needs a title."), field="title")
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ActionError(_("The period ends before it starts."), field="period_end")
    plan.save(update_fields=[*fields, "updated_at"])
    record(actor, Event.PLAN_UPDATE, plan, before=before, after=snapshot(plan, list(fields)))
    return plan


def publish_plan(actor: Actor, plan: Plan) -> Plan:
    return change_plan_status(actor, plan, PlanStatus.PUBLISHED)
