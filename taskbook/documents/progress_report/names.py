"""What the implementation progress report is called: its title in the file's properties, and the
name of a generated document's download, in the document's language."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from taskbook.documents.kit.info import GENERATOR, DocumentInfo
from taskbook.documents.models import GeneratedDocument
from taskbook.documents.progress_report.content import ProgressDocument
from taskbook.web.downloads import DownloadName


def progress_info(doc: ProgressDocument) -> DocumentInfo:
    # The office compiles the report from every unit's: the program that did is its author.
    return DocumentInfo(title=doc.title, subject=doc.kind, author=GENERATOR, language=doc.language)


def progress_download(document: GeneratedDocument) -> DownloadName:
    """The report's title as the document prints it, in the document's language whatever the page's."""
    with translation.override(document.language):
        title = _("Implementation progress report, %(plan)s, %(cycle)s") % {
            "plan": document.plan.display_title,
            "cycle": document.cycle.label,
        }
    fallback = f"progress-report-{document.plan_id}-{document.cycle.label}-{document.language}"
    return DownloadName.of(title, fallback, document.format)
