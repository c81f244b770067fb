from django.urls import path

from taskbook.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("events.csv", views.event_csv, name="csv"),
    path("history/<str:object_type>/<str:object_id>/", views.history, name="history"),
]
