"""The language of the pages: the buttons switch both ways on every page, an address without a prefix
follows the reader's choice or their browser, and a signed-in person's stored choice agrees."""

import re

import pytest
from django.urls import reverse

from taskbook.accounts.models import Profile
from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.web.language import path_in_language
from tests.web.test_urls_by_role import ALL_EXPECTED, ROLES, urls  # noqa: F401 (the fixture)

COORDINATOR = ROLES.index("coordinator")
NEXT = re.compile(
    r'name="next" type="hidden" value="([^"]*)">\s*<button type="submit" name="language" value="([^"]+)"'
)
LANG = re.compile(r'<html lang="([^"]+)">')
PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # a browser loading a page


def _html_lang(response) -> str:
    found = LANG.search(response.content.decode())
    assert found, response
    return found.group(1)


def _next_for(response, language: str) -> str:
    """The address the page's button for `language` goes back to (its value as the form sends it)."""
    targets = {code: value.replace("&amp;", "&") for value, code in NEXT.findall(response.content.decode())}
    return targets[language]


def _switch(client, page, language: str) -> str:
    """Press `language`'s button on `page`; the address it sends the reader to."""
    response = client.post(reverse("set_language"), {"language": language, "next": _next_for(page, language)})
    assert response.status_code == 302
    return response.url


def test_path_in_language():
    assert path_in_language("/plans/3/?a=1&b=2", "zh-hans") == "/zh-hans/plans/3/?a=1&b=2"
    assert path_in_language("/zh-hans/plans/3/?a=1", "en") == "/plans/3/?a=1"
    assert path_in_language("/zh-hans/", "en") == "/"
    assert path_in_language("/", "zh-hans") == "/zh-hans/"
    assert path_in_language("/zh-hans/plans/", "zh-hans") == "/zh-hans/plans/"


def test_the_switch_works_both_ways_on_every_page(client, people, urls):  # noqa: F811
    """Every page the coordinator opens (the URL-by-role test's addresses): to Chinese and back to
    English, each landing on the same page in the language chosen."""
    client.force_login(people.alice)
    pages = [
        path
        for name, path in urls.items()
        if ALL_EXPECTED[name][0] == "GET" and ALL_EXPECTED[name][1][COORDINATOR] == 200
    ]
    checked = 0
    for path in pages:
        english = client.get(path)
        if not english["Content-Type"].startswith("text/html") or b"langswitch" not in english.content:
            continue  # a download, a feed or the API
        assert _html_lang(english) == "en", path
        chinese_path = _switch(client, english, "zh-hans")
        assert chinese_path == path_in_language(path, "zh-hans") and chinese_path.startswith("/zh-hans/")
        chinese = client.get(chinese_path)
        assert chinese.status_code == 200 and _html_lang(chinese) == "zh-hans", chinese_path
        back = _switch(client, chinese, "en")
        assert back == path, (chinese_path, back)
        again = client.get(back)
        assert again.status_code == 200 and _html_lang(again) == "en", back
        checked += 1
    assert checked >= 30, checked  # every area's pages, not a few


def test_the_switch_keeps_the_query(client, people, plan):
    client.force_login(people.alice)
    page = client.get("/audit/?q=plan&page=1")
    assert _next_for(page, "zh-hans") == "/zh-hans/audit/?q=plan&page=1"
    chinese = client.get(_switch(client, page, "zh-hans"))
    assert _next_for(chinese, "en") == "/audit/?q=plan&page=1"
    assert _switch(client, chinese, "en") == "/audit/?q=plan&page=1"


