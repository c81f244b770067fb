"""`taskbook createcoordinator`: the first coordinator of a new installation."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from taskbook.orgs.models import Membership, Role, Unit
from taskbook.orgs.permissions import is_coordinator

PASSWORD = "Harbour-lights-at-dusk-9"


def test_it_creates_the_first_coordinator_and_their_office(db, monkeypatch):
    monkeypatch.setenv("FIRST_PASSWORD", PASSWORD)
    call_command(
        "createcoordinator",
        "--email",
        "Head@Office.gov.cn",
        "--name",
        "王主任",
        "--password-from-env",
        "FIRST_PASSWORD",
    )
    user = User.objects.get(username="head@office.gov.cn")
    assert user.check_password(PASSWORD) and user.first_name == "王主任"
    assert is_coordinator(user)
    assert Membership.objects.get(user=user).unit == Unit.objects.get(name_en="Office of the Leading Group")
    assert user.profile.language == ""


def test_it_promotes_an_existing_person(people, monkeypatch):
    people.olga.email = "olga@example.gov.cn"
    people.olga.save(update_fields=["email"])
    monkeypatch.setenv("PW", PASSWORD)
    call_command(
        "createcoordinator",
        "--email",
        "olga@example.gov.cn",
        "--office",
        "领导小组办公室",
        "--password-from-env",
        "PW",
    )
    assert Membership.objects.filter(user=people.olga, unit=people.office, role=Role.COORDINATOR).exists()
    assert User.objects.filter(email="olga@example.gov.cn").count() == 1


@pytest.mark.parametrize(
    "args,env,message",
    [
        (["--email", "not-an-address"], {"PW": PASSWORD}, "not an e-mail address"),
        (["--email", "a@b.gov.cn"], {"PW": "short"}, "too short"),
        (["--email", "a@b.gov.cn"], {}, "PW is not set"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_saves_nothing(db, monkeypatch, args, env, message):
    monkeypatch.delenv("PW", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(CommandError, match=message) as refused:
        call_command("createcoordinator", *args, "--password-from-env", "PW")
    assert refused.value.returncode == 2
    assert not User.objects.exists() and not Unit.objects.exists()


def test_without_a_terminal_it_asks_for_the_variable(db, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="--password-from-env") as refused:
        call_command("createcoordinator", "--email", "a@b.gov.cn")
    assert refused.value.returncode == 2
