from django.urls import path

from taskbook.accounts.signin import views

app_name = "signin"
urlpatterns = [
    path("", views.security, name="security"),
    path("unlock-account/", views.unlock_account, name="unlock_account"),
    path("unlock-address/", views.unlock_address, name="unlock_address"),
    path("end-sessions/<int:user_id>/", views.end_sessions, name="end_sessions"),
]
