from django.urls import path

from taskbook.exports import views

app_name = "exports"
urlpatterns = [
    path("taskbook/<int:plan_id>/<int:unit_id>.pdf", views.taskbook_pdf, name="taskbook_pdf"),
    path("taskbook/<int:plan_id>/<int:unit_id>.docx", views.taskbook_docx, name="taskbook_docx"),
    path("responsibility/<int:plan_id>/", views.responsibility, name="responsibility"),
    path("responsibility/<int:plan_id>.xlsx", views.responsibility_xlsx, name="responsibility_xlsx"),
]
