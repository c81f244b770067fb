"""The API answers in the language its client asks for.

Its addresses carry no language prefix, and for an address without one Django's LocaleMiddleware picks
the default language (English), as it must for the pages. The API has no other way to be asked, so it
reads the language cookie or the Accept-Language header, as a first visit to the site does.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ApiLanguageMiddleware:
    """After LocaleMiddleware: for the API's addresses only, the client's language instead of the default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefix = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.prefix = self.prefix or reverse("api:api-root")
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        return response
