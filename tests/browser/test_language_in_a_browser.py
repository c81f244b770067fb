"""The language switch as a reader meets it: a browser set to Chinese gets Chinese, its reader presses
English and stays in English from page to page, then presses 简体中文 and is back in Chinese."""

import pytest

from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chinese_browser_switches_to_english_and_back(live_server, browser, people, plan):
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{base}/login/?next=/plans/")
        assert page.url == f"{base}/zh-hans/login/?next=/plans/"
        page.locator("input[name=username]").fill("sam")
        page.locator("input[name=password]").fill("pw-sam")
        page.locator("main").locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "zh-hans", page.url

        page.locator(".langswitch button[value=en]").click()
        page.wait_for_load_state()
        assert page.url == f"{base}/plans/" and page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("link", name="Reports").click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{base}/reports/") and page.locator("html").get_attribute("lang") == "en"
        shoot(page, "language-english-on-a-chinese-browser")

        page.locator(".langswitch button[value=zh-hans]").click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{base}/zh-hans/reports/")
        assert page.locator("html").get_attribute("lang") == "zh-hans"
    finally:
        context.close()
