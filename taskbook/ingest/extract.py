"""The pipeline: bytes → Document → blocks → outline → PlanDraft."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .blocks import make_blocks
from .draft import PlanDraft
from .errors import IngestError
from .language import detect_language
from .limits import DEFAULT, Limits
from .metadata import read_metadata
from .readers import MAX_BYTES, read_document
from .structure import build_sections
from .units import cluster


def extract_bytes(
    data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES, limits: Limits = DEFAULT
) -> PlanDraft:
    """Read a plan document (txt, md, docx, pdf, html) of at most `max_bytes`, within `limits`, into a
    PlanDraft.

    Raises IngestError (with a `code`) for a document that cannot be read or holds no task.
    """
    document = read_document(data, filename, max_bytes=max_bytes, limits=limits)
    blocks = make_blocks(document)
    meta = read_metadata(blocks, document.title_hint)
    body = blocks[meta.title_blocks : meta.tail_start]
    sections, warnings = build_sections(body)
    text = document.text
    name = Path(filename).name if filename else ""
    if not any(section.tasks for section in sections):
        raise IngestError(
            "no_tasks",
            f"no task was found in {name or 'the document'}: no numbered item carries a responsibility "
            'annotation such as "(Lead unit: …)" or "（牵头单位：…）", and no table has a '
            "responsible-unit column.",
        )
    plan = PlanDraft(
        title=meta.title,
        language=detect_language(text),
        sections=sections,
        issuing_body=meta.issuing_body,
        period_start=meta.period_start,
        period_end=meta.period_end,
        source_name=name,
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format=document.format,
        text=text,
        warnings=document.warnings + warnings,
    )
    names = [u for task in plan.tasks for u in task.lead_units + task.participating_units]
    plan.units = cluster(names, context=f"{meta.title}\n{text}")
    return plan


def extract_file(path: str | Path) -> PlanDraft:
    """extract_bytes for a file on disk (its size is checked before it is read)."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(
            "too_large", f"{path.name} is {size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB."
        )
    return extract_bytes(path.read_bytes(), path.name)
