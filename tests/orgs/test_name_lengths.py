"""A unit name or alias longer than the database keeps is refused with the field and the limit, never
cut to fit (a 300-character alias used to be a 500 on the page)."""

import pytest
from django.urls import reverse

from taskbook.errors import ActionError
from taskbook.orgs.actions import PrintedBody, create_unit, resolve_units
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Unit, UnitAlias


def test_a_300_character_alias_is_a_400_with_the_limit(client, people):
    client.force_login(people.alice)
    aliases = UnitAlias.objects.count()
    response = client.post(
        reverse("orgs:alias_add", args=[people.commerce.pk]),
        {"name": "局" * 300, "version": people.commerce.version},
    )
    assert response.status_code == 400
    assert "The alias is 300 characters long; the limit is 200." in response.content.decode()
    assert UnitAlias.objects.count() == aliases


def test_a_long_unit_name_is_refused_not_cut(db):
    with pytest.raises(ActionError, match="A unit name is 201 characters long; the limit is 200") as refused:
        create_unit(SYSTEM, name_en="B" * 201)
    assert refused.value.field == "name_en"
    with pytest.raises(ActionError, match="The short name is 61 characters long; the limit is 60"):
        create_unit(SYSTEM, name_en="Bureau", short_name="s" * 61)


def test_a_long_printed_name_from_a_document_is_refused_and_nothing_is_made(db):
    units = Unit.objects.count()
    with pytest.raises(ActionError, match="the limit is 200"):
        resolve_units(SYSTEM, [PrintedBody(names=["Bureau " + "x" * 250])], language="en")
    assert Unit.objects.count() == units
