from django.urls import path

from taskbook.reporting import views

app_name = "reporting"
urlpatterns = [
    path("owed/", views.owed, name="owed"),
    path("plans/<int:plan_id>/cycles/", views.cycles, name="cycles"),
    path("plans/<int:plan_id>/calendar/", views.calendar_set, name="calendar"),
    path("cycles/<int:cycle_id>/", views.cycle_detail, name="cycle"),
    path("cycles/<int:cycle_id>/open/", views.cycle_open, name="cycle_open"),
    path("cycles/<int:cycle_id>/close/", views.cycle_close, name="cycle_close"),
    path("<int:report_id>/", views.report_detail, name="report"),
    path("<int:report_id>/save/", views.report_save, name="save"),
    path("<int:report_id>/submit/", views.report_transition, {"verb": "submit"}, name="submit"),
    path("<int:report_id>/return/", views.report_transition, {"verb": "return"}, name="return"),
    path("<int:report_id>/accept/", views.report_transition, {"verb": "accept"}, name="accept"),
    path("<int:report_id>/assess/", views.report_assess, name="assess"),
    path("<int:report_id>/amend/", views.report_amend, name="amend"),
    path("<int:report_id>/evidence/", views.report_evidence, name="evidence"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("contributions/<int:contribution_id>/", views.contribution_save, name="contribution"),
    path("measures/<int:measure_id>/progress/", views.measure_progress, name="measure_progress"),
]
