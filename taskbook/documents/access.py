"""Fetch a generated document the user may have: 404 when its plan is hidden from the user, 403
when the user sees the plan but the role may not have its documents (they hold every unit's reports)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from taskbook.documents.models import GeneratedDocument
from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_have_progress_documents, require
from taskbook.plans.models import Plan


def require_document_reader(user: Viewer) -> None:
    require(
        may_have_progress_documents(user),
        _("Only the coordinator and leaders have implementation progress reports."),
    )


def document_for(user: Viewer, document_id: int) -> GeneratedDocument:
    document = get_object_or_404(
        GeneratedDocument.objects.filter(plan__in=Plan.objects.visible_to(user)).select_related(
            "plan", "cycle", "requested_by"
        ),
        pk=document_id,
    )
    require_document_reader(user)
    return document
