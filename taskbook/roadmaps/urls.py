from django.urls import path

from taskbook.roadmaps import views

app_name = "roadmaps"
urlpatterns = [
    path("roadmap/plan/<int:plan_id>/", views.plan_roadmap, name="plan"),
    path("roadmap/task/<int:task_id>/", views.task_roadmap, name="task"),
    path("roadmap/unit/<int:plan_id>/<int:unit_id>/", views.unit_roadmap, name="unit"),
    path("timetable/me/", views.timetable_me, name="timetable_me"),
    path("timetable/unit/<int:plan_id>/<int:unit_id>/", views.timetable_unit, name="timetable_unit"),
    path("timetable/feeds/", views.feed_list, name="feeds"),
    path("timetable/feeds/new/", views.feed_new, name="feed_new"),
    path("timetable/feeds/<int:feed_id>/revoke/", views.feed_revoke, name="feed_revoke"),
    # The token is the secret: letters, digits, "-" and "_" as secrets.token_urlsafe writes them.
    path("feeds/<slug:token>.ics", views.feed, name="feed"),
]
