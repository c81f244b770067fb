"""A plan whose review holds a text longer than the database keeps (a title, a task's title, a unit's
name, a target's metric) is refused with the field and the limit when it is saved, never cut."""

import pytest

from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from taskbook.plans.models import Plan
from tests.conftest import make_draft


def _draft(change):
    draft = make_draft(tasks=2, sections=1)
    change(draft)
    return draft


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d.update(title="T" * 301), "The plan's title is 301 characters long; the limit is 300."),
        (
            lambda d: d["sections"][0]["tasks"][0].update(title="x" * 501),
            "The title of task 1 is 501 characters long; the limit is 500.",
        ),
        (
            lambda d: d["sections"][0]["tasks"][0]["lead_units"].append("B" * 201),
            "A unit name of task 1 is 201 characters long; the limit is 200.",
        ),
        (
            lambda d: d["sections"][0]["tasks"][0].update(
                targets=[{"text": "t", "metric": "m" * 301, "comparator": ">=", "value": "5", "unit": "%"}]
            ),
            "its metric is 301 characters long; the limit is 300.",
        ),
    ],
)
def test_a_text_too_long_is_refused_with_its_limit(db, change, message):
    with pytest.raises(ActionError) as refused:
        import_plan(SYSTEM, _draft(change))
    assert message in refused.value.message
    assert not Plan.objects.exists()
