"""A webhook saved from a page that showed an older version is refused with 409, both versions shown:
two admins switching it on and off, or editing it, at once. And the edit page itself."""

import pytest
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.notifications.actions import create_webhook, set_webhook_active, update_webhook
from taskbook.notifications.models import Webhook
from taskbook.versions import ConflictError

# A key no CSRF token or page text could hold by chance, so its absence from a page means something.
KEY = "robot-key-one-8f3a"
ADDRESS = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"


@pytest.fixture
def hook(people):
    return create_webhook(
        people.alice, name="Commerce group", kind="wecom", url=ADDRESS, unit=people.commerce
    )


def _events(hook) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="notifications.webhook", object_id=hook.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_stale_switch_is_refused_with_both_versions(client, people, hook):
    """Carl and the coordinator both see it active (version 1); Carl switches it off, then on again;
    the coordinator's "deactivate" from the page she loaded before is refused."""
    client.force_login(people.carl)
    off = reverse("notifications:webhook_deactivate", args=[hook.pk])
    on = reverse("notifications:webhook_activate", args=[hook.pk])
    assert client.post(off, {"version": 1}).status_code == 302
    assert client.post(on, {"version": 2}).status_code == 302
    client.force_login(people.alice)
    response = client.post(off, {"version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved meanwhile by someone else" in html and "Both versions are shown" in html
    assert "to deactivate “Commerce group”" in html  # hers
    assert "Commerce group · WeCom robot" in html and ADDRESS in html  # as it is now: active, version 3
    hook.refresh_from_db()
    assert (hook.active, hook.version) == (True, 3)
    assert _events(hook) == ["webhook.create", "webhook.deactivate", "webhook.activate"]


def test_a_unit_admin_sees_the_address_masked_in_a_conflict(client, people, hook):
    set_webhook_active(people.alice, hook, False, version=1)
    client.force_login(people.carl)
    response = client.post(reverse("notifications:webhook_deactivate", args=[hook.pk]), {"version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "https://qyapi.weixin.qq.com/…" in html and KEY not in html


def test_a_stale_edit_is_refused_with_both_versions(client, people, hook):
    url = reverse("notifications:webhook_edit", args=[hook.pk])
    client.force_login(people.carl)
    assert 'name="version" value="1"' in client.get(url).content.decode()
    assert client.post(url, {"version": 1, "name": "Commerce office", "kind": "wecom"}).status_code == 302
    client.force_login(people.alice)
    response = client.post(url, {"version": 1, "name": "Commerce bureau", "kind": "dingtalk"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved meanwhile by someone else" in html
    assert "<dd>Commerce office</dd>" in html and "<dd>WeCom robot</dd>" in html  # theirs
    assert 'value="Commerce bureau"' in html  # hers, still in the form
    hook.refresh_from_db()
    assert (hook.name, hook.kind, hook.version) == ("Commerce office", "wecom", 2)
    # Saving again, having seen theirs, goes through.
    assert 'name="version" value="2"' in html
    assert client.post(url, {"version": 2, "name": "Commerce bureau", "kind": "dingtalk"}).status_code == 302
    hook.refresh_from_db()
    assert (hook.name, hook.kind, hook.version) == ("Commerce bureau", "dingtalk", 3)


def test_the_actions_refuse_a_stale_version(people, hook):
    update_webhook(people.carl, hook, version=1, name="New name", kind="wecom")
    with pytest.raises(ConflictError) as stale:
        set_webhook_active(people.alice, hook, False, version=1)
    assert stale.value.current["name"] == "New name" and stale.value.current["version"] == 2
    with pytest.raises(ConflictError):
        update_webhook(people.alice, hook, version=1, name="Other", kind="wecom")
    hook.refresh_from_db()
    assert (hook.name, hook.active) == ("New name", True)


def test_editing_keeps_or_replaces_the_address_and_checks_it(client, people, hook):
    url = reverse("notifications:webhook_edit", args=[hook.pk])
    client.force_login(people.carl)
    page = client.get(url).content.decode()
    assert (
        '<code class="address">https://qyapi.weixin.qq.com/…</code>' in page and KEY not in page
    )  # a unit admin's view
    assert client.post(url, {"version": 1, "name": "Renamed", "kind": "wecom", "url": ""}).status_code == 302
    hook.refresh_from_db()
    assert (hook.name, hook.url) == ("Renamed", ADDRESS)  # empty: the address is kept
    response = client.post(url, {"version": 2, "name": "Renamed", "kind": "wecom", "url": "http://10.0.0.8/"})
    assert response.status_code == 400
    assert "Webhooks go to public hosts only: 10.0.0.8 is a private address" in response.content.decode()
    new = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key-two-61c0"
    assert client.post(url, {"version": 2, "name": "Renamed", "kind": "wecom", "url": new}).status_code == 302
    hook.refresh_from_db()
    assert hook.url == new and hook.version == 3
    event = AuditEvent.objects.filter(action="webhook.update").order_by("pk").last()
    assert event.before["url"] == event.after["url"] == "https://qyapi.weixin.qq.com/…"
    assert KEY not in str(event.before) and "robot-key-two-61c0" not in str(event.after)


def test_another_units_admin_cannot_edit(client, people, hook):
    client.force_login(people.paula)
    url = reverse("notifications:webhook_edit", args=[hook.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 1, "name": "Mine", "kind": "wecom"}).status_code == 404
    assert Webhook.objects.get().name == "Commerce group"
