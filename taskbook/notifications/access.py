"""Fetch a webhook the user manages (404 otherwise: an address holds the robot's secret key)."""

from django.shortcuts import get_object_or_404

from taskbook.notifications.models import Webhook
from taskbook.orgs.actors import Viewer


def webhook_for(user: Viewer, webhook_id: int) -> Webhook:
    return get_object_or_404(Webhook.objects.visible_to(user), pk=webhook_id)
