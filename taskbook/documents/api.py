"""Generated documents in the HTTP API, read only: the implementation progress reports of a plan with
their status and progress, for a client that polls while the worker builds one.

Readers as documents/access.py says: a plan the reader does not see is 404; a role that may not have
the documents (they hold every unit's reports) is 403. Answers are never cached, as the pages' are not.
"""

import datetime
from typing import Any

from django.urls import reverse
from django.views.decorators.cache import never_cache
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from taskbook.api.filters import narrow
from taskbook.api.schemas import CycleRef
from taskbook.documents.access import document_for, require_document_reader
from taskbook.documents.models import DocumentStatus, GeneratedDocument

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    plan_id: int
    cycle: CycleRef
    format: GeneratedDocument.Format
    language: str
    status: DocumentStatus
    status_label: str
    progress: int  # percent, while it is built
    error: str  # why it failed
    requested_at: datetime.datetime
    finished_at: datetime.datetime | None
    download: str | None  # the file's address once it is ready

    @staticmethod
    def resolve_status_label(obj: GeneratedDocument) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_download(obj: GeneratedDocument) -> str | None:
        if obj.status != DocumentStatus.DONE or not obj.file:
            return None
        return reverse("documents:download", args=[obj.pk])


class DocumentFilters(Schema):
    plan: int | None = None
    cycle: int | None = None
    status: DocumentStatus | None = None


@router.get("/documents/", response=list[DocumentOut])
@decorate_view(never_cache)
@paginate
def list_documents(request, filters: Query[DocumentFilters]) -> Any:
    """Documents made so far, newest first."""
    user = request.user
    # The plan is looked for first: a hidden plan is 404 before a role without documents is 403.
    documents = narrow(
        GeneratedDocument.objects.visible_to(user).select_related("cycle"),
        user,
        filters,
        {"plan": "plan", "cycle": "cycle", "status": "status"},
    )
    require_document_reader(user)
    return documents.order_by("-requested_at", "-pk")


@router.get("/documents/{document_id}", response=DocumentOut)
@decorate_view(never_cache)
def get_document(request, document_id: int) -> Any:
    """One document, to poll while it is built."""
    return document_for(request.user, document_id)
