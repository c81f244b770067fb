"""The product's URLs plus Django's password change page, which the people pages of issue 8 wire
into the product; the expiry tests need a page named `password_change` to send people to."""

from django.contrib.auth import views as auth_views
from django.urls import path

from taskbook.urls import urlpatterns as product

urlpatterns = [
    *product,
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
