"""The people pages, a unit's people, one's own account, changing one's password."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.accounts.actions import create_user
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Role

PASSWORD = "Bamboo-grove-at-noon-5"


def test_the_coordinator_adds_and_invites_a_person(people, client, django_capture_on_commit_callbacks):
    client.force_login(people.alice)
    form = {
        "name": "Wang Fang",
        "email": "wang.fang@example.gov.cn",
        "phone": "",
        "unit": people.tech.pk,
        "role": Role.UNIT_ADMIN,
        "language": "",
        "invite": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:person_new"), form)
    user = User.objects.get(username="wang.fang@example.gov.cn")
    assert response.status_code == 302 and response.url == reverse("accounts:person", args=[user.pk])
    assert [m.to for m in mail.outbox] == [["wang.fang@example.gov.cn"]]
    page = client.get(response.url)
    assert "invited, no password yet" in page.text and "signs off the unit&#x27;s task book" in page.text


def test_a_refused_person_is_shown_in_the_form_with_its_reason(people, client):
    create_user(SYSTEM, name="Nina", email="nina@example.gov.cn", unit=people.commerce, role=Role.UNIT_STAFF)
    client.force_login(people.carl)
    form = {
        "name": "Nina 2",
        "email": "NINA@example.gov.cn",
        "unit": people.commerce.pk,
        "role": Role.UNIT_STAFF,
    }
    response = client.post(reverse("accounts:person_new"), form)
    assert response.status_code == 400 and "Someone already has the address" in response.text


def test_a_unit_admin_is_offered_only_its_unit_and_the_staff_role(people, client):
    client.force_login(people.carl)
    page = client.get(reverse("accounts:person_new")).text
    assert people.commerce.name_en in page and people.port.name_en not in page
    assert 'value="unit_staff"' in page and 'value="unit_admin"' not in page
    # Posting what the form does not offer is refused too.
    response = client.post(
        reverse("accounts:person_new"),
        {"name": "X", "email": "x@example.gov.cn", "unit": people.port.pk, "role": Role.UNIT_STAFF},
    )
    assert response.status_code == 400 and not User.objects.filter(username="x@example.gov.cn").exists()


def test_the_people_list_searches_and_filters(people, client):
    client.force_login(people.alice)
    url = reverse("accounts:people")
    names = lambda response: [p.username for p in response.context["page"].object_list]  # noqa: E731
    assert names(client.get(url, {"q": "Sam"})) == ["sam"]
    assert set(names(client.get(url, {"unit": people.commerce.pk}))) == {"carl", "sam"}
    assert names(client.get(url, {"role": Role.LEADER})) == ["lena"]
    client.post(reverse("accounts:person_deactivate", args=[people.tina.pk]))
    assert names(client.get(url, {"active": "no"})) == ["tina"]
    # A control character in the search is refused before the view (PostgreSQL refuses NUL in a query).
    searched = client.get(url, {"q": "s\x00am"})
    assert searched.status_code == 400 and "control character" in searched.text


def test_a_unit_admin_lists_its_units_people_only(people, client):
    client.force_login(people.carl)
    shown = {p.username for p in client.get(reverse("accounts:people")).context["page"].object_list}
    assert shown == {"carl", "sam"}


@pytest.mark.parametrize("count", [3, 30])
def test_the_people_list_runs_a_fixed_number_of_queries(people, client, count):
    for n in range(count):
        create_user(
            SYSTEM, name=f"P{n}", email=f"p{n}@example.gov.cn", unit=people.tech, role=Role.UNIT_STAFF
        )
    client.force_login(people.alice)
    client.get(reverse("accounts:people"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accounts:people")).status_code == 200
    assert len(queries) <= 9, [q["sql"] for q in queries]


def test_a_units_people_page_says_what_each_may_do(people, client):
    client.force_login(people.sam)
    unit_page = client.get(reverse("orgs:detail", args=[people.commerce.pk])).text
    assert reverse("accounts:unit_people", args=[people.commerce.pk]) in unit_page
    page = client.get(reverse("accounts:unit_people", args=[people.commerce.pk])).text
    assert "Carl" in page and "unit admin" in page and "signs off the unit&#x27;s task book" in page
    assert "Pete" not in page
    assert (
        reverse("accounts:unit_people", args=[people.port.pk])
        not in client.get(reverse("orgs:detail", args=[people.port.pk])).text
    )


def test_everyone_changes_their_name_and_language(people, client):
    client.force_login(people.sam)
    response = client.post(reverse("accounts:me"), {"name": "Sam Zhang", "language": "zh-hans"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "zh-hans"
    people.sam.refresh_from_db()
    assert people.sam.first_name == "Sam Zhang" and people.sam.profile.language == "zh-hans"
    assert client.post(reverse("accounts:me"), {"name": "", "language": ""}).status_code == 400


def test_changing_ones_password_keeps_one_signed_in(people, client):
    client.force_login(people.sam)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw-sam", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 302
    people.sam.refresh_from_db()
    assert people.sam.check_password(PASSWORD)
    assert client.get(reverse("accounts:me")).status_code == 200
    wrong = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": PASSWORD + "x", "new_password2": PASSWORD + "x"},
    )
    assert wrong.status_code == 200 and "incorrect" in wrong.text


def test_the_navigation_shows_people_to_those_who_manage_them(people, client):
    for user, shown in [(people.alice, True), (people.carl, True), (people.sam, False), (people.lena, False)]:
        client.force_login(user)
        page = client.get(reverse("accounts:me")).text
        assert (f'href="{reverse("accounts:people")}"' in page) is shown, user
        assert f'href="{reverse("accounts:me")}"' in page


def test_the_api_gives_roles_but_no_addresses(people, client):
    people.sam.email = "sam@example.gov.cn"
    people.sam.save(update_fields=["email"])
    client.force_login(people.carl)
    listed = client.get(reverse("api:list_people")).json()
    assert {p["username"] for p in listed["items"]} == {"carl", "sam"}
    assert "sam@example.gov.cn" not in str(listed)
    sam = next(p for p in listed["items"] if p["username"] == "sam")
    assert sam["roles"] == [
        {
            "unit": {"id": people.commerce.pk, "name": people.commerce.name_en},
            "role": "unit_staff",
            "role_label": "unit staff",
        }
    ]
    # Every unit is in the directory: a unit of others' gives nobody, not a leak.
    assert client.get(reverse("api:list_people"), {"unit": people.port.pk}).json()["items"] == []
    assert client.get(reverse("api:list_people"), {"unit": 99999}).status_code == 404


def test_the_people_list_keeps_the_coordinators_navigation(people, client):
    """The list's choices of role once took the place of the navigation's roles."""
    client.force_login(people.alice)
    page = client.get(reverse("accounts:people")).text
    assert f'href="{reverse("audit:list")}"' in page and f'href="{reverse("dashboards:coordinator")}"' in page
