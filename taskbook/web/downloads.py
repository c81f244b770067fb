"""Every document download goes out through `attachment`: the file under its readable name in the
document's language ("深圳市商务局 任务书 2023-2025.pdf"), with an ASCII fallback for the clients that
read only `filename=` (RFC 6266, with RFC 5987's `filename*` for the UTF-8 name)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import IO, overload
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# Characters that Windows or macOS refuse in a file name; control characters go too.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
# RFC 5987's attr-char besides letters and digits: everything else is percent-encoded.
_ATTR_CHARS = "!#$&+-.^_`|~"
MAX_STEM = 150  # characters before the extension: file systems allow 255 bytes, archives fewer


def _readable(title: str) -> str:
    text = unicodedata.normalize("NFC", title).replace("–", "-").replace("—", "-")
    text = " ".join(_FORBIDDEN.sub(" ", text).split())
    return text[:MAX_STEM].rstrip(" .") or "document"


def _ascii(name: str) -> str:
    return _NOT_ASCII_SAFE.sub("-", name).strip("-.") or "document"


@dataclass(frozen=True)
class DownloadName:
    readable: str  # the name a reader sees, in the document's language
    fallback: str  # ASCII letters, digits, ".", "_" and "-" only
    extension: str

    @classmethod
    def of(cls, title: str, fallback: str, extension: str) -> DownloadName:
        """`title` and `fallback` without the extension; whatever a file name cannot hold is replaced."""
        return cls(_readable(title), _ascii(fallback), extension)

    @property
    def filename(self) -> str:
        return f"{self.readable}.{self.extension}"

    @property
    def content_disposition(self) -> str:
        """The readable name for every client that reads `filename*` (all browsers in use), the
        fallback, the same in every language, for the rest (curl -J, some mail gateways)."""
        encoded = quote(self.filename, safe=_ATTR_CHARS)
        return f"attachment; filename=\"{self.fallback}.{self.extension}\"; filename*=UTF-8''{encoded}"


@overload
def attachment(content: bytes, name: DownloadName) -> HttpResponse: ...
@overload
def attachment(content: IO[bytes], name: DownloadName) -> FileResponse: ...
def attachment(content: bytes | IO[bytes], name: DownloadName) -> HttpResponse | FileResponse:
    """The response that downloads `content` (bytes, or an open file that is streamed) as `name`."""
    media_type = MEDIA_TYPES[name.extension]
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=media_type)
    else:
        response = FileResponse(content, content_type=media_type)
    response["Content-Disposition"] = name.content_disposition
    return response
