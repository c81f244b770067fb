"""Targets and trajectories, mounted at targets/."""

from django.urls import path

from taskbook.targets import views

app_name = "targets"
urlpatterns = [
    path("plan/<int:plan_id>/", views.plan_targets, name="plan"),
    path("<int:target_id>/", views.target_detail, name="detail"),
    path("<int:target_id>/trajectory/", views.trajectory_save, name="trajectory"),
    path("<int:target_id>/actuals/", views.actual_record, name="record"),
    path("<int:target_id>/change/", views.change, name="change"),
]
