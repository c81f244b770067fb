"""The short forms in which one record of the API names another: a unit, a task, a cycle. Each app's
`api.py` shapes its own records and uses these for the records of other apps."""

import datetime
from typing import Any

from ninja import Schema


class UnitRef(Schema):
    id: int
    name: str  # in the reader's language, else the other one

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.display_name)


class TaskRef(Schema):
    id: int
    plan_id: int
    number: str
    title: str


class CycleRef(Schema):
    id: int
    plan_id: int
    label: str
    due_on: datetime.date


def attach[M](obj: M, **values: Any) -> M:
    """`obj` with further values for its schema to read: rows fetched through `visible_to` beside a
    record fetched through its access helper, figures computed for it."""
    for name, value in values.items():
        setattr(obj, name, value)
    return obj
