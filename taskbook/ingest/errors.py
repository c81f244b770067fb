"""The one exception the ingest package raises for a document it cannot read."""

from __future__ import annotations

# The codes the Django side can map to its own messages; keep them short and stable.
CODES = ("empty", "binary", "encrypted", "truncated", "too_large", "no_tasks", "unsupported", "encoding")


class IngestError(ValueError):
    """A document that cannot be turned into a PlanDraft.

    `str(error)` is a sentence for a person; `error.code` is one of CODES for a program.
    """

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown ingest error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
