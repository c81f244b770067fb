"""The dashboards, mounted at `dashboards/` (namespace "dashboards")."""

from django.urls import path

from taskbook.dashboards import views as views

app_name = "dashboards"
urlpatterns = [
    path("", views.coordinator, name="coordinator"),
    path("league/", views.league, name="league"),
    path("summary/<int:plan_id>/", views.summary, name="summary"),
    path("records/reports/", views.reports, name="reports"),
    path("records/measures/", views.measures, name="measures"),
    path("records/tasks/", views.tasks, name="tasks"),
    path("records/targets/", views.targets, name="targets"),
]
