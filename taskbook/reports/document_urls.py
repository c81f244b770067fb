from django.urls import path

from taskbook.reports import document_views as views

app_name = "documents"
urlpatterns = [
    path("plan/<int:plan_id>/", views.plan_documents, name="plan"),
    path("plan/<int:plan_id>/generate/", views.generate, name="generate"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/status/", views.status, name="status"),
    path("<int:document_id>/download/", views.download, name="download"),
]
