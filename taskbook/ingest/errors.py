"""The one exception the ingest package raises for a document it cannot read."""

from __future__ import annotations

# The codes the Django side can map to its own messages; keep them short and stable.
CODES = (
    "empty",
    "binary",
    "encrypted",
    "truncated",
    "too_large",
    "no_tasks",
    "unsupported",
    "encoding",
    "needs_ocr",  # a PDF without a text layer: a scan
    "too_large_unpacked",  # a DOCX/XLSX whose parts add up to more than the limit (a zip bomb)
    "too_many_parts",  # a DOCX/XLSX of more entries than the limit
    "too_many_pages",  # a PDF of more pages than the limit
    "too_complex",  # a PDF whose reading ran out of the time or memory it is given
)


class IngestError(ValueError):
    """A document that cannot be turned into a PlanDraft.

    `str(error)` is a sentence for a person; `error.code` is one of CODES for a program, and `limit`
    the bound that was passed, for the codes of limits (in MB, parts, pages or seconds).
    """

    def __init__(self, code: str, message: str, *, limit: int | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown ingest error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.limit = limit
