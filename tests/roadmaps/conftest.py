import datetime

import pytest
from django.utils import timezone

TODAY = datetime.date(2024, 6, 15)


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    """Pages, actions and deadline states all read this date as today, so tests do not age."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY
