from django.urls import path

from taskbook.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:unit_id>/", views.unit_detail, name="detail"),
    path("<int:unit_id>/merge/", views.unit_merge, name="merge"),
    path("<int:unit_id>/split/", views.unit_split, name="split"),
    path("<int:unit_id>/aliases/", views.unit_alias_add, name="alias_add"),
]
