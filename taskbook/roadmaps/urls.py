from django.urls import path

from taskbook.roadmaps import views

app_name = "roadmaps"
urlpatterns = [
    path("plan/<int:plan_id>/", views.plan_roadmap, name="plan"),
    path("task/<int:task_id>/", views.task_roadmap, name="task"),
    path("unit/<int:plan_id>/<int:unit_id>/", views.unit_roadmap, name="unit"),
]
