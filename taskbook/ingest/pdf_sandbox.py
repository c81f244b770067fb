"""A PDF read in a child process that has limits of its own: its address space (RLIMIT_AS), its CPU time
(RLIMIT_CPU), its wall-clock time (a timeout here) and its pages (checked before any page is read).

A PDF bomb (a page that decompresses to gigabytes, a loop of objects) costs the child, which the limits
end in seconds, and never grows the process that asked: a web worker stays the size it was. The child
is this module run as `python -m taskbook.ingest.pdf_sandbox`; it answers in JSON on its standard
output, either the Document or the IngestError it met.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import IngestError
from .limits import DEFAULT, MB, Limits
from .readers import Document, Table

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the taskbook package


def read_pdf_bounded(data: bytes, filename: str, limits: Limits = DEFAULT) -> Document:
    """read_pdf in a child process within `limits`; IngestError("too_complex") when it runs out."""
    name = filename or "the PDF"
    command = [
        sys.executable,
        "-m",
        "taskbook.ingest.pdf_sandbox",
        str(limits.pdf_pages),
        str(limits.pdf_seconds),
        str(limits.pdf_memory_bytes),
        filename,
    ]
    path = [str(_PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, path)))
    too_complex = IngestError(
        "too_complex",
        f"{name} could not be read within {limits.pdf_seconds} s and {limits.pdf_memory_bytes // MB} MB "
        "(a damaged or deliberately oversized PDF?).",
        limit=limits.pdf_seconds,
    )
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=limits.pdf_seconds, env=env, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise too_complex from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        # Killed by a limit (SIGXCPU, SIGKILL) or out of memory before it could answer.
        raise too_complex from None
    if "error" in answer:
        raise IngestError(answer["error"], answer["message"], limit=answer.get("limit"))
    return _document(answer["document"])


def _document(data: dict[str, Any]) -> Document:
    return Document(
        format=data["format"],
        lines=data["lines"],
        headings={int(line): level for line, level in data["headings"].items()},
        tables=[Table(**table) for table in data["tables"]],
        title_hint=data["title_hint"],
        warnings=data["warnings"],
    )


def _child(argv: list[str]) -> int:
    """The child: set its own limits first, then read the PDF on standard input."""
    import resource

    pages, seconds, memory = (int(value) for value in argv[:3])
    filename = argv[3] if len(argv) > 3 else ""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    data = sys.stdin.buffer.read()
    from .pdf_reader import read_pdf

    try:
        answer: dict[str, Any] = {"document": asdict(read_pdf(data, filename, max_pages=pages))}
    except IngestError as exc:
        answer = {"error": exc.code, "message": exc.message, "limit": exc.limit}
    except MemoryError:
        return 3  # no answer: the parent says the PDF is too complex
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
