"""Calendar feed tokens never reach a log. A feed's address is its only secret
(`/feeds/<token>.ics`, timetables/urls.py): anyone who reads it in an access log could follow the
feed. Both places that write request paths mask it: gunicorn's access log (`AccessLogger`, which
`taskbook serve` passes to gunicorn) and Django's own request loggers (`MaskFeedTokens`, a filter on
the console handler of LOGGING: "Not Found: /feeds/…ics", runserver's lines)."""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

FEED_TOKEN = re.compile(r"(/feeds/)[A-Za-z0-9_-]+(\.ics)")
MASK = r"\1[token]\2"


def mask(text: str) -> str:
    return FEED_TOKEN.sub(MASK, text)


class MaskFeedTokens(logging.Filter):
    """Rewrites a record whose message holds a feed's address; other records pass untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if FEED_TOKEN.search(message):
            record.msg, record.args = mask(message), None
        return True


class AccessLogger(Logger):
    """gunicorn's logger with the feed token masked in every value a log format can name: the request
    line, the path, the referrer, and the request's headers and environment."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {key: mask(value) if isinstance(value, str) else value for key, value in atoms.items()}
