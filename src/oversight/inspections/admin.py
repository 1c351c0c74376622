"""Inspections and reports: operators read them here; they change through the service's pages."""

from django.contrib import admin

from oversight.accounts.admin_site import ReadOnlyAdmin, ReadOnlyInline
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


class ParticipantInline(ReadOnlyInline):
    model = InspectionParticipant


class EventInline(ReadOnlyInline):
    model = InspectionEvent
    fields = ["position", "status", "text", "on", "precision", "note"]


class ActionInline(ReadOnlyInline):
    model = FollowUpAction
    fields = ["text", "owner", "due_text", "done", "done_on"]


class FindingInline(ReadOnlyInline):
    model = Finding


class GradeInline(ReadOnlyInline):
    model = PeelGrade


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "status", "when"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    inlines = [ParticipantInline, EventInline, ActionInline]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "published_on", "organisation"]
    search_fields = ["title"]
    inlines = [FindingInline]


@admin.register(PeelAssessment)
class PeelAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "organisation", "published_on"]
    inlines = [GradeInline]


@admin.register(MonitoringStageChange)
class MonitoringStageChangeAdmin(ReadOnlyAdmin):
    list_display = ["stage", "started_on", "letter"]


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ["subject", "kind", "text", "on"]
    list_filter = ["kind"]
    search_fields = ["subject"]
