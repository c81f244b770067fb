"""What the task book is called: its title and author in the file's properties, and its file name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from taskbook.documents.kit.info import DocumentInfo
from taskbook.documents.task_book.content import TaskBookDocument
from taskbook.web.downloads import DownloadName


def taskbook_info(doc: TaskBookDocument) -> DocumentInfo:
    return DocumentInfo(
        title=f"{doc.title} — {doc.plan_heading}",
        subject=_("Task book"),
        author=doc.unit_name,  # the unit signs it
        language=doc.language,
    )


def taskbook_download(doc: TaskBookDocument, extension: str) -> DownloadName:
    """ "深圳市商务局 任务书 2023-2025", "Task book, Municipal Bureau of Commerce, 2023-2025"."""
    if doc.plan_period:
        title = _("Task book, %(unit)s, %(period)s") % {"unit": doc.unit_name, "period": doc.plan_period}
    else:
        title = _("Task book, %(unit)s") % {"unit": doc.unit_name}
    return DownloadName.of(title, doc.filename(extension).removesuffix(f".{extension}"), extension)
