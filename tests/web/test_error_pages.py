"""The 400, 403, 404 and 500 pages (finding 14a): in the product's layout, in the reader's language,
with a way back, and nothing of the fault (DEBUG is off in the tests, as in production)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.urls("tests.web.error_urls")


def _page(client, path: str, status: int) -> str:
    response = client.get(path, HTTP_REFERER="http://testserver/plans/")
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="topbar"' in html and 'class="way-back"' in html  # the layout, and a way back
    assert "secret detail" not in html and "Traceback" not in html
    return html


def test_debug_is_off(settings):
    assert settings.DEBUG is False


@pytest.mark.parametrize(
    ("path", "status", "english", "chinese"),
    [
        ("/fail/400/", 400, "Bad request", "请求有误"),
        ("/fail/403/", 403, "Not allowed", "无权操作"),
        ("/no/such/page/", 404, "Page not found", "页面不存在"),
        ("/fail/500/", 500, "Something went wrong", "出错了"),
    ],
)
def test_each_error_page_in_both_languages(db, path, status, english, chinese):
    client = Client(raise_request_exception=False)
    html = _page(client, path, status)
    assert english in html and 'href="http://testserver/plans/"' in html and 'href="/"' in html
    html = _page(client, "/zh-hans" + path, status)
    assert chinese in html and 'lang="zh-hans"' in html


def test_a_missing_object_is_a_404_page_for_a_signed_in_user(client, people):
    client.force_login(people.sam)
    html = _page(client, "/plans/987654/", 404)
    assert "Page not found" in html and people.sam.first_name in html  # the signed-in layout


def test_a_back_link_never_leads_to_another_site(db):
    html = Client().get("/no/such/page/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in html


def test_a_form_without_its_token_gets_the_products_page(db):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()


def test_the_500_page_stands_when_the_layout_cannot_be_drawn(db, monkeypatch):
    def broken(user):
        raise RuntimeError("the database is down")

    monkeypatch.setattr("taskbook.web.context.roles_of", broken)
    response = Client(raise_request_exception=False).get("/fail/500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "the database is down" not in html
