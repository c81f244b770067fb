"""Fetch a person the viewer may see (404 otherwise), or manage (403 when seen but not managed)."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from taskbook.accounts.querysets import people_visible_to
from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_manage_person


def person_for(viewer: Viewer, user_id: int) -> User:
    return get_object_or_404(people_visible_to(viewer).select_related("profile"), pk=user_id)


def person_to_manage(viewer: Viewer, user_id: int) -> User:
    person = person_for(viewer, user_id)
    if not may_manage_person(viewer, person):
        raise PermissionDenied(_("You may manage only your own unit's staff."))
    return person
