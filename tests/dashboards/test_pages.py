"""The dashboard pages: what they show, where their numbers lead, bad input, and a constant number
of queries at two data sizes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.orgs.actions import create_unit
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import save_report
from taskbook.reporting.models import ProgressReport
from taskbook.taskbooks.actions import save_contact
from tests.conftest import add_measures
from tests.dashboards.helpers import another_plan, report_cycles


@pytest.fixture
def reported(people, plan, workplan):
    return report_cycles(people.alice, plan, 2)


def get(client, user, url, status=200):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response


def test_coordinator_dashboard_shows_figures_and_links(client, people, plan, reported):
    html = get(client, people.alice, reverse("dashboards:coordinator") + f"?plan={plan.pk}").content.decode()
    assert "<svg" in html and "#c62828" in html  # the rating chart in RAG colours
    assert "On-time reporting rate per unit" in html
    # The headline numbers lead to their records.
    assert f"/dashboards/records/reports/?plan={plan.pk}&amp;which=overdue" in html
    assert f"/dashboards/records/tasks/?plan={plan.pk}&amp;which=divergent" in html
    draft = ProgressReport.objects.get(cycle=reported[1], task__number="1")
    assert reverse("reporting:report", args=[draft.pk]) in html  # the overdue report
    assert "How these figures are computed" in html


def test_default_plan_is_the_newest_published(client, people, plan, reported):
    html = get(client, people.lena, reverse("dashboards:coordinator")).content.decode()
    assert plan.title in html


def test_every_link_of_the_dashboard_answers(client, people, plan, reported):
    html = get(client, people.alice, reverse("dashboards:coordinator") + f"?plan={plan.pk}").content.decode()
    links = {h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*)"', html)}
    dashboard_links = [h for h in links if h.startswith("/dashboards/") or h.startswith("/reports/")]
    assert len(dashboard_links) > 10
    for href in sorted(dashboard_links):
        # The top bar's Reports sends the coordinator on to the current cycle.
        assert client.get(href, follow=True).status_code == 200, href


def test_records_list_matches_the_number(client, people, plan, reported):
    url = reverse("dashboards:reports") + f"?plan={plan.pk}&unit={people.commerce.pk}&which=due"
    html = get(client, people.alice, url).content.decode()
    assert "4 records" in html
    url = reverse("dashboards:reports") + f"?plan={plan.pk}&which=overdue"
    assert "1 record" in get(client, people.alice, url).content.decode()


def test_league_table_sorts_and_links_only_own_unit_for_units(client, people, plan, reported):
    html = get(client, people.sam, reverse("dashboards:league") + f"?plan={plan.pk}").content.decode()
    assert people.commerce.name_en in html and people.tech.name_en in html
    own = reverse("dashboards:reports") + f"?plan={plan.pk}&amp;unit={people.commerce.pk}&amp;which=due"
    other = reverse("dashboards:reports") + f"?plan={plan.pk}&amp;unit={people.tech.pk}&amp;which=due"
    assert own in html and other not in html
    # Commerce (75% on time) ranks above Technology (0%) by default, below it when reversed.
    assert html.index(people.commerce.name_en) < html.index(people.tech.name_en)
    html = get(
        client, people.alice, reverse("dashboards:league") + f"?plan={plan.pk}&sort=-on_time"
    ).content.decode()
    assert html.index(people.tech.name_en) < html.index(people.commerce.name_en)
    assert other in html  # the coordinator follows every unit's figures
    html = get(client, people.alice, reverse("dashboards:league") + "?plan=all").content.decode()
    assert "All published and closed plans" in html


def test_unit_sees_only_visible_reports_behind_a_figure(client, people, plan, reported):
    tech = reverse("dashboards:reports") + f"?plan={plan.pk}&unit={people.tech.pk}&which=due"
    # Technology's reports are on tasks Commerce takes part in, so Commerce's staff may see them.
    coordinator_count = get(client, people.alice, tech).context["page"].paginator.count
    staff_count = get(client, people.sam, tech).context["page"].paginator.count
    assert staff_count <= coordinator_count


@pytest.mark.parametrize(
    "who,back,label",
    [
        ("alice", "/dashboards/?plan={plan}", "← Dashboard"),
        ("sam", "/dashboards/league/?plan={plan}", "← League table of units"),
    ],
)
def test_a_records_list_leads_back_to_a_page_the_reader_may_open(
    client, people, plan, reported, who, back, label
):
    client.force_login(getattr(people, who))
    url = f"/dashboards/records/reports/?plan={plan.pk}&unit={people.commerce.pk}&which=due"
    html = client.get(url).content.decode()
    href = back.format(plan=plan.pk)
    assert f'<a href="{href}">{label}</a>' in html
    assert client.get(href).status_code == 200


def test_summary_is_one_page_with_rationale_and_decisions(client, people, plan, reported):
    html = get(client, people.lena, reverse("dashboards:summary", args=[plan.pk])).content.decode()
    assert "overall percent complete" in html
    assert "Red and amber-red tasks" in html and "Rationale 0." in html
    assert "Decisions needed" in html
    assert "@media print" not in html  # the print rules live in the style sheet


@pytest.mark.parametrize(
    "url",
    [
        "/dashboards/?plan=abc",
        "/dashboards/league/?sort=nonsense",
        "/dashboards/records/reports/?which=everything",
        "/dashboards/records/tasks/?rating=purple",
        "/dashboards/records/targets/?verdict=maybe",
        "/dashboards/records/measures/?unit=x",
    ],
)
def test_bad_parameters_are_refused_with_400(client, people, plan, url):
    get(client, people.alice, url, status=400)


def test_a_plan_one_may_not_see_is_404(client, people, plan):
    from taskbook.plans.actions import import_plan
    from tests.conftest import make_draft

    draft = import_plan(SYSTEM, make_draft(title="A draft plan (2024-2026)")).plan
    get(client, people.lena, reverse("dashboards:coordinator") + f"?plan={draft.pk}", status=404)
    get(client, people.lena, reverse("dashboards:summary", args=[draft.pk]), status=404)


def test_user_text_is_escaped_in_pages_and_charts(client, people, plan, reported):
    create_unit(SYSTEM, name_en="<script>alert(1)</script> Bureau")
    report = ProgressReport.objects.filter(cycle=reported[1], status="draft").first()
    save_report(SYSTEM, report, version=report.version, narrative="<b>x</b>")
    plan.tasks.filter(number="1").update(title="<img src=x onerror=alert(1)>")
    html = get(client, people.alice, reverse("dashboards:coordinator") + f"?plan={plan.pk}").content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_no_plan_at_all(client, people, plan):
    plan.delete()
    html = get(client, people.alice, reverse("dashboards:coordinator")).content.decode()
    assert "There is no plan to show yet." in html
    get(client, people.alice, reverse("dashboards:league"))


# -- a constant number of queries ---------------------------------------------------------------

PAGES = [
    ("coordinator", lambda p: reverse("dashboards:coordinator") + f"?plan={p.pk}"),
    ("league", lambda p: reverse("dashboards:league") + f"?plan={p.pk}"),
    ("league_all", lambda p: reverse("dashboards:league") + "?plan=all&sort=slippage"),
    ("summary", lambda p: reverse("dashboards:summary", args=[p.pk])),
    ("reports", lambda p: reverse("dashboards:reports") + "?plan=all&which=due"),
    ("measures", lambda p: reverse("dashboards:measures") + f"?plan={p.pk}&which=overdue"),
    ("tasks", lambda p: reverse("dashboards:tasks") + f"?plan={p.pk}&which=changed"),
    ("targets", lambda p: reverse("dashboards:targets") + f"?plan={p.pk}"),
]


UNIT_PAGES = {"league", "league_all", "reports", "measures"}  # what a unit's members may read


def _counts(client, user, plan, names) -> dict[str, int]:
    client.force_login(user)
    counts = {}
    for name, url in PAGES:
        if name not in names:
            continue
        client.get(url(plan))  # warm: sessions, content types
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(plan)).status_code == 200, name
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["alice", "lena", "carl"])
def test_pages_take_the_same_number_of_queries_at_two_sizes(client, people, plan, workplan, role):
    user = getattr(people, role)
    names = UNIT_PAGES if role == "carl" else {name for name, _ in PAGES}
    report_cycles(people.alice, plan, 1)
    small = _counts(client, user, plan, names)
    # Bigger in every direction: more cycles of the same plan, more measures, more plans, tasks,
    # units and their reports.
    report_cycles(people.alice, plan, 4)
    add_measures(plan, people.commerce, save_contact(SYSTEM, people.commerce, name="Zhao Lei"), 6)
    for n in range(2):
        other = another_plan(SYSTEM, tasks=6, title=f"Plan {n} (2023-2025)", units=3)
        report_cycles(people.alice, other, 3)
    big = _counts(client, user, plan, names)
    assert ProgressReport.objects.count() > 4 * ProgressReport.objects.filter(cycle__plan=plan).count() / 3
    assert small == big
