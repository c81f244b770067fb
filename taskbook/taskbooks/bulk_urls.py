from django.urls import path

from taskbook.taskbooks import bulk_views

app_name = "bulk"
urlpatterns = [
    path(
        "<int:plan_id>/<int:unit_id>/measures.xlsx",
        bulk_views.export_measures,
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
    path(
        "<int:plan_id>/<int:unit_id>/measures.csv",
        bulk_views.export_measures,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path("<int:plan_id>/<int:unit_id>/import/", bulk_views.import_measures, name="import"),
]
