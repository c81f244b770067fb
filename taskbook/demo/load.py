"""The demo: the Shenzhen plan (2023-2025) carried to its end and closed with its final report; the
Taicang plan (2026-2028) running live around the day the demo is loaded; the coordinating office;
one user per role.

Everything goes through the same actions as real use, so running it twice changes nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from taskbook.accounts.actions import ensure_profile
from taskbook.demo.actor import DEMO
from taskbook.demo.current import SCIENCE_BUREAU, load_current_plan, submit_todays_reports
from taskbook.demo.reporting import FINAL_CYCLE, MIDDLE_CYCLE, load_reporting
from taskbook.demo.taskbooks import finish_taskbooks, load_taskbooks
from taskbook.documents.actions import request_document
from taskbook.documents.models import GeneratedDocument
from taskbook.ingest import extract_bytes
from taskbook.orgs.actions import add_membership, create_unit
from taskbook.orgs.models import Role, Unit, UnitAlias
from taskbook.plans.actions import close_plan, import_plan, publish_plan, update_plan
from taskbook.plans.models import Plan, PlanStatus
from taskbook.reporting.models import ProgressReport, ReportingCycle
from taskbook.targets.models import Target
from taskbook.taskbooks.models import Measure

DATA = Path(__file__).parent / "data"
PLAN_FILE = DATA / "shenzhen-intl-business-environment-2023-2025.en.txt"
PLAN_TITLE_ZH = "深圳市优化国际营商环境工作方案（2023—2025年）"
OFFICE_EN = "Office of the Municipal Leading Group for Optimizing the Business Environment Reform"
OFFICE_ZH = "深圳市优化营商环境改革工作领导小组办公室"
PASSWORD = "taskbook-demo"

# user name, role, the unit's name (None: the coordinating office)
USERS = [
    ("coordinator", Role.COORDINATOR, None),
    ("leader", Role.LEADER, None),
    ("commerce_admin", Role.UNIT_ADMIN, "Municipal Bureau of Commerce"),
    ("commerce_staff", Role.UNIT_STAFF, "Municipal Bureau of Commerce"),
    ("miit_staff", Role.UNIT_STAFF, "Municipal Bureau of Industry and Information Technology"),
    # Taicang's science and technology bureau leads four of the current plan's tasks.
    ("taicang_admin", Role.UNIT_ADMIN, SCIENCE_BUREAU),
    ("taicang_staff", Role.UNIT_STAFF, SCIENCE_BUREAU),
]
# The final implementation progress report of the Shenzhen plan, in both languages.
FINAL_REPORT_LANGUAGES = ["en", "zh-hans"]


@dataclass
class DemoSummary:
    lines: list[str]
    logins: list[tuple[str, str, str]]


@transaction.atomic
def load_demo(today: datetime.date | None = None) -> DemoSummary:
    """Load or complete the demo; `today` (the site's today unless given) is the day the current
    plan's work is laid out around."""
    today = today or timezone.localdate()
    shenzhen = _shenzhen()
    taicang = load_current_plan(DATA, today)
    office = _unit_named(OFFICE_EN) or create_unit(DEMO, name_en=OFFICE_EN, name_zh=OFFICE_ZH, kind="other")
    logins = []
    User = get_user_model()
    for username, role, unit_name in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.email = f"{username}@example.gov.cn"  # the console shows the reminders they would get
            user.save()
        ensure_profile(DEMO, user)
        unit = office if unit_name is None else _unit_named(unit_name)
        if unit is not None:
            add_membership(DEMO, user, unit, role)
            logins.append((username, PASSWORD, f"{Role(role).label} · {unit.name_en or unit.name_zh}"))
    submit_todays_reports(taicang)
    return DemoSummary(lines=[_summary(shenzhen), _summary(taicang)], logins=logins)


def _summary(plan: Plan) -> str:
    cycles = ReportingCycle.objects.filter(plan=plan)
    first, last = (
        cycles.order_by("period_start").first(),
        cycles.exclude(status="scheduled").order_by("period_start").last(),
    )
    units = Unit.objects.filter(task_units__task__plan=plan).distinct().count()
    return (
        f"“{plan.title}” ({plan.get_status_display()}): "
        f"{plan.sections.filter(tasks__isnull=False).distinct().count()} areas, "
        f"{plan.tasks.count()} tasks, {units} units, "
        f"{Target.objects.filter(task__plan=plan).count()} targets, "
        f"{Measure.objects.filter(task__plan=plan).count()} measures in the units' task books, "
        f"{ProgressReport.objects.filter(cycle__plan=plan).count()} progress reports"
        + (f" ({first.label} to {last.label})." if first and last else ".")
    )


def _shenzhen() -> Plan:
    """Published, its history to mid-2025, carried to the end, closed with its final report."""
    data = PLAN_FILE.read_bytes()
    result = import_plan(
        DEMO, extract_bytes(data, PLAN_FILE.name), source_name=PLAN_FILE.name, source_bytes=data
    )
    plan = result.plan
    if not plan.title_zh:
        plan = update_plan(DEMO, plan, title_zh=PLAN_TITLE_ZH)
    if plan.status == PlanStatus.DRAFT:
        plan = publish_plan(DEMO, plan)
    load_taskbooks(plan)
    load_reporting(plan, until=MIDDLE_CYCLE)
    finish_taskbooks(plan)
    load_reporting(plan, until=FINAL_CYCLE)
    if plan.status == PlanStatus.PUBLISHED:
        plan = close_plan(DEMO, plan)
    final = ReportingCycle.objects.get(plan=plan, label=FINAL_CYCLE)
    if not GeneratedDocument.objects.filter(plan=plan, cycle=final).exists():
        for language in FINAL_REPORT_LANGUAGES:
            # Built by the background worker, which `make run` starts beside the web server.
            request_document(DEMO, plan, final, GeneratedDocument.Format.PDF, language)
    return plan


def _unit_named(name: str) -> Unit | None:
    from taskbook.ingest.units import normalise

    alias = UnitAlias.objects.filter(key=normalise(name)).select_related("unit").first()
    return alias.unit if alias else None
