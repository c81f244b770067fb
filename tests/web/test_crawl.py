"""Every link shown to each role opens for that role: a crawl of the demo's pages as the coordinator,
a leader, a unit admin and a unit's staff, in English and in Chinese, that meets no 403, 404 or 500
(any status of 400 or more fails, and so does a link that sends a signed-in person to sign in).

In Chinese one link per pattern is followed (the same pages in other words; what differs by
language is in the templates, which one page of each shows), in English three.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from taskbook.demo.load import load_demo
from tests.web.crawl import crawl, links_in

ROLES = {
    "coordinator": "coordinator",
    "leader": "leader",
    "unit admin": "commerce_admin",
    "unit staff": "commerce_staff",
}
# language: (start page, links followed per pattern)
LANGUAGES = {"en": ("/", 3), "zh-hans": ("/zh-hans/", 1)}
PAGE_CAP = 250  # per role and language; the demo needs fewer (the test says if the cap is reached)


@pytest.fixture
def demo(db):
    load_demo()


def test_every_link_shown_to_each_role_opens(demo):
    users = get_user_model().objects.in_bulk(ROLES.values(), field_name="username")
    report, capped = [], []
    for role, username in ROLES.items():
        for language, (home, per_pattern) in LANGUAGES.items():
            client = Client()
            client.force_login(users[username])
            result = crawl(client, [home], max_pages=PAGE_CAP, per_pattern=per_pattern)
            # Each role reaches well beyond the top bar (a crawl that stops early proves nothing).
            assert len(result.patterns) > 30, (role, language, result.visited)
            if result.capped:
                capped.append(f"{role} ({language})")
            report += [f"{role} ({language}): {failure}" for failure in result.failures]
    assert not report, "Links that do not open:\n" + "\n".join(report)
    assert not capped, f"Raise PAGE_CAP: the crawl stopped early for {', '.join(capped)}"


def test_the_crawler_finds_links_and_reports_the_page_that_showed_a_dead_one(people, client):
    html = (
        '<a href="/plans/">x</a> <a href="#top">y</a> <a href="mailto:a@b.c">z</a> <a href="/nowhere/">w</a>'
    )
    assert links_in(html) == ["/plans/", "#top", "mailto:a@b.c", "/nowhere/"]
    client.force_login(people.sam)
    result = crawl(client, ["/nowhere/"], max_pages=5)
    assert [(f.url, f.status, f.shown_on) for f in result.failures] == [("/nowhere/", 404, "start")]
