"""Realistic task books for every unit of the Shenzhen plan: people, measures, milestones and task
books as they stood in mid-2025 (`load_taskbooks`), then as the plan ended (`finish_taskbooks`):
most measures done, a few cancelled with their reasons, every task book approved, every change
request decided. Made through the actions, deterministically."""

import datetime
import random

from taskbook.demo.actor import DEMO
from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, TaskUnitRole
from taskbook.taskbooks import actions
from taskbook.taskbooks.models import (
    OPEN_MEASURE,
    ChangeRequest,
    ChangeStatus,
    Measure,
    MeasureStatus,
    TaskBookStatus,
)

D = datetime.date

# The lead unit's measures per task number: (title, deliverable, start, due).
LEAD_MEASURES: dict[str, list[tuple[str, str, D, D]]] = {
    "1": [
        (
            "Set up the international innovation platform",
            "Platform operating rules",
            D(2023, 3, 1),
            D(2023, 12, 31),
        ),
        (
            "Organise science and technology matchmaking conferences",
            "Four matchmaking events a year",
            D(2024, 1, 1),
            D(2025, 12, 31),
        ),
    ],
    "2": [
        (
            "Issue special policies for service-oriented manufacturing",
            "Policy document",
            D(2023, 4, 1),
            D(2023, 10, 31),
        ),
        (
            "Build professional service industry clusters",
            "Three cluster pilots",
            D(2024, 1, 1),
            D(2025, 9, 30),
        ),
    ],
    "3": [
        (
            "Support enterprises leading international standards",
            "List of supported standards projects",
            D(2023, 6, 1),
            D(2024, 6, 30),
        )
    ],
    "4": [
        (
            "Hold the China International Talent Exchange Conference",
            "Conference report",
            D(2023, 2, 1),
            D(2023, 11, 30),
        ),
        (
            "Pilot the reform of the talent evaluation system",
            "Evaluation rules",
            D(2024, 3, 1),
            D(2025, 6, 30),
        ),
    ],
    "5": [
        (
            "Attract financial headquarters to Qianhai",
            "Register of institutions attracted",
            D(2023, 5, 1),
            D(2025, 12, 31),
        )
    ],
    "6": [
        (
            "Establish the cross-border data security assessment mechanism",
            "Assessment guideline",
            D(2023, 7, 1),
            D(2024, 12, 31),
        ),
        ("Launch the digital trade think tank", "Research reports", D(2024, 4, 1), D(2025, 8, 31)),
    ],
    "7": [
        (
            "Publish industrial space information on the enterprise platform",
            "Monthly updates",
            D(2023, 3, 1),
            D(2025, 12, 31),
        ),
        (
            "Clear up rules inconsistent with the Foreign Investment Law",
            "Clean-up list",
            D(2023, 4, 1),
            D(2024, 3, 31),
        ),
    ],
    "8": [
        (
            "Build the global cross-border e-commerce express centre",
            "Centre in operation",
            D(2023, 9, 1),
            D(2025, 6, 30),
        )
    ],
    "9": [
        (
            "Upgrade the single-window trade facilitation services",
            "New single-window release",
            D(2023, 5, 1),
            D(2024, 10, 31),
        ),
        ("Pilot electronic bills of lading", "Pilot evaluation", D(2024, 6, 1), D(2025, 6, 30)),
    ],
    "10": [
        (
            "Optimise foreign-language public signs in key places",
            "Sign inventory and fixes",
            D(2023, 4, 1),
            D(2024, 4, 30),
        ),
        (
            "Run the cross-border medical insurance settlement platform",
            "Platform launch",
            D(2024, 1, 1),
            D(2025, 10, 31),
        ),
    ],
    "11": [
        (
            "Set up the overseas IP dispute guidance service",
            "Service mechanism",
            D(2023, 6, 1),
            D(2024, 6, 30),
        )
    ],
    "12": [
        (
            "Run the EyeShenzhen multilingual website",
            "Quarterly content plan",
            D(2023, 1, 1),
            D(2025, 12, 31),
        ),
        (
            "Carry out the international 'Pengyou Circle' exchanges",
            "Exchange programme",
            D(2024, 3, 1),
            D(2025, 11, 30),
        ),
    ],
}

