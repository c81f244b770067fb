"""What a generated document says about itself: title, subject, author, language and date. The PDF's
metadata, the DOCX's and the XLSX's document properties are all written from one DocumentInfo, so a
file manager, a screen reader or an archive reads the same facts whatever the format."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import to_locale

# Who made the file, for the properties that name a program rather than a person.
GENERATOR = "taskbook"


def bcp47(language: str) -> str:
    """A Django language code as the BCP 47 tag that HTML, PDF and Office expect ("zh-hans" ->
    "zh-Hans", "en" -> "en")."""
    return to_locale(language or "en").replace("_", "-")


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    subject: str
    author: str
    language: str  # a Django language code, as the content modules keep it
    created: datetime.datetime = field(default_factory=timezone.now)

    @property
    def lang(self) -> str:
        return bcp47(self.language)

    @property
    def created_utc(self) -> datetime.datetime:
        """The moment without its zone, in UTC, as Office's core properties store it."""
        return self.created.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)

    @property
    def created_w3c(self) -> str:
        """The moment as W3C-DTF with its offset (2024-06-01T10:00:00+08:00), as PDF metadata takes it."""
        return timezone.localtime(self.created).isoformat(timespec="seconds")
