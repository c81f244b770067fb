"""Finding 2 in a browser: five wrong passwords lock the account, the page says so in words, and the
right password is then refused until the coordinator unlocks it. Each browser comes through a trusted
proxy that names its address, so that the coordinator is not behind the guesser's locked address."""

import pytest

from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAM, ALICE = "198.51.100.20", "198.51.100.30"


def try_password(page, base: str, username: str, password: str, path: str = "/login/") -> None:
    page.goto(f"{base}{path}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main").locator("button[type=submit]").click()
    page.wait_for_load_state()


def browser_from(browser, address: str):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        extra_http_headers={"X-Forwarded-For": address},
    )
    return context, context.new_page()


def test_five_wrong_passwords_lock_the_account_until_unlocked(live_server, browser, settings, people):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    base = live_server.url
    sam_context, page = browser_from(browser, SAM)
    for n in range(4):
        try_password(page, base, "sam", f"wrong-{n}")
        assert page.url.endswith("/login/")
        assert "locked" not in page.locator("main").inner_text().lower()
    try_password(page, base, "sam", "wrong-4")
    text = page.locator("main").inner_text()
    assert "Sign-in locked" in text and "15 minutes" in text and "even with the right password" in text
    shoot(page, "signin-locked-en")

    try_password(page, base, "sam", "pw-sam")
    assert "Sign-in locked" in page.locator("main").inner_text() and "/plans/" not in page.url
    try_password(page, base, "sam", "pw-sam", path="/zh-hans/login/")
    assert "登录已锁定" in page.locator("main").inner_text()
    shoot(page, "signin-locked-zh")

    office_context, desk = browser_from(browser, ALICE)
    try_password(desk, base, "alice", "pw-alice")
    desk.goto(f"{base}/accounts/signin/")
    assert "sam" in desk.locator("section", has_text="Locked accounts").inner_text()
    shoot(desk, "signin-security")
    desk.locator("section", has_text="Locked accounts").get_by_role("button", name="Unlock").click()
    assert "sam may sign in again." in desk.locator("main").inner_text()

    # The guesses that locked the account were all that locked its address: both are free now.
    assert "No address is locked." in desk.locator("main").inner_text()
    try_password(page, base, "sam", "pw-sam")
    assert page.url.endswith("/plans/")
    office_context.close()
    sam_context.close()
