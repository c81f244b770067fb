"""Reading the API in tests: the JSON of an answer with its status checked, the ids of a list, and how
many queries an answer took."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def answer(client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def ids(client, url: str) -> list[int]:
    return [item["id"] for item in answer(client, url)["items"]]


def queries(client, url: str) -> int:
    """The queries of one answer; a list counted at two sizes must take the same number."""
    with CaptureQueriesContext(connection) as ctx:
        answer(client, url)
    return len(ctx.captured_queries)


def first_error(client, url: str) -> str:
    """The message of the first parameter refused (422)."""
    return answer(client, url, 422)["detail"][0]["msg"]
