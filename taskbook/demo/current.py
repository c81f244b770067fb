"""The demo's current plan: Taicang's AI one-person-company action plan (2026-2028), published, with
task books and monthly reporting laid out relative to the day the demo is loaded, so that the
scheduler, the reminders, the escalations and the dashboards have today's work to show:

- every month before the last one reported on and accepted, its cycle closed;
- last month's cycle still open, one report in it overdue (escalated by the daily job);
- this month's cycle open with its report due two working days from today: a few reports
  submitted, some drafts, the rest not started (reminded by the daily job).

Made through the actions, deterministically for a given day."""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from taskbook.demo.actor import DEMO
from taskbook.ingest import extract_bytes
from taskbook.orgs.models import Unit
from taskbook.plans.actions import draft_data, import_plan, publish_plan, update_plan
from taskbook.plans.models import Plan, PlanStatus, TaskUnitRole
from taskbook.reporting import actions as reporting
from taskbook.reporting.models import CycleStatus, ProgressReport, Rating, ReportingCycle, ReportStatus
from taskbook.targets import actions as target_actions
from taskbook.targets.models import Target
from taskbook.taskbooks import actions as taskbooks
from taskbook.taskbooks.models import Measure, MeasureStatus
from taskbook.workdays import add_working_days

D = datetime.date
DATA_FILE = "taicang-opc-action-plan-2026-2028.zh.txt"
TAICANG = "太仓"
TITLE_ZH = "太仓市人工智能OPC培育发展行动计划（2026-2028年）"
TITLE_EN = "Taicang Action Plan for Cultivating AI One-Person Companies (2026-2028)"
ISSUING_BODY = "太仓市人民政府办公室"
# The extraction read "培育OPC企业100家、集聚OPC人才超1000名" as one garbled metric: the review
# screen's correction, as two targets.
TALENT_TARGETS = [
    {"text": "培育OPC企业100家", "value": 100, "unit": "家", "comparator": ">=", "year": 2028,
     "metric": "培育OPC企业", "baseline": ""},
    {"text": "集聚OPC人才超1000名", "value": 1000, "unit": "名", "comparator": ">=", "year": 2028,
     "metric": "集聚OPC人才", "baseline": ""},
]  # fmt: skip
SCIENCE_BUREAU = "太仓市科技局"  # the demo's unit admin and staff of this plan work there
DUE_IN_WORKING_DAYS = 2  # the open cycle's report is due this many working days after the load
# The lead unit's two measures of each task: (title, deliverable), the first nearly done or done.
MEASURE_STEPS = [
    ("{task}：制定实施细则并启动", "实施细则"),
    ("{task}：年度重点项目推进", "年度项目清单及进展"),
]
SUPPORT_STEP = ("配合推进{task}，按月报送数据", "月度配合情况")
PEOPLE = ["王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛", "周婷", "吴昊", "徐丽", "孙鹏"]
POSITIONS = ["局长", "副局长", "科长", "副科长"]
NARRATIVES = [
    "本月按计划推进，阶段性任务均已完成，下月重点推进项目落地。",
    "主要工作按序时推进；一项工作需市级部门协调，已提请领导小组办公室。",
    "受资金拨付进度影响，部分工作略有滞后，已制定追赶措施。",
]
# The enterprises and talent targets: their 2025 baselines, and how much each grows a month since.
BASELINES = {"家": Decimal(12), "名": Decimal(150), "个": Decimal(0)}
ACTUAL_PER_MONTH = {"家": Decimal(5), "名": Decimal(40)}


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_current_plan(data_dir: Path, today: datetime.date) -> Plan:
    """Import and publish the plan; lay out its work around `today` the first time only."""
    path = data_dir / DATA_FILE
    data = path.read_bytes()
    draft = draft_data(extract_bytes(data, path.name))
    draft["title"] = TITLE_ZH
    draft["issuing_body"] = ISSUING_BODY
    for unit in draft["units"]:
        unit["name"], unit["name_zh"] = _taicang(unit["name"]), _taicang(unit["name_zh"])
    for section in draft["sections"]:
        parent = ""
        for task in section.get("tasks") or []:
            for role in ("lead_units", "participating_units"):
                task[role] = [_taicang(name) for name in task.get(role) or []]
            # The sub-items 1, 2, 3 restart under each of （一）…（五）: named after their parent,
            # as the coordinator numbers them on the review screen, "（二）1".
            if task["number"].isdigit():
                task["number"] = f"{parent}{task['number']}"
            else:
                parent = task["number"]
            if task["title"] == "集聚OPC创业人才":
                task["targets"] = TALENT_TARGETS
    plan = import_plan(DEMO, draft, source_name=path.name, source_bytes=data).plan
    if plan.title != TITLE_EN:
        plan = update_plan(DEMO, plan, title=TITLE_EN)
    if plan.status == PlanStatus.DRAFT:
        plan = publish_plan(DEMO, plan)
    if not ReportingCycle.objects.filter(plan=plan).exists():
        rng = random.Random(f"taicang-{today}")
        _taskbooks(plan, today, rng)
        _targets(plan, today)
        _reporting(plan, today, rng)
    return plan


def _taicang(name: str) -> str:
    """The document names its bodies "市科技局", "高新区"...: Taicang's own, not the Shenzhen bodies
    the shipped alias table knows by those short names."""
    return name if not name or name.startswith(TAICANG) else f"{TAICANG}{name}"


def _day(plan: Plan, day: datetime.date) -> datetime.date:
    assert plan.period_start and plan.period_end
    return min(max(day, plan.period_start), plan.period_end)


def _taskbooks(plan: Plan, today: datetime.date, rng: random.Random) -> None:
    units = list(Unit.objects.filter(task_units__task__plan=plan).distinct().order_by("name_zh", "pk"))
    contacts = {}
    for index, unit in enumerate(units):
        names = rng.sample(PEOPLE, 2)
        contacts[unit.pk] = (
            taskbooks.save_contact(
                DEMO,
                unit,
                name=names[0],
                position=POSITIONS[index % 2],
                phone=f"0512-5{rng.randint(1000000, 9999999)}",
            ),
            taskbooks.save_contact(
                DEMO,
                unit,
                name=names[1],
                position=POSITIONS[2 + index % 2],
                phone=f"0512-5{rng.randint(1000000, 9999999)}",
            ),
        )
    for task in plan.tasks.prefetch_related("task_units").order_by("order"):
        for tu in task.task_units.all():
            lead = tu.role == TaskUnitRole.LEAD
            if not lead and tu.order > 2:
                continue  # the first participating units of each task only: enough to show, quick to load
            steps = MEASURE_STEPS if lead else [SUPPORT_STEP]
            for step, (title, deliverable) in enumerate(steps):
                # The first step started in spring and ends around now; the second runs into next year.
                start = _day(plan, today - datetime.timedelta(days=240 - 90 * step))
                due = _day(plan, today + datetime.timedelta(days=rng.choice([-20, -5, 30]) + 300 * step))
                measure = taskbooks.create_measure(
                    DEMO,
                    task,
                    tu.unit,
                    title=title.format(task=task.title),
                    deliverable=deliverable,
                    start_date=start,
                    due_date=due,
                    responsible=contacts[tu.unit_id][0],
                    deputy=contacts[tu.unit_id][1],
                    weight=2 if lead else 1,
                )
                _milestones(measure, today, rng)
    with_measures = Unit.objects.filter(measures__task__plan=plan).distinct().order_by("name_zh", "pk")
    for index, unit in enumerate(with_measures):
        book = taskbooks.taskbook_for(plan, unit)
        if index % 9 == 4:
            continue  # still a draft
        book = taskbooks.submit_taskbook(DEMO, book)
        if index % 9 == 6:
            continue  # awaiting the coordinator
        if index % 9 == 8:
            taskbooks.return_taskbook(DEMO, book, "请为每项措施补充带日期的节点，并明确副责任人。")
            continue
        taskbooks.approve_taskbook(DEMO, book, "同意。")


def _milestones(measure: Measure, today: datetime.date, rng: random.Random) -> None:
    span = (measure.due_date - measure.start_date).days
    stages = [("工作方案印发", 0.25), ("中期评估", 0.6), ("完成并报送成果", 1.0)]
    for label, share in stages:
        date = measure.start_date + datetime.timedelta(days=int(span * share))
        milestone = taskbooks.add_milestone(DEMO, measure, date=date, description=label)
        if date < today and rng.random() < 0.75:
            taskbooks.complete_milestone(DEMO, milestone, done_on=max(measure.start_date, min(date, today)))
    if measure.due_date < today and not measure.milestones.filter(done_on__isnull=True).exists():
        taskbooks.set_measure_status(DEMO, measure, MeasureStatus.DONE)
    elif measure.start_date <= today:
        taskbooks.set_measure_status(DEMO, measure, MeasureStatus.IN_PROGRESS)
        taskbooks.set_measure_progress(DEMO, measure, rng.choice([20, 40, 60, 80]))


