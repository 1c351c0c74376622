from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from oversight.accounts.admin_site import OrganisationScopedAdmin
from oversight.recommendations.models import Evidence, Recommendation, Response, Review, Update


@admin.register(Recommendation)
class RecommendationAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "report__organisation"
    allow_shared = True
    list_display = ["reference", "kind", "theme", "deadline_text", "due_on"]
    list_filter = ["kind"]
    search_fields = ["reference", "theme", "text"]


@admin.register(Response)
class ResponseAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    list_display = ["recommendation", "owner", "rag", "status", "next_review_on"]
    list_filter = ["status", "rag"]


@admin.register(Update)
class UpdateAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "response__organisation"
    list_display = ["response", "written_on", "author", "proposed_rag"]


@admin.register(Evidence)
class EvidenceAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "response__organisation"
    list_display = ["original_name", "response", "size", "uploaded_at", "withdrawn_at"]
    readonly_fields = ["sha256", "size", "content_type", "file"]


@admin.register(Review)
class ReviewAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):
    organisation_path = "response__organisation"
    list_display = ["response", "reviewed_on", "outcome", "reviewer"]
