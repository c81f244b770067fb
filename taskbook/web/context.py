from django.http import HttpRequest

from taskbook.orgs.roles import roles_of


def navigation(request: HttpRequest) -> dict:
    return {"roles": roles_of(getattr(request, "user", None))}
