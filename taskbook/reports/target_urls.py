"""Targets and trajectories, mounted at targets/."""

from django.urls import path

from taskbook.reports import target_views

app_name = "targets"
urlpatterns = [
    path("plan/<int:plan_id>/", target_views.plan_targets, name="plan"),
    path("<int:target_id>/", target_views.target_detail, name="detail"),
    path("<int:target_id>/trajectory/", target_views.trajectory_save, name="trajectory"),
    path("<int:target_id>/actuals/", target_views.actual_record, name="record"),
]
