"""The road map's SVG: one bar per measure, one diamond per milestone, today, states, baselines."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from taskbook.charts.svg import truncate
from taskbook.roadmaps.gantt import ROW_H, STYLE, Gantt, Scale
from taskbook.taskbooks.actions import (
    approve_taskbook,
    complete_milestone,
    create_measure,
    set_measure_status,
    submit_taskbook,
    taskbook_for,
    update_measure,
)
from taskbook.taskbooks.models import Measure

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"


def chart(plan, today, **filters) -> Gantt:
    measures = list(
        Measure.objects.filter(task__plan=plan, **filters)
        .select_related("task", "unit", "responsible")
        .prefetch_related("milestones")
        .order_by("task__order", "order", "id")
    )
    return Gantt.build(measures, first=plan.period_start, last=plan.period_end, today=today)


def classes(svg: str, tag: str) -> list[str]:
    root = ET.fromstring(svg)  # also proves the document is well-formed XML
    return [el.get("class", "") for el in root.iter(SVG + tag)]


def test_a_bar_per_measure_a_diamond_per_milestone_and_the_today_line(plan, workplan, today):
    svg = chart(plan, today).document()
    bars = [c for c in classes(svg, "rect") if c.startswith("bar ")]
    assert len(bars) == len(workplan.measures) == 5
    diamonds = [c for c in classes(svg, "path") if c.startswith("milestone")]
    assert len(diamonds) == len(workplan.milestones) == 10
    assert classes(svg, "line").count("today") == 2  # across the bars and on the axis
    # One heading row per task that has measures, then its measures: the height follows the rows.
    root = ET.fromstring(svg)
    tasks = {m.task_id for m in workplan.measures}
    assert root.get("height") == str(40 + (len(tasks) + 5) * ROW_H)


def test_overdue_done_and_cancelled_bars_and_late_milestones(people, plan, workplan, today):
    first, second, third = workplan.measures[:3]  # due 2024-05-30, 06-30, 07-29; today is 06-15
    set_measure_status(people.sam, second, "done")
    set_measure_status(people.sam, third, "cancelled", reason="Merged into the first")
    milestone = first.milestones.order_by("date").first()
    complete_milestone(people.sam, milestone, done_on=D(2024, 2, 1))
    svg = chart(plan, today, unit=people.commerce).document()
    bars = sorted(c for c in classes(svg, "rect") if c.startswith("bar "))
    assert bars == ["bar cancelled", "bar done", "bar overdue"]
    assert "strike" in classes(svg, "line")  # a cancelled bar is struck through
    diamonds = classes(svg, "path")
    assert "milestone done" in diamonds
    assert "milestone late" in diamonds  # the first measure's second milestone, due 04-30, not done
    assert "fill:#c62828" in svg.split(".bar.overdue{")[1][:20]  # overdue is drawn in red


def test_no_baseline_before_approval_and_the_baseline_and_slippage_after(people, plan, workplan, today):
    svg = chart(plan, today, unit=people.commerce).document()
    assert "baseline" not in classes(svg, "rect")
    taskbook = submit_taskbook(people.carl, taskbook_for(plan, people.commerce))
    approve_taskbook(people.alice, taskbook)
    measure = Measure.objects.get(pk=workplan.measures[0].pk)
    assert measure.baseline_due == D(2024, 5, 30)
    update_measure(people.alice, measure, version=measure.version, due_date=D(2024, 6, 9))
    svg = chart(plan, today, unit=people.commerce).document()
    assert classes(svg, "rect").count("baseline") == 3
    slips = [el.text for el in ET.fromstring(svg).iter(SVG + "text") if "slip" in el.get("class", "")]
    assert slips == ["+10 d"]


def test_text_is_escaped_and_long_labels_are_cut_with_the_full_text_in_a_tooltip(
    people, plan, workplan, today
):
    long_title = "Publish the annual investment guide in English, Japanese and Korean with contact points"
    for title in ("<script>alert(1)</script>", long_title):
        create_measure(
            people.sam,
            plan.tasks.get(number="1"),
            people.commerce,
            title=title,
            start_date=D(2024, 1, 1),
            due_date=D(2024, 3, 1),
            responsible=workplan.contacts["commerce"],
        )
    svg = chart(plan, today).document()
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = ET.fromstring(svg)
    texts = [el.text or "" for el in root.iter(SVG + "text")]
    assert any(t.startswith("Publish the annual") and t.endswith("…") for t in texts)
    titles = [el.text or "" for el in root.iter(SVG + "title")]
    assert any(t.startswith(long_title) for t in titles)


def test_truncation_counts_chinese_characters_as_double_width():
    assert truncate("short", 10) == "short"
    assert truncate("abcdefghijkl", 10) == "abcdefghi…"
    cut = truncate("建立健全外商投资企业投诉工作机制", 10)
    assert cut == "建立健全…" and len(cut) == 5


def test_the_scale_covers_whole_months_and_keeps_positions_inside():
    scale = Scale.covering(D(2024, 3, 15), D(2024, 5, 2))
    assert (scale.start, scale.end) == (D(2024, 3, 1), D(2024, 6, 1))
    assert scale.x(D(2020, 1, 1)) == 0 and scale.x(D(2030, 1, 1)) == scale.width
    assert scale.width >= 900  # a short period is stretched to stay readable


def test_the_legend_draws_each_state_in_the_colour_of_its_bars():
    gantt = Gantt.build([], first=D(2024, 1, 1), last=D(2024, 12, 31), today=D(2024, 6, 15))
    html = str(gantt.legend())
    root = ET.fromstring(html)  # an HTML list of small standalone SVGs
    assert root.get("class") == "legend" and len(root.findall("li")) == 12
    fills = [li.find(SVG + "svg/" + SVG + "rect").get("fill") for li in root.findall("li")[:5]]
    for state, fill in zip(
        ("not_started", "in_progress", "overdue", "done", "cancelled"), fills, strict=True
    ):
        assert STYLE.split(f".bar.{state}{{fill:")[1].startswith(fill)  # the bars' own colour
    texts = ["".join(li.itertext()).strip() for li in root.findall("li")]
    assert texts[:5] == ["not started", "in progress", "overdue", "done", "cancelled"]
    assert texts[-1] == "+12 ddays later than the baseline"  # a sample of the slip, then its meaning


def test_printed_pages_repeat_the_axis_and_the_task_heading(people, plan, workplan, today):
    from tests.conftest import add_measures

    add_measures(plan, people.commerce, workplan.contacts["commerce"], 40)
    gantt = chart(plan, today)
    pages = gantt.pages(per_page=10)
    assert len(pages) >= 5
    assert all('class="g-yl"' in page for page in pages)  # each page has the year labels
    assert sum("(continued)" in page for page in pages) >= 3
    total = sum(sum(1 for c in classes(page, "rect") if c.startswith("bar ")) for page in pages)
    assert total == gantt.measure_count == 45


def test_the_page_shows_the_chart_and_a_print_view_without_navigation(client, people, plan, workplan, today):
    client.force_login(people.sam)
    url = reverse("roadmaps:plan", args=[plan.pk])
    html = client.get(url).content.decode()
    assert 'class="gantt-axis"' in html and 'class="gantt-labels"' in html and 'class="gantt-bars"' in html
    assert "?print=1" in html
    printed = client.get(url + "?print=1").content.decode()
    assert 'class="rm-page"' in printed and 'class="topbar"' not in printed
    assert printed.count('class="bar ') == 5


@pytest.mark.parametrize("name", ["roadmaps:plan", "roadmaps:task", "roadmaps:unit"])
def test_a_script_title_is_shown_as_text_on_every_road_map(client, people, plan, workplan, today, name):
    task = plan.tasks.get(number="1")
    create_measure(
        people.sam,
        task,
        people.commerce,
        title="<script>alert(1)</script>",
        start_date=D(2024, 1, 1),
        due_date=D(2024, 3, 1),
        responsible=workplan.contacts["commerce"],
    )
    client.force_login(people.sam)
    args = {
        "roadmaps:plan": [plan.pk],
        "roadmaps:task": [task.pk],
        "roadmaps:unit": [plan.pk, people.commerce.pk],
    }[name]
    for suffix in ("", "?print=1"):
        html = client.get(reverse(name, args=args) + suffix).content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_work_past_the_plan_end_widens_the_axis_and_the_plan_end_is_marked(
    client, people, plan, workplan, today
):
    from taskbook.taskbooks.actions import decide_change

    def gantt() -> Gantt:
        measures = list(
            Measure.objects.filter(task__plan=plan)
            .select_related("task", "unit", "responsible")
            .prefetch_related("milestones")
        )
        return Gantt.build(
            measures, first=plan.period_start, last=plan.period_end, today=today, plan_end=plan.period_end
        )

    within = gantt()
    assert not within.beyond_plan_end and "plan-end" not in classes(within.document(), "line")
    approve_taskbook(people.alice, submit_taskbook(people.carl, taskbook_for(plan, people.commerce)))
    measure = Measure.objects.get(pk=workplan.measures[0].pk)
    _m, [change] = update_measure(
        people.sam, measure, version=measure.version, due_date=D(2026, 6, 30), reason="Law in 2026"
    )
    decide_change(people.alice, change, approve=True)

    chart_ = gantt()
    assert chart_.scale.end == D(2026, 7, 1) and chart_.beyond_plan_end
    svg = chart_.document()
    assert classes(svg, "line").count("plan-end") == 2  # on the axis and across the bars
    assert classes(svg, "rect").count("beyond") == 1
    root = ET.fromstring(svg)
    [shade] = [el for el in root.iter(SVG + "rect") if el.get("class") == "beyond"]
    end_x = chart_.scale.x(D(2026, 1, 1))
    assert float(shade.get("x")) == pytest.approx(end_x, abs=0.1)
    assert float(shade.get("width")) == pytest.approx(chart_.scale.width - end_x, abs=0.2)
    texts = [el.text for el in root.iter(SVG + "text")]
    assert "Plan ends" in texts and "2026" in texts  # the axis runs into the year after the plan
    titles = [el.text or "" for el in root.iter(SVG + "title")]
    assert any("beyond the plan period (ends 2025-12-31)" in t for t in titles)  # the bar's tooltip
    assert "after the end of the plan's period" in "".join(ET.fromstring(str(chart_.legend())).itertext())

    client.force_login(people.lena)
    page = client.get(reverse("roadmaps:plan", args=[plan.pk])).content.decode()
    assert "Plan ends" in page and "after the end of the plan&#x27;s period" in page
