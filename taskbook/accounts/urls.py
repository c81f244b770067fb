from django.urls import path

from taskbook.accounts import views

app_name = "accounts"
urlpatterns = [
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_new, name="person_new"),
    path("people/bulk/", views.people_bulk, name="people_bulk"),
    path("people/<int:user_id>/", views.person_detail, name="person"),
    path("people/<int:user_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:user_id>/invite/", views.person_invite, name="person_invite"),
    path("people/<int:user_id>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<int:user_id>/reactivate/", views.person_reactivate, name="person_reactivate"),
    path("people/<int:user_id>/roles/", views.person_grant, name="person_grant"),
    path("people/<int:user_id>/roles/<int:membership_id>/remove/", views.person_revoke, name="person_revoke"),
    path("units/<int:unit_id>/people/", views.unit_people, name="unit_people"),
    path("account/", views.my_account, name="me"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="reset_sent"),
    path("password-reset/<uidb64>/<token>/", views.SetPasswordFromLinkView.as_view(), name="reset_confirm"),
    path("invitation/<uidb64>/<token>/", views.AcceptInvitationView.as_view(), name="accept"),
]
