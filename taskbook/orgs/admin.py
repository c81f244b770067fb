from django.contrib import admin

from taskbook.audit.admin_mixin import AuditedAdmin
from taskbook.orgs.models import Membership, Unit, UnitAlias


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0
    fields = ["name", "language", "key"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name_en", "name_zh", "short_name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name_en", "name_zh", "short_name", "aliases__name"]
    inlines = [UnitAliasInline, MembershipInline]
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name_en", "unit__name_zh"]
    autocomplete_fields = ["user", "unit"]
