"""The site's URLs and its error handlers, with views that fail on purpose (tests/web/test_error_pages.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from taskbook.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def _suspicious(request):
    raise SuspiciousOperation("secret detail of the fault")


def _forbidden(request):
    raise PermissionDenied


def _crash(request):
    raise RuntimeError("secret detail of the fault")


urlpatterns = [
    *i18n_patterns(
        path("fail/400/", _suspicious),
        path("fail/403/", _forbidden),
        path("fail/500/", _crash),
        prefix_default_language=False,
    ),
    *urlpatterns,
]
