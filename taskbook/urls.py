from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from taskbook.accounts.signin import views as signin_views
from taskbook.api.root import api
from taskbook.web import views as web_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", web_views.set_language, name="set_language"),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", web_views.home, name="home"),
    path("login/", signin_views.SignInView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/", include("taskbook.plans.urls")),
    path("units/", include("taskbook.orgs.urls")),
    path("", include("taskbook.accounts.urls")),
    path("", include("taskbook.taskbooks.urls")),
    path("bulk/", include("taskbook.taskbooks.bulk_urls")),
    path("roadmap/", include("taskbook.roadmaps.urls")),
    path("", include("taskbook.timetables.urls")),
    path("reports/", include("taskbook.reporting.urls")),
    path("targets/", include("taskbook.targets.urls")),
    path("notifications/", include("taskbook.notifications.urls")),
    path("dashboards/", include("taskbook.dashboards.urls")),
    path("documents/", include("taskbook.documents.urls")),
    path("audit/", include("taskbook.audit.urls")),
    path("accounts/signin/", include("taskbook.accounts.signin.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# The error pages in the product's layout (web/views.py).
handler400 = "taskbook.web.views.bad_request"
handler403 = "taskbook.web.views.forbidden"
handler404 = "taskbook.web.views.not_found"
handler500 = "taskbook.web.views.server_error"
