"""A chat robot on 127.0.0.1 for the webhook tests: an http.server in a thread that keeps what it
was sent and answers as told (its status, answer and headers may change while it runs)."""

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Robot:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    answer: dict[str, Any] = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    port: int = 0


@contextmanager
def robot(
    status: int = 200, answer: dict[str, Any] | None = None, host: str = "127.0.0.1"
) -> Iterator[Robot]:
    state = Robot(
        url="", status=status, answer=answer if answer is not None else {"errcode": 0, "errmsg": "ok"}
    )

    class Handler(BaseHTTPRequestHandler):
        def _keep(self, method: str) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length).decode("utf-8") if length else ""
            state.received.append(
                {
                    "method": method,
                    "path": self.path,
                    "host": self.headers.get("Host"),
                    "content_type": self.headers.get("Content-Type"),
                    "json": json.loads(raw) if raw else None,
                }
            )
            if state.delay:
                time.sleep(state.delay)
            body = json.dumps(state.answer).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in state.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            self._keep("POST")

        def do_GET(self) -> None:  # where a followed redirect would arrive
            self._keep("GET")

        def log_message(self, *args: Any) -> None:  # keep the test output quiet
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.port = server.server_address[1]
    state.url = f"http://{host}:{state.port}/cgi-bin/webhook/send?key=secret-key-123"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/robot/send?access_token=abc"


def give_emails(people: Any) -> None:
    """The fixture's people have no e-mail addresses; these tests need them (test setup, not an action)."""
    for user in (people.alice, people.lena, people.carl, people.sam, people.tina, people.olga):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
