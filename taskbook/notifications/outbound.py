"""One JSON POST to a webhook, to an address `addresses.resolve` has checked.

The connection goes to the checked address itself, never to the host name again (a name that
resolves elsewhere a moment later cannot slip through), while the `Host` header, the TLS server
name (SNI) and the certificate check use the host's name. A redirect is not followed; every wait is
short and the whole exchange has a deadline. What the server answers is read only as far as a
robot's error code needs, and never shown or kept: failures are described by `Failure` in a few
words of our own.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.parse
from typing import Any

from django.utils.translation import gettext as _

from taskbook.notifications.addresses import AddressRefused, NotFound, Target, resolve

# Seconds for connecting (to each address) and for each read: a robot that does not answer must not
# hold up the others.
TIMEOUT = 5
DEADLINE = 15  # seconds from the connection to the end of the answer, however slowly it drips
ANSWER_MAX = 65536  # bytes of the answer read, for the robot's error code

# Robot error codes that mean the robot itself is gone, as HTTP 404 would: WeCom's "invalid webhook
# url" and DingTalk's "token is not exist". Other codes (rate limits, a busy server) may pass.
GONE = {93000, 300001}

# Characters a request path keeps as they are; anything else (spaces, Chinese) is percent-encoded.
PATH_SAFE = "".join(chr(c) for c in range(33, 127))


class Failure(Exception):
    """A webhook post that failed; `final` when another try cannot succeed (a refused address, HTTP
    4xx, a robot that is gone), else it is worth trying again later."""

    def __init__(self, message: str, *, final: bool) -> None:
        super().__init__(message)
        self.final = final


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target: Target, ip: str, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: Target, ip: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.ip = ip

    def connect(self) -> None:
        raw = socket.create_connection((self.ip, self.port), self.timeout)
        try:
            self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


def _open(target: Target) -> http.client.HTTPConnection:
    """A connection to the first of the checked addresses that answers."""
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    last: OSError | None = None
    for ip in target.addresses:
        connection = kind(target, ip, TIMEOUT)
        try:
            connection.connect()
        except ssl.SSLCertVerificationError:
            raise
        except OSError as exc:
            connection.close()
            last = exc
            continue
        return connection
    assert last is not None  # resolve() gives at least one address
    raise last


def _read(response: http.client.HTTPResponse) -> bytes:
    answer = b""
    while len(answer) < ANSWER_MAX:
        chunk = response.read1(4096)
        if not chunk:
            break
        answer += chunk
    return answer[:ANSWER_MAX]


def _exchange(target: Target, body: bytes) -> tuple[int, bytes]:
    """(status, the start of the answer). The socket is shut when the deadline comes, whatever the
    server is doing: a slow drip of headers would otherwise reset each read's timeout."""
    started = time.monotonic()
    connection = _open(target)
    expired = threading.Event()

    def cut() -> None:
        expired.set()
        with contextlib.suppress(OSError, AttributeError):
            connection.sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, DEADLINE - (time.monotonic() - started)), cut)
    timer.daemon = True
    timer.start()
    try:
        connection.request(
            "POST",
            urllib.parse.quote(target.path, safe=PATH_SAFE),
            body=body,
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "taskbook"},
        )
        response = connection.getresponse()
        status, answer = response.status, _read(response)
    except (OSError, http.client.HTTPException):
        if expired.is_set():
            raise TimeoutError from None
        raise
    finally:
        timer.cancel()
        connection.close()
    if expired.is_set():
        raise TimeoutError
    return status, answer


def _errcode(answer: bytes) -> int | None:
    try:
        data = json.loads(answer or b"{}")
    except ValueError:
        return None
    code = data.get("errcode") if isinstance(data, dict) else None
    if code in (None, 0, "0"):
        return None
    try:
        return int(code)
    except (TypeError, ValueError):
        return -1


def post(url: str, payload: dict[str, Any], *, check_errcode: bool = False) -> None:
    """POST `payload` as JSON to `url`, or raise Failure. WeCom and DingTalk answer HTTP 200 with an
    error code (`check_errcode`)."""
    try:
        target = resolve(url)
    except AddressRefused as exc:
        raise Failure(_("refused: %(why)s") % {"why": exc}, final=True) from exc
    except NotFound as exc:
        raise Failure(str(exc), final=False) from exc
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    try:
        status, answer = _exchange(target, body)
    except ssl.SSLCertVerificationError as exc:
        raise Failure(_("refused: the server's certificate is not valid for it"), final=True) from exc
    except TimeoutError as exc:
        raise Failure(_("no answer in time"), final=False) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise Failure(_("could not connect"), final=False) from exc
    if 300 <= status < 400:
        raise Failure(
            _("refused: HTTP %(status)s (redirects are not followed)") % {"status": status}, final=True
        )
    if status >= 400:
        # A server error, a timeout or a rate limit may pass; another 4xx will not.
        if status < 500 and status not in (408, 425, 429):
            raise Failure(_("refused: HTTP %(status)s") % {"status": status}, final=True)
        raise Failure(_("failed: HTTP %(status)s") % {"status": status}, final=False)
    code = _errcode(answer) if check_errcode else None
    if code is not None:
        raise Failure(_("refused: robot error code %(code)s") % {"code": code}, final=code in GONE)
