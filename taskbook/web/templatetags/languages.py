"""The language buttons of every page."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info

from taskbook.web.language import request_path_in

register = template.Library()


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    name_local: str
    next: str  # this page's address in the language: where its button goes back to


@register.simple_tag(takes_context=True)
def language_choices(context: template.Context) -> list[LanguageChoice]:
    request: HttpRequest | None = context.get("request")
    return [
        LanguageChoice(
            code=code,
            name_local=get_language_info(code)["name_local"],
            next=request_path_in(request, code) if request is not None else "/",
        )
        for code, _name in settings.LANGUAGES
    ]
