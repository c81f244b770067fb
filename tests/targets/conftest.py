import datetime

import pytest
from django.utils import timezone

TODAY = datetime.date(2025, 7, 15)  # mid-2025, as the demo stands


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    """Pages and checks read this date as today, so tests do not age."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def target(plan):
    """The `plan` fixture's one target: task 3, "at least 73%" by 2025, lead unit Commerce."""
    return plan.tasks.get(number="3").targets.select_related("task__plan").get()
