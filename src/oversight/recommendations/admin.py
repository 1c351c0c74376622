"""Workflow records: operators read them here; they change only through the service's pages."""

from django.contrib import admin

from oversight.accounts.admin_site import ReadOnlyAdmin
from oversight.recommendations.models import (
    ClosureRequest,
    Evidence,
    ExtensionRequest,
    Recommendation,
    Response,
    Review,
    Update,
)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "kind", "theme", "deadline_text", "due_on"]
    list_filter = ["kind"]
    search_fields = ["reference", "theme", "text"]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "organisation", "owner", "rag", "status"]
    list_filter = ["status", "rag", "organisation"]
    list_select_related = ["recommendation", "organisation", "owner"]


@admin.register(Update)
class UpdateAdmin(ReadOnlyAdmin):
    list_display = ["response", "written_on", "author", "proposed_rag"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "response", "size", "uploaded_at", "withdrawn_at"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["response", "reviewed_on", "outcome", "reviewer"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ["response", "proposed_due_on", "status"]


@admin.register(ClosureRequest)
class ClosureRequestAdmin(ReadOnlyAdmin):
    list_display = ["response", "stage"]
