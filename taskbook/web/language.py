"""The language of a page: its address says it, and an address without a prefix says the reader's.

The pages are under `i18n_patterns` with `prefix_default_language=False`: `/plans/` is English,
`/zh-hans/plans/` Chinese. Django's LocaleMiddleware then serves English on every unprefixed address,
whatever the reader chose (the language cookie) or their browser prefers (Accept-Language), so a
Chinese reader following a link from an e-mail, the sign-in redirect or a typed address read English.
Here an unprefixed page is sent on to the reader's language; the language buttons and the sign-in
name the target language's address, so a choice of English sticks as firmly as one of Chinese.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import escape_uri_path

REDIRECTED_METHODS = ("GET", "HEAD")  # a form's POST is answered where it was sent


def path_in_language(path: str, language: str) -> str:
    """`path` (an address without scheme and host, with any query) with its language prefix replaced
    by `language`'s: none for the default language."""
    bare = path
    current = translation.get_language_from_path(path)
    if current:
        bare = path[len(current) + 1 :] or "/"
    if language == settings.LANGUAGE_CODE:
        return bare
    return f"/{language}{bare}"


def request_path_in(request: HttpRequest, language: str) -> str:
    """The address of the page `request` asked for, in `language`, its query kept: the address the
    language buttons go back to."""
    return _address(request, path_in_language(request.path_info, language))


def _address(request: HttpRequest, path: str) -> str:
    """`path` (of the site, without the script prefix) as an address: the script prefix and the
    request's query around it."""
    script = request.path[: len(request.path) - len(request.path_info)]
    query = request.META.get("QUERY_STRING", "")
    return escape_uri_path(script + path) + (f"?{query}" if query else "")


def remember_language(response: HttpResponse, language: str) -> None:
    """The language cookie: the pages follow `language` on this browser from now on."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def preferred_language(request: HttpRequest) -> str:
    """The reader's choice (the language cookie), else their browser's, else the site's."""
    return translation.get_language_from_request(request, check_path=False)


def _page_path(path: str, urlconf: str) -> str | None:
    """`path`, or `path` with the slash CommonMiddleware would add, when the active language has a
    page there."""
    if is_valid_path(path, urlconf):
        return path
    if settings.APPEND_SLASH and not path.endswith("/") and is_valid_path(f"{path}/", urlconf):
        return f"{path}/"
    return None


def _is_a_page_load(request: HttpRequest) -> bool:
    """A browser loading a page names HTML in its Accept header; a calendar application fetching its
    feed, a script or a download manager (Accept: */* or their own type) is answered where it asked,
    so that none of them meets a redirect it might not follow."""
    return "text/html" in request.headers.get("Accept", "")


class PreferredLanguageMiddleware:
    """After LocaleMiddleware: on an unprefixed page, the reader's language instead of the default
    one. A browser's GET of a page that exists in that language is redirected to its prefixed address (the
    address then says the language, and every link on the page keeps it), and an address that is no
    page gets its error page in that language. A form posted to an unprefixed address is answered
    where it was sent, in English: activating another language there would take the page away (the
    resolver then wants that language's prefix); the pages' own forms post to prefixed addresses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if translation.get_language_from_path(request.path_info):
            return self.get_response(request)
        language = preferred_language(request)
        if language != settings.LANGUAGE_CODE:
            urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
            if request.method in REDIRECTED_METHODS and _is_a_page_load(request):
                with translation.override(language):
                    page = _page_path(f"/{language}{request.path_info}", urlconf)
                if page is not None:
                    redirect = HttpResponseRedirect(_address(request, page))
                    patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                    return redirect
            # Addresses outside the pages (the API, the language switch itself) keep their own rules.
            if _page_path(request.path_info, urlconf) is None:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # An unprefixed address answers by the cookie too (LocaleMiddleware adds Accept-Language).
        patch_vary_headers(response, ("Cookie",))
        return response
