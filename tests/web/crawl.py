"""A crawler of the pages a signed-in person is shown: from a start page it follows every same-site
link (<a href>) breadth first, as that person, and writes down every link that does not open.

GET only, so nothing is changed (a form's button is not a link). Downloads and feeds are fetched
(their status counts) but not read for links. Links to one URL pattern with the same query
parameters are followed at most `per_pattern` times (a list of 500 measures is checked through 3 of
them), and at most `max_pages` pages are fetched in all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

SITE = "testserver"
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


@dataclass
class Failure:
    url: str
    status: int
    shown_on: str  # the page that showed the link ("start" for a start page)
    note: str = ""

    def __str__(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"{self.status} {self.url}{note}  ← shown on {self.shown_on}"


@dataclass
class Crawl:
    visited: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    capped: bool = False  # stopped at max_pages with links still to follow
    patterns: dict[str, int] = field(default_factory=dict)


def _same_site(base: str, href: str) -> str | None:
    """The path and query of a link to this site, or None for another site, a fragment, mail..."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
        return None
    url, _fragment = urldefrag(urljoin(f"http://{SITE}{base}", href))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != SITE:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _pattern(url: str) -> str:
    """The URL's pattern name and the names of its query parameters: the unit of `per_pattern`."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return url  # a link to no page: followed once, and it fails
    keys = sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)} - {"page"})
    return f"{match.view_name}?{'&'.join(keys)}"


def crawl(
    client: Client,
    starts: Iterable[str],
    *,
    max_pages: int = 200,
    per_pattern: int = 3,
) -> Crawl:
    """Follow the links shown to the person `client` is signed in as. Signing out is a form, not a
    link, so the crawl never ends the session (a link that did would show as "sent to sign in")."""
    result = Crawl()
    queue: deque[tuple[str, str]] = deque((url, "start") for url in starts)
    seen = {url for url, _from in queue}
    while queue:
        if len(result.visited) >= max_pages:
            result.capped = True
            break
        url, shown_on = queue.popleft()
        response = client.get(url)
        result.visited.append(url)
        hops = 0
        while response.status_code in (301, 302, 303, 307, 308) and hops < 5:
            target = _same_site(url, response["Location"])
            if target is None:
                break
            if _pattern(target).split("?")[0] == "login":
                result.failures.append(Failure(url, response.status_code, shown_on, "sent to sign in"))
                break
            url, hops = target, hops + 1
            response = client.get(url)
        status = response.status_code
        content_type = response.get("Content-Type", "")
        # A download is read to its end: the test client then closes it (an unread stream can hold a
        # database cursor open). Closing a response again here would close the test's connection.
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[arg-type]
        if status >= 400:
            result.failures.append(Failure(url, status, shown_on))
            continue
        if status != 200 or not content_type.startswith("text/html"):
            continue
        for href in links_in(body.decode(response.charset or "utf-8")):
            target = _same_site(url, href)
            if target is None or target in seen:
                continue
            seen.add(target)
            pattern = _pattern(target)
            if result.patterns.get(pattern, 0) >= per_pattern:
                continue
            result.patterns[pattern] = result.patterns.get(pattern, 0) + 1
            queue.append((target, url))
    return result
