"""The Chinese layout at a desk (1280 wide) and on a phone (390 wide): no button, label, column heading
or name stands one character a line, no numbering such as （十一） is split over two lines, no button
is cut off, no page is wider than a phone (a wide table scrolls inside its own wrapper), and the
coordinator's top bar is one line at a desk. The measurements are layout_probe.js's, on the rendered
pages."""

from pathlib import Path

import pytest

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.plans.models import Plan
from tests.browser.conftest import shoot
from tests.browser.test_taskbook_flow import sign_in
from tests.conftest import COMMERCE, TECH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROBE = (Path(__file__).parent / "layout_probe.js").read_text()
WIDTHS = ((1280, 900), (390, 844))
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


@pytest.fixture
def plan_zh(people) -> Plan:
    """A plan written the Chinese way: areas 一、二、 and twelve tasks （一） to （十二）."""
    sections = []
    for s in range(2):
        tasks = []
        for t in range(6 * s, 6 * s + 6):
            tasks.append(
                {
                    "number": f"（{NUMERALS[t]}）",
                    "title": f"推进第{NUMERALS[t]}项国际化营商环境改革任务",
                    "body": "持续深化改革，提升服务水平。",
                    "lead_units": [COMMERCE if t % 2 else TECH],
                    "participating_units": [TECH if t % 2 else COMMERCE],
                    "targets": [],
                }
            )
        sections.append(
            {"number": f"{NUMERALS[s]}、", "title": "营造国际一流的营商环境", "body": "", "tasks": tasks}
        )
    draft = {
        "title": "国际化营商环境测试工作方案（2023—2025年）",
        "language": "zh",
        "issuing_body": "",
        "period_start": 2023,
        "period_end": 2025,
        "source_sha256": "",
        "sections": sections,
        "units": [],
    }
    return publish_plan(SYSTEM, import_plan(SYSTEM, draft).plan)


def probe(page, path: str, name: str) -> list[str]:
    """What is broken on one page at both widths, in words a failing test can show."""
    faults = []
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(path)
        found = page.evaluate(PROBE)
        shoot(page, f"zh-layout-{name}-{width}")
        where = f"{path} at {width}"
        faults += [f"{where}: {f['text']!r} on {f['lines']} lines ({f['where']})" for f in found["squeezed"]]
        faults += [f"{where}: {f['text']!r} split over lines ({f['where']})" for f in found["split"]]
        faults += [f"{where}: button {f['text']!r} cut off ({f['where']})" for f in found["clipped"]]
        if width < 720 and found["overflow"] > 0:
            faults.append(f"{where}: the page is {found['overflow']}px wider than the phone")
    return faults


def topbar_rows(page) -> int:
    """How many rows the top bar's brand, links and tools stand on."""
    return page.evaluate(
        """() => new Set([...document.querySelectorAll('.topbar > *')]
                 .map(e => Math.round(e.getBoundingClientRect().top / 10))).size"""
    )


def test_pages_named_in_the_issue_and_a_sample_of_others(live_server, page, people, plan, plan_zh):
    base = live_server.url + "/zh-hans"
    commerce = people.commerce.pk
    task = plan_zh.tasks.get(number="（十一）")
    pages = {
        "coordinator": {
            "plan": f"/plans/{plan_zh.pk}/",  # （十一） in the task list
            "task": f"/plans/{plan_zh.pk}/tasks/{task.pk}/",
            "cycles": f"/reports/plans/{plan_zh.pk}/cycles/",  # 保存并生成报送周期
            "units": "/units/",  # 搜索
            "unit": f"/units/{commerce}/",
            "people": "/people/",
            "taskbooks": "/taskbooks/",
            "taskbook": f"/taskbooks/{plan.pk}/{commerce}/",
            "dashboard": f"/dashboards/?plan={plan.pk}",
            "league": f"/dashboards/league/?plan={plan.pk}",
            "notifications": "/notifications/",
            "audit": "/audit/",
        },
        "sam": {"owed": "/reports/owed/", "timetable": "/timetable/me/", "account": "/account/"},
    }
    faults = []
    for who, paths in pages.items():
        sign_in(page, live_server.url, "alice" if who == "coordinator" else who)
        for name, path in paths.items():
            faults += probe(page, base + path, name)
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_the_coordinators_top_bar_is_one_line_at_a_desk(live_server, page, people, plan, language):
    sign_in(page, live_server.url, "alice")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{language}/plans/")
    assert topbar_rows(page) == 1
    # On a phone the links are one row of their own that scrolls sideways, below brand and tools.
    page.set_viewport_size({"width": 390, "height": 844})
    nav = page.locator(".mainnav")
    assert nav.evaluate("e => e.scrollWidth > e.clientWidth")
    links = nav.locator("a")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
