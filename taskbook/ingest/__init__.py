"""Plan documents to PlanDrafts: pure Python, no Django.

from taskbook.ingest import extract_file, extract_bytes, IngestError
"""

from .draft import PlanDraft, SectionDraft, TargetDraft, TaskDraft, UnitDraft
from .errors import IngestError
from .extract import extract_bytes, extract_file
from .readers import MAX_BYTES

__all__ = [
    "MAX_BYTES",
    "IngestError",
    "PlanDraft",
    "SectionDraft",
    "TargetDraft",
    "TaskDraft",
    "UnitDraft",
    "extract_bytes",
    "extract_file",
]
