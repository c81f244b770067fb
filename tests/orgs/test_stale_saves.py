"""A unit changed while its page was open: a merge, split or new alias from the stale page is
refused with a 409 that shows the unit's names as they are now, and nothing moves."""

import pytest
from django.urls import reverse

from taskbook.orgs.actions import add_alias, create_unit, merge_units, split_unit
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Unit, UnitAlias
from taskbook.plans.models import TaskUnit
from taskbook.versions import ConflictError


def test_every_change_of_names_gives_the_unit_a_new_version(people):
    commerce = people.commerce
    seen = Unit.objects.get(pk=commerce.pk).version
    add_alias(people.alice, commerce, "深圳商务局", version=seen)
    twin = create_unit(SYSTEM, name_en="Commerce Bureau of Shenzhen")
    merge_units(people.alice, commerce, twin, version=seen + 1)
    alias = UnitAlias.objects.get(name="Commerce Bureau of Shenzhen")
    split_unit(people.alice, commerce, [alias.pk], version=seen + 2)
    assert Unit.objects.get(pk=commerce.pk).version == seen + 3


def test_a_merge_into_a_unit_that_changed_meanwhile_is_refused(people):
    seen = Unit.objects.get(pk=people.commerce.pk).version
    twin = create_unit(SYSTEM, name_en="Commerce Bureau of Shenzhen")
    add_alias(people.alice, people.commerce, "深圳商务局", version=seen)
    with pytest.raises(ConflictError) as err:
        merge_units(people.alice, people.commerce, twin, version=seen)
    assert "深圳商务局" in err.value.current["aliases"]
    assert Unit.objects.filter(pk=twin.pk).exists()


def test_a_split_of_a_unit_that_changed_meanwhile_is_refused(people, plan):
    seen = Unit.objects.get(pk=people.commerce.pk).version
    alias = UnitAlias.objects.get(name="Municipal Commerce Bureau")
    split_unit(people.alice, people.commerce, [alias.pk], name_en="Municipal Commerce Bureau", version=seen)
    units = Unit.objects.count()
    other = UnitAlias.objects.filter(unit=people.commerce).exclude(name=people.commerce.name_en).first()
    with pytest.raises(ConflictError):
        split_unit(people.alice, people.commerce, [other.pk], version=seen)
    assert Unit.objects.count() == units


def test_an_import_that_adds_a_name_gives_the_unit_a_new_version(people):
    from taskbook.orgs.actions import PrintedBody, resolve_units

    seen = Unit.objects.get(pk=people.commerce.pk).version
    resolve_units(SYSTEM, [PrintedBody(names=[people.commerce.name_en, "Shenzhen Commerce"])], language="en")
    assert Unit.objects.get(pk=people.commerce.pk).version == seen + 1


def test_the_stale_unit_page_gets_a_409_and_nothing_moves(client, people, plan):
    commerce = people.commerce
    twin = create_unit(SYSTEM, name_en="Commerce Bureau of Shenzhen")
    page = reverse("orgs:detail", args=[commerce.pk])
    client.force_login(people.alice)
    seen = Unit.objects.get(pk=commerce.pk).version
    assert f'name="version" value="{seen}"' in client.get(page).content.decode()
    assert (
        client.post(
            reverse("orgs:alias_add", args=[commerce.pk]), {"name": "商务局", "version": seen}
        ).status_code
        == 302
    )
    tasks = set(TaskUnit.objects.filter(unit=commerce).values_list("pk", flat=True))

    response = client.post(reverse("orgs:merge", args=[commerce.pk]), {"other": twin.pk, "version": seen})
    html = response.content.decode()
    assert response.status_code == 409
    assert "商务局" in html and "Merge Commerce Bureau of Shenzhen into this unit" in html
    assert Unit.objects.filter(pk=twin.pk).exists()

    alias = UnitAlias.objects.get(name="Municipal Commerce Bureau")
    response = client.post(
        reverse("orgs:split", args=[commerce.pk]), {"aliases": [alias.pk], "version": seen}
    )
    assert response.status_code == 409 and "Municipal Commerce Bureau" in response.content.decode()
    assert UnitAlias.objects.get(pk=alias.pk).unit_id == commerce.pk

    response = client.post(
        reverse("orgs:alias_add", args=[commerce.pk]), {"name": "商务局窗口", "version": seen}
    )
    assert response.status_code == 409
    assert not UnitAlias.objects.filter(name="商务局窗口").exists()
    assert set(TaskUnit.objects.filter(unit=commerce).values_list("pk", flat=True)) == tasks