def _targets(plan: Plan, today: datetime.date) -> None:
    months = (today.year - 2026) * 12 + today.month - 1  # months reported on since the plan began
    for target in Target.objects.filter(task__plan=plan).order_by("pk"):
        baseline = BASELINES.get(target.unit_of_measure)
        if baseline is None:
            continue
        target_actions.set_target_baseline(DEMO, target, value=baseline, year=2025)
        target_actions.fill_linearly(DEMO, target)
        step = ACTUAL_PER_MONTH.get(target.unit_of_measure)
        if step and months > 0:
            last_month = today.replace(day=1) - datetime.timedelta(days=1)
            target_actions.record_indicator_value(
                DEMO,
                target,
                date=last_month.isoformat(),
                value=baseline + step * months,
                source="太仓市科技局月度统计",
                provisional=True,
            )


def _reporting(plan: Plan, today: datetime.date, rng: random.Random) -> None:
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    wanted_due = add_working_days(today, DUE_IN_WORKING_DAYS)
    due_days = 0
    while add_working_days(last_month_end, due_days) < wanted_due:
        due_days += 1
    reporting.set_calendar(
        DEMO, plan, frequency="monthly", due_working_days=due_days, contribution_working_days=1
    )
    cycles = list(ReportingCycle.objects.filter(plan=plan, period_end__lt=today).order_by("period_start"))
    for index, cycle in enumerate(cycles):
        reports = reporting.open_cycle(DEMO, cycle)
        if index == len(cycles) - 1:
            _current_cycle(reports, rng)
            continue
        previous = index == len(cycles) - 2
        for number, report in enumerate(sorted(reports, key=lambda r: r.task.order)):
            if previous and number == len(reports) - 1:
                continue  # overdue: the daily job escalates it
            _accepted(report, cycle, rng)
        if not previous:
            cycle.refresh_from_db()  # opened above
            reporting.close_cycle(DEMO, cycle)


def _saved(report: ProgressReport, rng: random.Random) -> ProgressReport:
    return reporting.save_report(
        DEMO,
        report,
        version=report.version,
        narrative=rng.choice(NARRATIVES),
        self_rating=rng.choice([Rating.GREEN, Rating.AMBER_GREEN]),
        self_rationale="措施按序时推进。",
    )


def _accepted(report: ProgressReport, cycle: ReportingCycle, rng: random.Random) -> None:
    report = _saved(report, rng)
    submitted = cycle.due_on - datetime.timedelta(days=rng.randint(0, 3))
    report = reporting.submit_report(DEMO, report, at=_at(submitted))
    reporting.accept_report(DEMO, report, at=_at(submitted + datetime.timedelta(days=2)))
    reporting.assess(
        DEMO,
        report.task,
        cycle,
        rating=rng.choice([Rating.GREEN, Rating.GREEN, Rating.AMBER_GREEN, Rating.AMBER_RED]),
        rationale="根据本期报告和节点完成情况研判。",
    )


def _current_cycle(reports: list[ProgressReport], rng: random.Random) -> None:
    """Some drafts, the rest not started (a few drafts are handed in by `submit_todays_reports`); the
    science and technology bureau's reports stay drafts, so its demo people have a report to finish
    and are reminded."""
    for number, report in enumerate(sorted(reports, key=lambda r: r.task.order)):
        if report.unit.name_zh == SCIENCE_BUREAU or number % 3 in (0, 1):
            _saved(report, rng)


def submit_todays_reports(plan: Plan) -> None:
    """Hand in a third of the newest cycle's reports today, once the demo's people exist: the
    coordinator's inbox shows them, as it would in use. Nothing when some are in already."""
    cycles = ReportingCycle.objects.filter(plan=plan, status=CycleStatus.OPEN)
    cycle = cycles.order_by("-period_start").first()
    if cycle is None or cycle.reports.exclude(status=ReportStatus.DRAFT).exists():
        return
    reports = cycle.reports.select_related("task", "unit").order_by("task__order")
    for number, report in enumerate(reports):
        if report.unit.name_zh != SCIENCE_BUREAU and number % 3 == 0:
            reporting.submit_report(DEMO, report)