SUMMARIES = {
    "2": "The lead unit meets the participating units each quarter; the share of modern services is "
    "tracked from the statistics bureau's annual release.",
    "7": "Foreign investment in high-tech industries is reviewed monthly with the district investment "
    "promotion offices; policy clean-up finished in March 2024.",
    "9": "Single-window upgrade delivered; the electronic bill of lading pilot runs with two shipping lines.",
}
PEOPLE = [
    "Wang Fang",
    "Li Wei",
    "Zhang Min",
    "Liu Yang",
    "Chen Jing",
    "Yang Li",
    "Zhao Lei",
    "Huang Xin",
    "Zhou Tao",
    "Wu Hua",
    "Xu Jun",
    "Sun Qing",
    "Ma Lin",
    "Zhu Hong",
    "Hu Bin",
    "Guo Ping",
]
POSITIONS = ["Director", "Deputy Director", "Division Chief", "Section Chief"]
TODAY_IN_DEMO = D(2025, 6, 30)  # the plan's middle, where its first half of reporting stops
PLAN_END = D(2025, 12, 31)
# Measures that did not finish by the plan's end, and why they were closed unfinished.
CANCEL_REASONS = {
    "Pilot electronic bills of lading": "The national rules on electronic bills of lading were not "
    "issued within the plan period; the pilot moves to the next plan.",
    "Carry out the international 'Pengyou Circle' exchanges": "Two of the three exchange rounds were "
    "held; the third was cancelled when the partner cities postponed it.",
    "Build professional service industry clusters": "Two of the three cluster pilots were set up; the "
    "third district withdrew and its budget went to the other two.",
}


def load_taskbooks(plan: Plan) -> int:
    """Fill the plan's task books; does nothing if the plan already has measures."""
    if Measure.objects.filter(task__plan=plan).exists():
        return 0
    rng = random.Random(2023)
    units = Unit.objects.filter(task_units__task__plan=plan).distinct().order_by("name_en")
    created = 0
    for index, unit in enumerate(units):
        names = rng.sample(PEOPLE, 2)
        head = actions.save_contact(
            DEMO,
            unit,
            name=names[0],
            position=POSITIONS[index % 2],
            phone=f"0755-8{rng.randint(1000000, 9999999)}",
            email=f"{names[0].lower().replace(' ', '.')}@example.gov.cn",
        )
        deputy = actions.save_contact(
            DEMO,
            unit,
            name=names[1],
            position=POSITIONS[2 + index % 2],
            phone=f"0755-8{rng.randint(1000000, 9999999)}",
        )
        for tu in unit.task_units.filter(task__plan=plan).select_related("task").order_by("task__order"):
            if tu.role == TaskUnitRole.LEAD:
                specs = LEAD_MEASURES.get(tu.task.number, [])
            else:
                start = D(2023, 3 + rng.randint(0, 8), 1)
                specs = [
                    (
                        f"Support task {tu.task.number}: coordinate with the lead unit and share data",
                        "Quarterly contribution",
                        start,
                        start + datetime.timedelta(days=rng.choice([270, 420, 600])),
                    )
                ]
            for title, deliverable, start, due in specs:
                measure = actions.create_measure(
                    DEMO,
                    tu.task,
                    unit,
                    title=title,
                    deliverable=deliverable,
                    start_date=start,
                    due_date=due,
                    responsible=head,
                    deputy=deputy,
                    weight=2 if tu.role == TaskUnitRole.LEAD else 1,
                )
                _milestones(measure, rng)
                created += 1
    for task in plan.tasks.all():
        if task.number in SUMMARIES:
            actions.update_task_summary(DEMO, task, SUMMARIES[task.number])
    _taskbook_states(plan, units, rng)
    return created


