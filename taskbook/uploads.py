"""Checks on uploaded files by their content, not their name: evidence, spreadsheets, documents."""

import io
import zipfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taskbook.errors import ActionError
from taskbook.ingest.errors import IngestError
from taskbook.ingest.limits import Limits, check_zip
from taskbook.values import text_value


def max_upload_bytes() -> int:
    """The largest file anyone may upload, of any kind: plan documents, evidence, spreadsheets
    (the setting UPLOAD_MAX_BYTES)."""
    return int(settings.UPLOAD_MAX_BYTES)


def read_uploaded(upload: UploadedFile | None) -> tuple[bytes, str]:
    """The bytes and name of a form's uploaded file, read up to one byte past the limit (enough to
    tell that a file is too large without reading all of it); ActionError when none was chosen."""
    if upload is None:
        raise ActionError(_("Choose a file to upload."), field="file")
    return upload.read(max_upload_bytes() + 1), upload.name or ""


def max_upload_mb() -> int:
    return max_upload_bytes() // 1024 // 1024


def check_size(size: int) -> None:
    """Refuse a file larger than the limit, naming both sizes."""
    if size > max_upload_bytes():
        raise ActionError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": size / 1024 / 1024, "limit": max_upload_mb()},
            field="file",
        )


def reading_limits() -> Limits:
    """What reading one upload may cost, from the settings (see the README)."""
    return Limits(
        unpacked_bytes=int(settings.UPLOAD_MAX_UNPACKED_BYTES),
        zip_parts=int(settings.UPLOAD_MAX_PARTS),
        pdf_pages=int(settings.PDF_MAX_PAGES),
        pdf_seconds=int(settings.PDF_MAX_SECONDS),
        pdf_memory_bytes=int(settings.PDF_MAX_MEMORY_BYTES),
    )


def limit_message(exc: IngestError) -> str | None:
    """The refusal of a file over one of the reading limits, in the reader's words with the limit; None
    for any other fault."""
    messages = {
        "too_large_unpacked": _(
            "This file unpacks to more than %(limit)s MB (a Word or Excel file is a compressed archive); "
            "it cannot be read safely. Remove large pictures or split it."
        ),
        "too_many_parts": _(
            "This file holds more than %(limit)s parts (a Word or Excel file is an archive of parts); "
            "it cannot be read safely."
        ),
        "too_many_pages": _("This PDF has more than %(limit)s pages; split it into smaller files."),
        "too_complex": _(
            "This PDF could not be read within %(limit)s seconds and the memory it is given; it may be "
            "damaged or deliberately oversized. Save it again as PDF, or upload it as Word."
        ),
    }
    message = messages.get(exc.code)
    return message % {"limit": exc.limit} if message else None


def check_archive(data: bytes) -> None:
    """Refuse a DOCX/XLSX whose parts add up to more than the limit, or that has too many, before
    anything unpacks it."""
    try:
        check_zip(zipfile.ZipFile(io.BytesIO(data)), "", reading_limits())
    except zipfile.BadZipFile:
        return  # not a zip after all: sniff() says what it is
    except IngestError as exc:
        raise ActionError(limit_message(exc) or exc.message, field="file") from exc


# kind: (what a person calls it, the extensions that file names of that kind carry)
KINDS = {
    "pdf": ("PDF", {".pdf"}),
    "png": ("PNG", {".png"}),
    "jpeg": ("JPEG", {".jpg", ".jpeg"}),
    "docx": ("Word", {".docx"}),
    "xlsx": ("Excel", {".xlsx"}),
    "text": (gettext_lazy("text in UTF-8 or GB18030"), {".txt", ".csv", ".md"}),
}
EVIDENCE_KINDS = {"pdf", "png", "jpeg", "docx", "xlsx", "text"}


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are, whatever its name says."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    if b"\x00" in data[:4096]:
        return None
    return "text" if any(_reads_as(data, codec) for codec in TEXT_ENCODINGS) else None


# Text is read in UTF-8, or in GB18030 (GBK), which Chinese Windows saves text and CSV files in.
TEXT_ENCODINGS = ("utf-8", "gb18030")


def _reads_as(data: bytes, codec: str) -> bool:
    """The start of `data` decodes in `codec`; a character cut at the end of the sample is no fault."""
    sample = data[:65536]
    try:
        sample.decode(codec)
    except UnicodeDecodeError as exc:
        return len(data) > len(sample) and exc.start >= len(sample) - 4
    return True


FILE_NAME_LIMIT = 255  # the name kept with an upload (Evidence.name, PlanImport.source_name...)


def check_name(filename: str) -> str:
    """The name of an uploaded file, refused when longer than the name that is kept (never cut)."""
    return text_value(filename, "file", FILE_NAME_LIMIT, _("The file name"))


def check_upload(data: bytes, filename: str, kinds: set[str]) -> str:
    """The file's kind if it is one of `kinds` and small enough; otherwise an ActionError saying why."""
    check_name(filename)
    if not data:
        raise ActionError(_("The file is empty."), field="file")
    check_size(len(data))
    kind = sniff(data)
    allowed = ", ".join(sorted(str(KINDS[k][0]) for k in kinds))
    if kind not in kinds:
        raise ActionError(
            _("This file's content is not an accepted kind (%(allowed)s).") % {"allowed": allowed},
            field="file",
        )
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    if suffix not in KINDS[kind][1]:
        raise ActionError(
            _("The file name ends in “%(suffix)s” but its content is %(kind)s.")
            % {"suffix": suffix or "—", "kind": KINDS[kind][0]},
            field="file",
        )
    if kind in ("docx", "xlsx"):
        check_archive(data)
    return kind