def test_english_sticks_on_a_chinese_browser(client, people, plan):
    """The bug of issue 9: English pressed on a /zh-hans/ page came back Chinese."""
    client.force_login(people.alice)
    chinese = client.get("/zh-hans/plans/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9", HTTP_ACCEPT=PAGE)
    target = _switch(client, chinese, "en")
    landed = client.get(target, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9", HTTP_ACCEPT=PAGE)
    assert target == "/plans/" and landed.status_code == 200 and _html_lang(landed) == "en"


@pytest.mark.parametrize("header", ["zh-CN", "zh", "zh-Hans", "zh-TW", "zh-CN,zh;q=0.9,en;q=0.8"])
def test_a_browser_that_prefers_chinese_gets_chinese(client, people, plan, header):
    client.force_login(people.alice)
    response = client.get("/plans/?page=1", HTTP_ACCEPT_LANGUAGE=header, HTTP_ACCEPT=PAGE)
    assert response.status_code == 302 and response.url == "/zh-hans/plans/?page=1"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    assert _html_lang(client.get(response.url, HTTP_ACCEPT_LANGUAGE=header)) == "zh-hans"


def test_a_browser_that_prefers_english_stays_unprefixed(client, people, plan):
    client.force_login(people.alice)
    response = client.get("/plans/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,zh;q=0.5", HTTP_ACCEPT=PAGE)
    assert response.status_code == 200 and _html_lang(response) == "en"


def test_a_chosen_language_beats_the_browser(client, people, plan):
    client.force_login(people.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/plans/"})
    response = client.get("/plans/", HTTP_ACCEPT_LANGUAGE="zh-CN", HTTP_ACCEPT=PAGE)
    assert response.status_code == 200 and _html_lang(response) == "en"
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/zh-hans/plans/"})
    assert (
        client.get("/plans/", HTTP_ACCEPT=PAGE).url == "/zh-hans/plans/"
    )  # a link without the prefix, after choosing Chinese


def test_the_sign_in_page_and_the_error_pages_follow_the_browser(client, people, plan):
    signin = client.get("/login/?next=/plans/", HTTP_ACCEPT_LANGUAGE="zh-CN", HTTP_ACCEPT=PAGE)
    assert signin.status_code == 302 and signin.url == "/zh-hans/login/?next=/plans/"
    page = client.get(signin.url, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert _html_lang(page) == "zh-hans" and "登录" in page.content.decode()
    missing = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert missing.status_code == 404 and _html_lang(missing) == "zh-hans"
    assert _html_lang(client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")) == "en"


def test_a_form_posted_to_an_unprefixed_address_is_not_redirected(client, people, plan):
    client.force_login(people.alice)
    response = client.post(reverse("plans:import"), {}, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 400  # refused where it was sent, with its reason


def test_an_address_without_its_slash_still_reaches_the_page(client, people, plan):
    client.force_login(people.alice)
    response = client.get("/plans", HTTP_ACCEPT_LANGUAGE="zh-CN", HTTP_ACCEPT=PAGE)
    assert response.status_code == 302 and response.url == "/zh-hans/plans/"
    assert client.get("/plans", HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT=PAGE).url == "/plans/"


@pytest.mark.parametrize("accept", ["*/*", "text/calendar", ""])
def test_a_client_that_asks_for_no_page_is_answered_where_it_asked(client, people, plan, accept):
    """A calendar application fetching its feed, a script: no redirect it might not follow."""
    client.force_login(people.alice)
    response = client.get("/plans/", HTTP_ACCEPT_LANGUAGE="zh-CN", HTTP_ACCEPT=accept)
    assert response.status_code == 200 and _html_lang(response) == "en"


def test_the_switch_stores_a_signed_in_persons_choice(client, people, plan):
    client.force_login(people.sam)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/plans/"})
    assert Profile.objects.get(user=people.sam).language == "zh-hans"
    client.post(reverse("set_language"), {"language": "en", "next": "/zh-hans/plans/"})
    assert Profile.objects.get(user=people.sam).language == "en"
    changes = AuditEvent.objects.filter(action=Event.USER_LANGUAGE, object_id=str(people.sam.pk))
    assert changes.count() == 2
    assert client.get(reverse("accounts:me")).context["form"].initial["language"] == "en"


def test_an_anonymous_switch_only_sets_the_cookie(client, people, plan):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/login/"})
    assert response.url == "/zh-hans/login/" and response.cookies["django_language"].value == "zh-hans"
    assert not AuditEvent.objects.filter(action=Event.USER_LANGUAGE).exists()


def test_signing_in_brings_the_stored_language(client, people, plan):
    from taskbook.accounts.actions import set_language

    set_language(people.sam, people.sam, "zh-hans")
    response = client.post("/login/?next=/plans/", {"username": "sam", "password": "pw-sam"})
    assert response.status_code == 302 and response.url == "/zh-hans/plans/"
    assert response.cookies["django_language"].value == "zh-hans"
    assert _html_lang(client.get("/plans/", follow=True, HTTP_ACCEPT=PAGE)) == "zh-hans"


def test_signing_in_without_a_stored_language_keeps_the_browsers(client, people, plan):
    response = client.post("/zh-hans/login/?next=/zh-hans/plans/", {"username": "sam", "password": "pw-sam"})
    assert response.status_code == 302 and response.url == "/zh-hans/plans/"
    assert "django_language" not in response.cookies
