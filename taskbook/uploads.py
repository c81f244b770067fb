"""Checks on uploaded files by their content, not their name: evidence, spreadsheets, documents."""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taskbook.errors import ActionError


def max_upload_bytes() -> int:
    """The largest file anyone may upload, of any kind: plan documents, evidence, spreadsheets
    (the setting UPLOAD_MAX_BYTES)."""
    return int(settings.UPLOAD_MAX_BYTES)


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


# kind: (what a person calls it, the extensions that file names of that kind carry)
KINDS = {
    "pdf": ("PDF", {".pdf"}),
    "png": ("PNG", {".png"}),
    "jpeg": ("JPEG", {".jpg", ".jpeg"}),
    "docx": ("Word", {".docx"}),
    "xlsx": ("Excel", {".xlsx"}),
    "text": (gettext_lazy("text"), {".txt", ".csv", ".md"}),
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
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < 65530:  # a cut in the middle of the last character is not an error
            return None
    return "text"


def check_upload(data: bytes, filename: str, kinds: set[str]) -> str:
    """The file's kind if it is one of `kinds` and small enough; otherwise an ActionError saying why."""
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
    return kind
