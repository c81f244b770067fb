"""Fetch a unit the user may see (404 otherwise)."""

from django.shortcuts import get_object_or_404

from taskbook.orgs.actors import Viewer
from taskbook.orgs.models import Unit


def unit_for(user: Viewer, unit_id: int) -> Unit:
    return get_object_or_404(Unit.objects.visible_to(user), pk=unit_id)
