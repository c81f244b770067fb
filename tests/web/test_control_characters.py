"""A NUL byte or another control character in a query or a form field is refused with a 400 and a
message in the product's layout (JSON in the API) before any view runs: PostgreSQL cannot store a NUL,
and a search, an export or a save that meets one used to end in a 500 or a broken-off CSV."""

import datetime

import pytest
from django.urls import reverse

from taskbook.notifications.models import Webhook
from taskbook.orgs.models import UnitAlias
from taskbook.taskbooks.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/units/?q=%00",
        "/units/?q%00=x",
        "/audit/?q=a%00b",
        "/audit/?event=%01",
        "/audit/events.csv?q=%00",
    ],
)
def test_a_control_character_in_a_query_is_a_400_page_with_its_message(client, people, url):
    client.force_login(people.alice)
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "control character (U+00" in body
    assert "<nav" in body or "<header" in body  # the product's layout, not a bare error
    assert response["Content-Type"].startswith("text/html")


def test_a_control_character_in_an_api_query_is_a_400_in_json(client, people):
    client.force_login(people.alice)
    response = client.get("/api/plans/?q=%00")
    assert response.status_code == 400
    assert "control character (U+0000)" in response.json()["detail"]


def test_tab_newline_and_return_are_text(client, people):
    client.force_login(people.alice)
    assert client.get("/units/", {"q": "a\tb\r\nc"}).status_code == 200


def test_the_message_is_translated(client, people):
    client.force_login(people.alice)
    response = client.get("/zh-hans/units/?q=%00")
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()


def test_an_alias_with_a_nul_is_refused_and_not_saved(client, people):
    client.force_login(people.alice)
    url = reverse("orgs:alias_add", args=[people.commerce.pk])
    aliases = UnitAlias.objects.count()
    response = client.post(url, {"name": "Commerce\x00Bureau", "version": people.commerce.version})
    assert response.status_code == 400
    assert "“name” holds a control character (U+0000)" in response.content.decode()
    assert UnitAlias.objects.count() == aliases


def test_a_milestone_with_a_control_character_is_refused(client, people, workplan):
    measure = workplan.measures[0]
    client.force_login(people.sam)
    count = Milestone.objects.count()
    response = client.post(
        reverse("taskbooks:milestone_add", args=[measure.pk]),
        {"date": str(measure.start_date + datetime.timedelta(days=5)), "description": "Done\x1b[31m"},
    )
    assert response.status_code == 400
    assert "U+001B" in response.content.decode()
    assert Milestone.objects.count() == count


def test_a_webhook_with_a_nul_is_refused(client, people):
    client.force_login(people.carl)
    response = client.post(
        reverse("notifications:webhook_add"),
        {
            "name": "Robot\x00",
            "url": "https://chat.example.org/hook",
            "kind": "generic",
            "unit": people.commerce.pk,
        },
    )
    assert response.status_code == 400
    assert not Webhook.objects.exists()


def test_a_report_narrative_with_a_nul_is_refused_and_not_saved(client, people, reporting):
    report = next(r for r in reporting.reports.values() if r.unit_id == people.commerce.pk)
    client.force_login(people.sam)
    response = client.post(
        reverse("reporting:save", args=[report.pk]),
        {"narrative": "Done\x00", "percent": "10", "version": report.version},
    )
    assert response.status_code == 400
    assert "“narrative” holds a control character (U+0000)" in response.content.decode()
    report.refresh_from_db()
    assert "\x00" not in report.narrative


def test_a_contribution_with_a_nul_is_refused(client, people, reporting):
    from taskbook.reporting.models import Contribution

    contribution = Contribution.objects.select_related("unit").first()
    assert contribution is not None  # the cycle asked the participating units for theirs
    client.force_login(people.alice)
    response = client.post(
        reverse("reporting:contribution", args=[contribution.pk]), {"narrative": "\x00", "version": 1}
    )
    assert response.status_code == 400
    contribution.refresh_from_db()
    assert "\x00" not in contribution.narrative
