from django.urls import path

from taskbook.documents import views

app_name = "documents"
urlpatterns = [
    path("plan/<int:plan_id>/", views.plan_documents, name="plan"),
    path("plan/<int:plan_id>/generate/", views.generate, name="generate"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/status/", views.status, name="status"),
    path("<int:document_id>/download/", views.download, name="download"),
    path("taskbook/<int:plan_id>/<int:unit_id>.pdf", views.taskbook_pdf, name="taskbook_pdf"),
    path("taskbook/<int:plan_id>/<int:unit_id>.docx", views.taskbook_docx, name="taskbook_docx"),
    path("responsibility/<int:plan_id>.xlsx", views.responsibility_xlsx, name="responsibility_xlsx"),
]
