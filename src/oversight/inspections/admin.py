from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from oversight.accounts.admin_site import OrganisationScopedAdmin
from oversight.inspections.models import (
    Engagement,
    Finding,
    FollowUpAction,
    Inspection,
    InspectionEvent,
    InspectionParticipant,
    MonitoringStageChange,
    PeelAssessment,
    PeelGrade,
    Report,
)


class ParticipantInline(admin.TabularInline):
    model = InspectionParticipant
    extra = 0


class EventInline(admin.TabularInline):
    model = InspectionEvent
    extra = 0
    fields = ["position", "status", "text", "on", "precision", "note"]


class ActionInline(admin.TabularInline):
    model = FollowUpAction
    extra = 0
    fields = ["text", "owner", "due_text", "done", "done_on"]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


class GradeInline(admin.TabularInline):
    model = PeelGrade
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "when"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    inlines = [ParticipantInline, EventInline, ActionInline]


@admin.register(Report)
class ReportAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    allow_shared = True
    list_display = ["title", "published_on", "organisation"]
    search_fields = ["title"]
    inlines = [FindingInline]


@admin.register(PeelAssessment)
class PeelAssessmentAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["cycle", "organisation", "published_on"]
    inlines = [GradeInline]


@admin.register(MonitoringStageChange)
class MonitoringStageChangeAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["stage", "started_on", "letter"]


@admin.register(Engagement)
class EngagementAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["subject", "kind", "text", "on"]
    list_filter = ["kind"]
    search_fields = ["subject"]
