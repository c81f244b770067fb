"""The demo: the Shenzhen plan as published, the coordinating office, one user per role.

Everything goes through the same actions as real use, so running it twice changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from taskbook.accounts.actions import ensure_profile
from taskbook.demo.actor import DEMO
from taskbook.demo.reporting import load_reporting
from taskbook.demo.taskbooks import load_taskbooks
from taskbook.ingest import extract_bytes
from taskbook.orgs.actions import add_membership, create_unit
from taskbook.orgs.models import Role, Unit, UnitAlias
from taskbook.plans.actions import import_plan, publish_plan, update_plan
from taskbook.plans.models import PlanStatus
from taskbook.reporting.models import ProgressReport
from taskbook.targets.models import Target
from taskbook.taskbooks.models import Measure

DATA = Path(__file__).parent / "data"
PLAN_FILE = DATA / "shenzhen-intl-business-environment-2023-2025.en.txt"
PLAN_TITLE_ZH = "深圳市优化国际营商环境工作方案（2023—2025年）"
OFFICE_EN = "Office of the Municipal Leading Group for Optimizing the Business Environment Reform"
OFFICE_ZH = "深圳市优化营商环境改革工作领导小组办公室"
PASSWORD = "taskbook-demo"

# user name, role, the unit's English name (None: the coordinating office)
USERS = [
    ("coordinator", Role.COORDINATOR, None),
    ("leader", Role.LEADER, None),
    ("commerce_admin", Role.UNIT_ADMIN, "Municipal Bureau of Commerce"),
    ("commerce_staff", Role.UNIT_STAFF, "Municipal Bureau of Commerce"),
    ("miit_staff", Role.UNIT_STAFF, "Municipal Bureau of Industry and Information Technology"),
]


@dataclass
class DemoSummary:
    headline: str
    logins: list[tuple[str, str, str]]


@transaction.atomic
def load_demo() -> DemoSummary:
    data = PLAN_FILE.read_bytes()
    result = import_plan(
        DEMO, extract_bytes(data, PLAN_FILE.name), source_name=PLAN_FILE.name, source_bytes=data
    )
    plan = result.plan
    if not plan.title_zh:
        plan = update_plan(DEMO, plan, title_zh=PLAN_TITLE_ZH)
    if plan.status == PlanStatus.DRAFT:
        publish_plan(DEMO, plan)
    load_taskbooks(plan)
    load_reporting(plan)
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
            logins.append((username, PASSWORD, f"{Role(role).label} · {unit.name_en}"))
    headline = (
        f"Demo ready: “{plan.title}”, {plan.sections.filter(tasks__isnull=False).distinct().count()} areas, "
        f"{plan.tasks.count()} tasks, {Unit.objects.count()} units, "
        f"{Target.objects.filter(task__plan=plan).count()} targets, "
        f"{Measure.objects.filter(task__plan=plan).count()} measures in the units' task books, "
        f"{ProgressReport.objects.filter(cycle__plan=plan).count()} progress reports."
    )
    return DemoSummary(headline=headline, logins=logins)


def _unit_named(name: str) -> Unit | None:
    from taskbook.ingest.units import normalise

    alias = UnitAlias.objects.filter(key=normalise(name)).select_related("unit").first()
    return alias.unit if alias else None
