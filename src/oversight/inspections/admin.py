from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from oversight.accounts.admin_site import OrganisationScopedAdmin
from oversight.inspections.models import Finding, Inspection, InspectionParticipant, Report


class ParticipantInline(admin.TabularInline):
    model = InspectionParticipant
    extra = 0


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "when"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    inlines = [ParticipantInline]


@admin.register(Report)
class ReportAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    allow_shared = True
    list_display = ["title", "published_on", "organisation"]
    search_fields = ["title"]
    inlines = [FindingInline]
