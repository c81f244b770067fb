from django.urls import path

from taskbook.timetables import views

app_name = "timetables"
urlpatterns = [
    path("timetable/me/", views.timetable_me, name="me"),
    path("timetable/unit/<int:plan_id>/<int:unit_id>/", views.timetable_unit, name="unit"),
    path("timetable/feeds/", views.feed_list, name="feeds"),
    path("timetable/feeds/new/", views.feed_new, name="feed_new"),
    path("timetable/feeds/<int:feed_id>/revoke/", views.feed_revoke, name="feed_revoke"),
    # The token is the secret: letters, digits, "-" and "_" as secrets.token_urlsafe writes them.
    path("feeds/<slug:token>.ics", views.feed, name="feed"),
]
