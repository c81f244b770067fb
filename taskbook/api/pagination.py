"""How every list of the API pages: `?limit=` and `?offset=`, both bounded.

django-ninja's own limit-offset pagination takes any whole number, and a huge one reaches the database
as an OFFSET or LIMIT it cannot hold (a 500). Here both are checked first, so `limit=100000000000`
gets a 422 that names the bound. Settings make this the class of every bare `@paginate`.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

PAGE_SIZE = 100
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class Pages(LimitOffsetPagination):
    """`{"items": [...], "count": n}`: one page of a list and the length of the whole list."""

    class Input(Schema):
        limit: int = Field(PAGE_SIZE, ge=1, le=MAX_LIMIT, description="How many items, at most.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
