from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from taskbook.api.root import api
from taskbook.web import views as web_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", web_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/", include("taskbook.plans.urls")),
    path("units/", include("taskbook.orgs.urls")),
    path("", include("taskbook.taskbooks.urls")),
    path("", include("taskbook.roadmaps.urls")),
    path("", include("taskbook.reports.urls")),
    path("exports/", include("taskbook.exports.urls")),
    path("bulk/", include("taskbook.taskbooks.bulk_urls")),
    path("audit/", include("taskbook.audit.urls")),
    path("documents/", include("taskbook.reports.document_urls")),
    path("targets/", include("taskbook.reports.target_urls")),
    path("notifications/", include("taskbook.reports.notification_urls")),
    path("dashboards/", include("taskbook.reports.dashboard_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
