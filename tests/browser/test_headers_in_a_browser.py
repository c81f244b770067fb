"""The Content-Security-Policy in a real browser (finding 12): the pages of every role's day load
with no violation in the console, and the API docs render from packaged files with the network shut
(finding 12); the error pages look like the product (finding 14a)."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import shoot
from tests.browser.test_taskbook_flow import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    """Console errors and page errors as they come (a CSP violation is a console error)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def _offline(page, base: str) -> list[str]:
    """Refuse every request to a host other than the test server's, and say which were tried."""
    host = urlsplit(base).netloc
    tried: list[str] = []

    def route(r):
        if urlsplit(r.request.url).netloc == host:
            r.continue_()
        else:
            tried.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return tried


def test_pages_load_with_no_policy_violation(live_server, page, people, plan, workplan, reporting):
    base = live_server.url
    problems, tried = _watch(page), _offline(page, base)
    sign_in(page, base, "alice")
    for path in (
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/roadmap/plan/{plan.pk}/",
        "/dashboards/",
        "/audit/",
        "/plans/import/",
        f"/dashboards/summary/{plan.pk}/",
        f"/reports/{reporting.reports['1'].pk}/",
        "/zh-hans/plans/",
    ):
        response = page.goto(base + path)
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert page.locator("header.topbar").count() == 1, path
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    assert not tried


def test_the_api_docs_render_offline_for_a_signed_in_user(live_server, page, people):
    base = live_server.url
    problems, tried = _watch(page), _offline(page, base)
    page.goto(f"{base}/api/docs")
    assert "/login/" in page.url  # not for the public
    sign_in(page, base, "sam")
    page.goto(f"{base}/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "taskbook" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 10  # the endpoints are listed
    shoot(page, "api-docs")
    assert not tried, tried
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_the_error_pages_look_like_the_product(live_server, page, people):
    base = live_server.url
    problems = _watch(page)
    sign_in(page, base, "sam")
    for prefix, heading in (("", "Page not found"), ("/zh-hans", "页面不存在")):
        response = page.goto(f"{base}{prefix}/plans/987654/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == heading
        assert page.locator("header.topbar nav").count() == 1
        shoot(page, f"error-404{prefix.replace('/', '-')}")
    page.locator(".way-back a").first.click()
    assert not [p for p in problems if "Content Security Policy" in p], problems
