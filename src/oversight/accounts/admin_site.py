"""The Django admin is for the liaison role, and shows only their organisation's records."""

from __future__ import annotations

from django.contrib import admin

from oversight.accounts.permissions import can_use_admin


def restrict_admin_to_liaison(site: admin.AdminSite) -> None:
    site.site_header = "Oversight administration"
    site.site_title = "Oversight administration"
    site.index_title = "Records"
    site.has_permission = lambda request: can_use_admin(request.user)


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Limits a liaison to their own organisation's rows (found through `organisation_path`)."""

    organisation_path = "organisation"
    allow_shared = False  # rows with no organisation (national records) are shown read-only

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        lookup = {self.organisation_path: request.user.organisation_id}
        if self.allow_shared:
            from django.db.models import Q

            return qs.filter(Q(**lookup) | Q(**{f"{self.organisation_path}__isnull": True}))
        return qs.filter(**lookup)

    def has_delete_permission(self, request, obj=None):
        return False
