"""Headers and caching (finding 12): a strict Content-Security-Policy that the pages keep (no inline
script or style), Permissions-Policy, `Cache-Control: no-store` on whatever a signed-in user gets,
and feed tokens kept out of the logs."""

import base64
import hashlib
import logging
import re
from pathlib import Path

from django.urls import reverse

from taskbook.web.logs import AccessLogger, MaskFeedTokens

PACKAGE = Path(__file__).resolve().parents[2] / "taskbook"
INLINE = re.compile(
    r"""\sstyle=|\son[a-z]+=|javascript:|<script(?![^>]*\ssrc=)(?![^>]*type="application/json")"""
)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_policy_is_strict(client, people):
    client.force_login(people.sam)
    policy = _policy(client.get(reverse("plans:list")))
    assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert not any("unsafe" in source or source == "*" for sources in policy.values() for source in sources)


def test_no_template_holds_an_inline_script_or_style(client):
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in PACKAGE.rglob("templates/**/*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if INLINE.search(line)
    ]
    assert not found, found


def test_the_road_maps_own_style_sheet_is_allowed_by_its_hash(client, people, plan, workplan):
    client.force_login(people.alice)
    response = client.get(reverse("roadmaps:plan", args=[plan.pk]))
    styles = set(re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S))
    assert styles, "the road map draws its SVGs with their style sheet"
    allowed = _policy(response)["style-src"]
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_every_response_has_a_permissions_policy(client, people):
    for response in (client.get(reverse("login")), client.get("/api/plans/")):
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_nothing_a_signed_in_user_gets_is_stored(client, people, plan, workplan):
    client.force_login(people.sam)
    for url in (
        reverse("plans:detail", args=[plan.pk]),
        "/api/plans/",
        reverse("bulk:export_csv", args=[plan.pk, people.commerce.pk]),
        reverse("documents:taskbook_docx", args=[plan.pk, people.commerce.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_a_feed_token_is_masked_in_djangos_log_lines():
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", ("/feeds/s3cr3t-Tok_en.ics",), None
    )
    assert MaskFeedTokens().filter(record) is True
    assert record.getMessage() == "Not Found: /feeds/[token].ics"
    console = next(
        h for h in logging.getLogger().handlers if any(isinstance(f, MaskFeedTokens) for f in h.filters)
    )
    assert console is not None


def test_a_feed_token_is_masked_in_gunicorns_access_log():
    import datetime

    from gunicorn.config import Config

    class Response:
        status, sent, headers = "200 OK", 10, []

    class Request:
        headers: list = []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/feeds/s3cr3t-Tok_en.ics",
        "PATH_INFO": "/feeds/s3cr3t-Tok_en.ics",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
    }
    atoms = AccessLogger(Config()).atoms(Response(), Request(), environ, datetime.timedelta(seconds=1))
    assert atoms["r"] == "GET /feeds/[token].ics HTTP/1.1" and atoms["U"] == "/feeds/[token].ics"
    assert "s3cr3t" not in str(atoms)
