"""What the responsibility matrix is called: its title in the workbook's properties, and its file
name."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taskbook.documents.kit.info import GENERATOR, DocumentInfo
from taskbook.plans.responsibility import Matrix
from taskbook.web.downloads import DownloadName


def matrix_title(matrix: Matrix) -> str:
    return _("Responsibility matrix, %(plan)s") % {"plan": matrix.plan_title}


def matrix_info(matrix: Matrix) -> DocumentInfo:
    """In the current language: the matrix is gathered in it."""
    return DocumentInfo(
        title=matrix_title(matrix),
        subject=_("Responsibility matrix"),
        author=GENERATOR,
        language=get_language() or "en",
    )


def matrix_download(matrix: Matrix) -> DownloadName:
    return DownloadName.of(matrix_title(matrix), f"responsibility-{matrix.plan_id}", "xlsx")
