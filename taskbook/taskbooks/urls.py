from django.urls import path

from taskbook.taskbooks import views

app_name = "taskbooks"
urlpatterns = [
    path("taskbooks/", views.taskbook_list, name="list"),
    path("taskbooks/<int:plan_id>/<int:unit_id>/", views.taskbook_detail, name="taskbook"),
    path(
        "taskbooks/<int:plan_id>/<int:unit_id>/submit/",
        views.taskbook_transition,
        {"verb": "submit"},
        name="submit",
    ),
    path(
        "taskbooks/<int:plan_id>/<int:unit_id>/approve/",
        views.taskbook_transition,
        {"verb": "approve"},
        name="approve",
    ),
    path(
        "taskbooks/<int:plan_id>/<int:unit_id>/return/",
        views.taskbook_transition,
        {"verb": "return"},
        name="return",
    ),
    path("taskbooks/<int:plan_id>/<int:unit_id>/carry-over/", views.carry_over, name="carry_over"),
    path("taskbooks/<int:plan_id>/<int:unit_id>/contacts/", views.contact_add, name="contact_add"),
    path("tasks/<int:task_id>/units/<int:unit_id>/measures/new/", views.measure_new, name="measure_new"),
    path("tasks/<int:task_id>/plan/", views.task_plan, name="task_plan"),
    path("measures/<int:measure_id>/", views.measure_detail, name="measure"),
    path("measures/<int:measure_id>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:measure_id>/status/", views.measure_status, name="measure_status"),
    path("measures/<int:measure_id>/delete/", views.measure_delete, name="measure_delete"),
    path("measures/<int:measure_id>/milestones/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:milestone_id>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:milestone_id>/done/", views.milestone_done, name="milestone_done"),
    path("milestones/<int:milestone_id>/reopen/", views.milestone_reopen, name="milestone_reopen"),
    path("milestones/<int:milestone_id>/delete/", views.milestone_delete, name="milestone_delete"),
    path("milestones/<int:milestone_id>/evidence/", views.milestone_evidence, name="milestone_evidence"),
    path("changes/", views.change_list, name="changes"),
    path("changes/<int:change_id>/decide/", views.change_decide, name="change_decide"),
]
