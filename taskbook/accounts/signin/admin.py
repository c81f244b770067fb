"""The Django admin's user and group pages, audited: creating a user, changing one (its superuser
and staff flags, groups, permissions and roles in units), and changing groups leave audit events."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from taskbook.audit.admin_mixin import AuditedAdmin
from taskbook.orgs.models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    audit_secret_fields = ("password",)
    inlines = [MembershipInline]


class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass


def register() -> None:
    """Replaces django.contrib.auth's registrations (made when the admin found its modules)."""
    for model, model_admin in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, model_admin)
