from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from oversight.accounts.admin_site import OrganisationScopedAdmin
from oversight.accounts.models import Board, Organisation, Portfolio, User


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class PersonAdmin(OrganisationScopedAdmin, UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "role", "job_title", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        ("Oversight", {"fields": ("organisation", "role", "job_title")}),
    )

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return ("organisation", "is_superuser", "user_permissions", "groups", "last_login")


@admin.register(Portfolio)
class PortfolioAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "lead"]


@admin.register(Board)
class BoardAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "chair"]


# Roles, not Django groups, say what a person may do: the liaison group is managed in code.
admin.site.unregister(Group)
