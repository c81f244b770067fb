from django.urls import path

from taskbook.notifications import views as views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:notification_id>/", views.inbox_open, name="inbox_open"),
    path("inbox/read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("remind/reports/<int:report_id>/", views.remind_report, name="remind_report"),
    path("remind/taskbooks/<int:plan_id>/<int:unit_id>/", views.remind_taskbook, name="remind_taskbook"),
    path("draft-ready/<int:report_id>/", views.draft_ready, name="draft_ready"),
    path("webhooks/", views.webhook_list, name="webhooks"),
    path("webhooks/add/", views.webhook_add, name="webhook_add"),
    path("webhooks/<int:webhook_id>/edit/", views.webhook_edit, name="webhook_edit"),
    path("webhooks/<int:webhook_id>/deactivate/", views.webhook_deactivate, name="webhook_deactivate"),
    path("webhooks/<int:webhook_id>/activate/", views.webhook_activate, name="webhook_activate"),
    path("webhooks/<int:webhook_id>/test/", views.webhook_test, name="webhook_test"),
]
