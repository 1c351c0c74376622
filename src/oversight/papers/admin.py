from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from oversight.accounts.admin_site import OrganisationScopedAdmin
from oversight.papers.models import Committee, Meeting


@admin.register(Committee)
class CommitteeAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name"]


@admin.register(Meeting)
class MeetingAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "committee__organisation"
    list_display = ["committee", "held_on"]