def _milestones(measure: Measure, rng: random.Random) -> None:
    span = (measure.due_date - measure.start_date).days
    stages = [("Work plan agreed", 0.2), ("Mid-term review", 0.55), ("Completed and reported", 1.0)]
    for label, share in stages[: 2 if span < 300 else 3]:
        date = measure.start_date + datetime.timedelta(days=int(span * share))
        milestone = actions.add_milestone(DEMO, measure, date=date, description=label)
        # Most checkpoints before mid-2025 are done, a few late ones are not.
        if date <= TODAY_IN_DEMO and rng.random() < 0.8:
            done = min(date + datetime.timedelta(days=rng.randint(-5, 20)), TODAY_IN_DEMO)
            actions.complete_milestone(DEMO, milestone, done_on=max(done, measure.start_date))
    if measure.due_date <= TODAY_IN_DEMO and rng.random() < 0.75:
        for milestone in measure.milestones.filter(done_on__isnull=True):
            actions.complete_milestone(DEMO, milestone, done_on=min(milestone.date, TODAY_IN_DEMO))
        actions.set_measure_status(DEMO, measure, MeasureStatus.DONE)
    elif measure.start_date <= TODAY_IN_DEMO:
        actions.set_measure_status(DEMO, measure, MeasureStatus.IN_PROGRESS)


def _taskbook_states(plan: Plan, units, rng: random.Random) -> None:
    """Most task books approved (a few with a slipped date), some submitted, one returned."""
    for index, unit in enumerate(units):
        book = actions.taskbook_for(plan, unit)
        if index % 7 == 3:
            continue  # still a draft
        book = actions.submit_taskbook(DEMO, book)
        if index % 7 == 5:
            continue  # awaiting the coordinator
        if index % 7 == 6:
            actions.return_taskbook(
                DEMO, book, "Add milestones with dates for each measure, and name a deputy."
            )
            continue
        actions.approve_taskbook(DEMO, book, "Approved.")
        if index % 4 == 0:
            measure = Measure.objects.filter(task__plan=plan, unit=unit).order_by("-due_date").first()
            if measure is not None:
                # A slipped date approved after the fact: the baseline stays visible beside it.
                change = actions.request_measure_change(
                    DEMO,
                    measure,
                    "due_date",
                    min(measure.due_date + datetime.timedelta(days=45), D(2025, 12, 31)),
                    "Depends on a national rule not yet issued.",
                )
                if index % 8 == 0:
                    actions.decide_change(DEMO, change, approve=True, comment="Agreed at the stocktake.")


def finish_taskbooks(plan: Plan) -> int:
    """Carry the task books to the plan's end; does nothing once no measure is open. The number of
    measures finished or cancelled."""
    open_measures = list(Measure.objects.filter(task__plan=plan, status__in=OPEN_MEASURE).order_by("pk"))
    if not open_measures:
        return 0
    for change in ChangeRequest.objects.filter(
        measure__task__plan=plan, status=ChangeStatus.PENDING
    ).order_by("pk"):
        actions.decide_change(
            DEMO, change, approve=False, comment="The work was finished within the original dates."
        )
    for book in plan.taskbooks.exclude(status=TaskBookStatus.APPROVED).order_by("pk"):
        if book.status != TaskBookStatus.SUBMITTED:
            book = actions.submit_taskbook(DEMO, book)
        actions.approve_taskbook(DEMO, book, "Approved.")
    for measure in open_measures:
        reason = CANCEL_REASONS.get(measure.title)
        if reason:
            actions.set_measure_status(DEMO, measure, MeasureStatus.CANCELLED, reason)
            continue
        for milestone in measure.milestones.filter(done_on__isnull=True).order_by("date"):
            actions.complete_milestone(
                DEMO, milestone, done_on=min(max(milestone.date, TODAY_IN_DEMO), PLAN_END)
            )
        actions.set_measure_status(DEMO, measure, MeasureStatus.DONE)
    return len(open_measures)
