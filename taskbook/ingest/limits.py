"""How much reading one uploaded document may cost, and the checks that keep it there.

A DOCX or XLSX is a zip: a 2.5 MB file can unpack to gigabytes (a zip bomb), so its parts are counted and
their sizes added up from the zip's directory before anything is parsed (Python's zipfile never gives
more bytes of a part than the directory declares, so the declared sizes are the real bound). A PDF is
read in a separate process with limits on its pages, its memory and its time (pdf_sandbox.py), so a PDF
bomb costs that process, never the one that asked.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from .errors import IngestError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int = 100 * MB  # the parts of a DOCX/XLSX, added up
    zip_parts: int = 2000  # entries of a DOCX/XLSX (a plan has tens; each picture is one)
    pdf_pages: int = 500
    pdf_seconds: int = 30  # wall-clock time of reading one PDF, its CPU time too
    pdf_memory_bytes: int = 768 * MB  # the address space of the process that reads it

    def __post_init__(self) -> None:
        for name in ("unpacked_bytes", "zip_parts", "pdf_pages", "pdf_seconds", "pdf_memory_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"the limit {name} must be at least 1")


DEFAULT = Limits()


def check_zip(archive: zipfile.ZipFile, name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a zip of more parts, or of parts adding up to more bytes, than the limits allow."""
    infos = archive.infolist()
    if len(infos) > limits.zip_parts:
        raise IngestError(
            "too_many_parts",
            f"{name or 'the file'} holds {len(infos)} parts; the limit is {limits.zip_parts}.",
            limit=limits.zip_parts,
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.unpacked_bytes:
        raise IngestError(
            "too_large_unpacked",
            f"{name or 'the file'} unpacks to {unpacked / MB:.0f} MB; the limit is "
            f"{limits.unpacked_bytes // MB} MB.",
            limit=limits.unpacked_bytes // MB,
        )
