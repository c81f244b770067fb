from django.urls import path

from taskbook.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:import_id>/", views.import_review, name="review"),
    path("import/<int:import_id>/discard/", views.import_discard, name="discard"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/source/", views.plan_source, name="source"),
    path("<int:plan_id>/status/", views.plan_status, name="status"),
    path("<int:plan_id>/tasks/<int:task_id>/", views.task_detail, name="task"),
    path("<int:plan_id>/responsibility/", views.responsibility, name="responsibility"),
]
