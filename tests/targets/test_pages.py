"""The targets pages: what each role sees and may do, bad input, and constant query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.targets.actions import record_indicator_value, set_trajectory
from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint
from tests.conftest import make_draft

D = datetime.date


def detail(target: Target) -> str:
    return reverse("targets:detail", args=[target.pk])


def version(target: Target) -> int:
    """The trajectory's version as the target's page shows it now."""
    return Target.objects.get(pk=target.pk).trajectory_version


def fill(target: Target, values: int = 3, report=None) -> None:
    """A trajectory and `values` actual values (every fifth provisional), through the actions."""
    set_trajectory(SYSTEM, target, [("2023-12-31", "71"), ("2024-12-31", "72"), ("2025-12-31", "73")])
    for i in range(values):
        day = D(2023, 12, 31) + datetime.timedelta(days=14 * i)
        record_indicator_value(
            SYSTEM,
            target,
            date=day,
            value=Decimal("70") + Decimal(i) / 10,
            source=f"Bulletin {i}",
            provisional=i % 5 == 0,
            report=report,
        )


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# -- what each role sees ------------------------------------------------------------------------


def test_plan_page_shows_each_target_with_status_forecast_and_chart(client, people, plan, target, today):
    fill(target)
    client.force_login(people.lena)
    response = client.get(reverse("targets:plan", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert target.text in html and "≥ 73%" in html
    assert "Bulletin 2" in html  # the latest value's source
    assert "off trajectory" in html or "on trajectory" in html
    assert "Will miss by" in html or "Will be met" in html
    assert html.count("<svg") == 2  # the legend and one small chart
    assert detail(target) in html


def test_lead_unit_edits_others_read(client, people, target, today):
    fill(target)
    for person, may_edit in [
        (people.sam, True),
        (people.carl, True),
        (people.alice, True),
        (people.lena, False),
        (people.tina, False),  # a participating unit reads the figures but does not set them
    ]:
        client.force_login(person)
        html = client.get(detail(target)).content.decode()
        assert ("Save the trajectory" in html) is may_edit, person
        assert ('name="source"' in html) is may_edit, person
        assert "How the forecast is made" in html and "Bulletin 1" in html
    client.force_login(people.olga)
    assert client.get(detail(target)).status_code == 404


def test_without_a_trajectory_the_form_suggests_the_straight_line(client, people, target, today):
    record_indicator_value(SYSTEM, target, date="2022-12-31", value="70", source="Yearbook")
    client.force_login(people.sam)
    html = client.get(detail(target)).content.decode()
    assert "Suggested: a straight line" in html
    assert 'value="2024-12-31"' in html and 'value="72"' in html
    assert not TrajectoryPoint.objects.filter(target=target).exists()  # suggested, not saved


def test_actual_values_link_to_their_report(client, people, target, reporting, today):
    report = reporting.reports["3"]
    record_indicator_value(people.sam, target, date="2024-03-31", value="71", source="Q1", report=report)
    client.force_login(people.sam)
    html = client.get(detail(target)).content.decode()
    assert reverse("reporting:report", args=[report.pk]) in html


# -- writing ------------------------------------------------------------------------------------


def test_lead_unit_saves_a_trajectory(client, people, target, today):
    client.force_login(people.sam)
    response = client.post(
        reverse("targets:trajectory", args=[target.pk]),
        {
            "date": ["2023-12-31", "2024-12-31", "", "2025-12-31"],
            "value": ["71", "72.5", "", "73"],
            "version": version(target),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#trajectory")
    assert list(target.trajectory.values_list("value", flat=True)) == [
        Decimal(71),
        Decimal("72.5"),
        Decimal(73),
    ]
    assert AuditEvent.objects.filter(action="trajectory.set").exists()


def test_fill_linearly_replaces_the_trajectory(client, people, target, today):
    record_indicator_value(SYSTEM, target, date="2022-12-31", value="70", source="Yearbook")
    set_trajectory(SYSTEM, target, [("2025-12-31", "80")])
    client.force_login(people.alice)
    response = client.post(
        reverse("targets:trajectory", args=[target.pk]), {"fill": "1", "version": version(target)}
    )
    assert response.status_code == 302
    assert list(target.trajectory.values_list("date", "value")) == [
        (D(2023, 12, 31), Decimal(71)),
        (D(2024, 12, 31), Decimal(72)),
        (D(2025, 12, 31), Decimal(73)),
    ]


def test_recording_a_value_and_its_revision(client, people, target, today):
    client.force_login(people.carl)
    url = reverse("targets:record", args=[target.pk])
    first = client.post(
        url, {"date": "2024-12-31", "value": "71.2", "source": "Bulletin", "provisional": "1"}
    )
    assert first.status_code == 302 and first["Location"].endswith("#actuals")
    client.post(url, {"date": "2024-12-31", "value": "71.6", "source": "Yearbook"})
    values = list(IndicatorValue.objects.filter(target=target).order_by("recorded_at", "id"))
    assert [(v.value, v.provisional, v.revised, v.recorded_by) for v in values] == [
        (Decimal("71.2"), True, False, people.carl),
        (Decimal("71.6"), False, True, people.carl),
    ]
    html = client.get(detail(target)).content.decode()
    assert "71.6%" in html and "revised" in html


@pytest.mark.parametrize("person", ["lena", "tina"])
def test_others_may_not_write(client, people, target, today, person):
    client.force_login(getattr(people, person))
    trajectory = client.post(
        reverse("targets:trajectory", args=[target.pk]), {"date": ["2024-12-31"], "value": ["72"]}
    )
    record = client.post(
        reverse("targets:record", args=[target.pk]), {"date": "2024-12-31", "value": "72", "source": "x"}
    )
    assert trajectory.status_code == record.status_code == 403
    assert not TrajectoryPoint.objects.exists() and not IndicatorValue.objects.exists()


# -- bad input: a 400 with the reason, the form kept, nothing saved -----------------------------


@pytest.mark.parametrize(
    "data,message",
    [
        ({"date": "2024-12-31", "value": "abc", "source": "x"}, "“abc” is not a number."),
        ({"date": "2019-12-31", "value": "70", "source": "x"}, "is outside the plan"),
        ({"date": "2025-09-30", "value": "70", "source": "x"}, "is in the future"),
        ({"date": "31/12/2024", "value": "70", "source": "x"}, "is not a date"),
        ({"date": "2024-12-31", "value": "70", "source": "  "}, "Say where the figure comes from."),
        ({"date": "2024-12-31", "value": "", "source": "x"}, "Give the value."),
        ({}, "Give the date"),
    ],
)
def test_bad_actual_values_are_refused(client, people, target, today, data, message):
    client.force_login(people.sam)
    response = client.post(reverse("targets:record", args=[target.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if data.get("value"):
        assert f'value="{data["value"]}"' in html  # what was typed is still there to correct
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    "dates,values,message",
    [
        (["2023-12-31", "2024-12-31"], ["71", "abc"], "“abc” is not a number."),
        (["2023-12-31", "2030-12-31"], ["71", "80"], "is outside the plan"),
        (["2024-12-31", "2024-12-31"], ["71", "72"], "appears twice"),
        (["2024-12-31", "2025-12-31"], ["71", ""], "Row 2: give both a date and a value."),
        (["", ""], ["", ""], "Give at least one date"),
        (["2024-13-45"], ["72"], "is not a date"),
    ],
)
def test_bad_trajectories_are_refused_and_the_old_one_kept(
    client, people, target, today, dates, values, message
):
    set_trajectory(SYSTEM, target, [("2025-12-31", "73")])
    client.force_login(people.sam)
    response = client.post(
        reverse("targets:trajectory", args=[target.pk]),
        {"date": dates, "value": values, "version": version(target)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(target.trajectory.values_list("date", "value")) == [(D(2025, 12, 31), Decimal(73))]


def test_fill_linearly_without_a_start_is_refused(client, people, target, today):
    client.force_login(people.sam)
    response = client.post(
        reverse("targets:trajectory", args=[target.pk]), {"fill": "1", "version": version(target)}
    )
    assert response.status_code == 400
    assert "no baseline and no actual value" in response.content.decode()
    assert not TrajectoryPoint.objects.exists()


def test_the_page_of_a_target_of_a_draft_plan_is_hidden(client, people, today):
    draft = import_plan(SYSTEM, make_draft(tasks=3, title="Draft (2023-2025)")).plan
    hidden = Target.objects.get(task__plan=draft)
    client.force_login(people.sam)
    assert client.get(detail(hidden)).status_code == 404
    assert client.get(reverse("targets:plan", args=[draft.pk])).status_code == 404
    client.force_login(people.alice)
    assert client.get(detail(hidden)).status_code == 200


# -- queries ------------------------------------------------------------------------------------


def test_plan_page_queries_do_not_grow_with_targets_or_values(client, people, plan, target, today):
    fill(target, values=2)
    big = publish_plan(
        SYSTEM, import_plan(SYSTEM, make_draft(tasks=15, title="Bigger plan (2023-2025)")).plan
    )
    targets = list(Target.objects.filter(task__plan=big))
    assert len(targets) == 5
    for t in targets:
        fill(t, values=12)
    client.force_login(people.sam)
    small_count = queries(client, reverse("targets:plan", args=[plan.pk]))
    assert queries(client, reverse("targets:plan", args=[big.pk])) == small_count


def test_target_page_queries_do_not_grow_with_values(client, people, plan, target, reporting, today):
    report = reporting.reports["3"]
    fill(target, values=2, report=report)
    other = publish_plan(
        SYSTEM, import_plan(SYSTEM, make_draft(tasks=3, title="Other plan (2023-2025)")).plan
    )
    many = Target.objects.get(task__plan=other)
    fill(many, values=40, report=report)
    for person in (people.sam, people.lena):
        client.force_login(person)
        assert queries(client, detail(many)) == queries(client, detail(target)), person
