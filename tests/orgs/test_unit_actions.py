import pytest
from django.core.exceptions import PermissionDenied

from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.actions import PrintedBody, add_alias, create_unit, merge_units, resolve_units, split_unit
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Membership, Unit, UnitAlias
from taskbook.plans.models import TaskUnit
from tests.conftest import COMMERCE


def test_resolve_units_reuses_known_bodies_and_never_merges_two(db):
    a = create_unit(SYSTEM, name_en="Municipal Transportation Bureau")
    b = create_unit(SYSTEM, name_en="Municipal Bureau of Transport")
    # One printed cluster naming both existing units must not fold them together.
    body = PrintedBody(names=["Municipal Transportation Bureau", "Municipal Bureau of Transport"])
    resolved = resolve_units(SYSTEM, [body], language="en")
    assert resolved["Municipal Transportation Bureau"] == a
    assert resolved["Municipal Bureau of Transport"] == b
    assert Unit.objects.count() == 2


def test_resolve_units_creates_new_bodies_with_their_aliases(db):
    bodies = [
        PrintedBody(names=["Shenzhen Tax Bureau", "Shenzhen Taxation Bureau"]),
        PrintedBody(names=["深圳海关"]),
    ]
    resolved = resolve_units(SYSTEM, bodies, language="en")
    assert resolved["Shenzhen Tax Bureau"] == resolved["Shenzhen Taxation Bureau"]
    customs = resolved["深圳海关"]
    assert customs.name_zh == "深圳海关"
    assert Unit.objects.count() == 2
    assert AuditEvent.objects.filter(action="unit.create").count() == 2


def test_merge_moves_names_tasks_and_members(people, plan):
    twin = create_unit(SYSTEM, name_en="Commerce Bureau of Shenzhen")
    task = plan.tasks.get(number="2")  # led by the Technology commission; Commerce only participates
    TaskUnit.objects.create(task=task, unit=twin, role="lead", printed_name="Commerce Bureau of Shenzhen")
    Membership.objects.create(user=people.tina, unit=twin, role="unit_staff")
    merge_units(people.alice, people.commerce, twin)
    assert not Unit.objects.filter(pk=twin.pk).exists()
    assert UnitAlias.objects.get(name="Commerce Bureau of Shenzhen").unit == people.commerce
    assert TaskUnit.objects.filter(task=task, unit=people.commerce, role="lead").exists()
    assert Membership.objects.filter(user=people.tina, unit=people.commerce).exists()
    assert AuditEvent.objects.filter(action="unit.merge").count() == 1


def test_split_takes_names_and_their_tasks_to_a_new_unit(people, plan):
    alias = UnitAlias.objects.get(name="Municipal Commerce Bureau")
    printed = TaskUnit.objects.filter(printed_name="Municipal Commerce Bureau").count()
    assert printed
    new = split_unit(people.alice, people.commerce, [alias.pk], name_en="Municipal Commerce Bureau")
    assert TaskUnit.objects.filter(unit=new).count() == printed
    assert not TaskUnit.objects.filter(
        unit=people.commerce, printed_name="Municipal Commerce Bureau"
    ).exists()
    assert people.commerce.aliases.filter(name=COMMERCE).exists()


def test_split_must_leave_a_name_behind(people):
    ids = list(people.commerce.aliases.values_list("pk", flat=True))
    with pytest.raises(ActionError):
        split_unit(people.alice, people.commerce, ids)
    with pytest.raises(ActionError):
        split_unit(people.alice, people.commerce, [])


def test_alias_conflicts_and_permissions(people):
    with pytest.raises(ActionError, match="already names"):
        add_alias(people.alice, people.tech, "Municipal Commerce Bureau")
    with pytest.raises(PermissionDenied):
        add_alias(people.sam, people.commerce, "Commerce")
    with pytest.raises(PermissionDenied):
        merge_units(people.lena, people.commerce, people.tech)
    with pytest.raises(ActionError):
        merge_units(people.alice, people.commerce, people.commerce)
    add_alias(people.alice, people.commerce, "深圳商务局")
    assert people.commerce.aliases.filter(language="zh").exists()


def test_a_merge_never_deletes_the_other_units_own_records(people, workplan):
    from taskbook.taskbooks.actions import save_contact
    from taskbook.taskbooks.models import Contact

    # measures are protected: the merge used to end in a server error
    with pytest.raises(ActionError, match="records of its own"):
        merge_units(people.alice, people.commerce, people.tech)
    assert Unit.objects.filter(pk=people.tech.pk).exists()
    assert people.tech.aliases.exists()  # nothing moved either
    # people are not: the merge used to delete them without a word
    twin = create_unit(SYSTEM, name_en="Commerce Bureau of Shenzhen")
    save_contact(SYSTEM, twin, name="Zhao Min")
    with pytest.raises(ActionError, match="contacts"):
        merge_units(people.alice, people.commerce, twin)
    assert Contact.objects.filter(unit=twin, name="Zhao Min").exists()
