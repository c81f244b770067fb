from django.http import HttpRequest

from taskbook.orgs.roles import roles_of
from taskbook.uploads import max_upload_mb


def navigation(request: HttpRequest) -> dict:
    """What every page may show: the reader's roles, and the upload limit that every upload form's hint
    names (here, so that a page rendered again after an error still has its number)."""
    return {"roles": roles_of(getattr(request, "user", None)), "upload_max_mb": max_upload_mb()}
