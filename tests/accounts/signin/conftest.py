import pytest
from django.contrib.auth.models import User

from tests.accounts.signin.helpers import PASSWORD


@pytest.fixture
def ann(db) -> User:
    return User.objects.create_user("ann", password=PASSWORD, first_name="Ann")


@pytest.fixture
def bob(db) -> User:
    return User.objects.create_user("bob", password=PASSWORD, first_name="Bob")


@pytest.fixture
def office(db) -> User:
    """A coordinator: the office's member."""
    from taskbook.orgs.actions import add_membership, create_unit
    from taskbook.orgs.actors import SYSTEM
    from taskbook.orgs.models import Role

    unit = create_unit(SYSTEM, name_en="Office of the Leading Group", name_zh="领导小组办公室")
    user = User.objects.create_user("olive", password=PASSWORD)
    add_membership(SYSTEM, user, unit, Role.COORDINATOR)
    return user


@pytest.fixture(autouse=True)
def urls_loaded():
    """Load every URL (and the API's schemas) before a test freezes the clock: pydantic cannot build a
    schema for freezegun's datetime type."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
