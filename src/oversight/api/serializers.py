"""What the API sends and accepts. Reads are model fields under stable names; writes are
plain serializers whose data is handed to the services (they never save by themselves)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from oversight import clock
from oversight.accounts.models import Organisation, User
from oversight.inspections.models import Inspection, InspectionParticipant, Report
from oversight.recommendations.choices import ReviewOutcome
from oversight.recommendations.models import Evidence, Recommendation, Response, Review, Update
from oversight.rules.rag import Rag

PROPOSABLE_RAG = [(r.value, r.label) for r in (Rag.RED, Rag.AMBER, Rag.GREEN)]
REVIEW_OUTCOMES = [
    (o.value, o.label)
    for o in (ReviewOutcome.ACCEPTED, ReviewOutcome.MORE_EVIDENCE, ReviewOutcome.ESCALATE)
]


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "name"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "slug", "kind"]


class ParticipantSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = InspectionParticipant
        fields = ["organisation", "name", "name_as_written", "note"]


class InspectionSerializer(serializers.ModelSerializer):
    when = serializers.CharField(read_only=True, help_text="The dates as a person wrote them.")
    participants = ParticipantSerializer(many=True, read_only=True)
    debrief_strengths = serializers.ListField(child=serializers.CharField(), read_only=True)
    debrief_areas_to_consider = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "organisation",
            "title",
            "kind",
            "status",
            "summary",
            "when",
            "start_on",
            "start_precision",
            "start_text",
            "end_on",
            "end_precision",
            "end_text",
            "lead_inspectorates",
            "participants",
            "participants_note",
            "hmicfrs_contact",
            "debrief_on",
            "debrief_strengths",
            "debrief_areas_to_consider",
            "debrief_notes",
            "version",
            "created_at",
            "updated_at",
        ]


class ReportSerializer(serializers.ModelSerializer):
    national = serializers.BooleanField(source="is_national", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "title",
            "inspectorate",
            "organisation",
            "national",
            "inspection",
            "reference",
            "published_on",
            "url",
            "summary",
            "version",
            "created_at",
            "updated_at",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    audience = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "report",
            "kind",
            "reference",
            "number",
            "title",
            "theme",
            "text",
            "audience",
            "deadline_text",
            "deadline_kind",
            "due_on",
            "cause_of_concern",
            "concern_status",
            "version",
            "created_at",
            "updated_at",
        ]


class ResponseSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="recommendation.reference", read_only=True)
    title = serializers.CharField(source="recommendation.title", read_only=True)
    kind = serializers.CharField(source="recommendation.kind", read_only=True)
    theme = serializers.CharField(source="recommendation.theme", read_only=True)
    report = serializers.IntegerField(source="recommendation.report_id", read_only=True)
    owner = PersonSerializer(read_only=True, allow_null=True)
    portfolio = serializers.CharField(source="portfolio.name", read_only=True, allow_null=True)
    board = serializers.CharField(source="board.name", read_only=True, allow_null=True)
    original_due_on = serializers.DateField(
        source="recommendation.due_on", read_only=True, allow_null=True
    )
    due_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The revised due date, else the original."
    )
    overdue = serializers.SerializerMethodField()
    national = serializers.SerializerMethodField(
        help_text="Made to every force or service (a national report), not to this one alone."
    )

    class Meta:
        model = Response
        fields = [
            "id",
            "organisation",
            "recommendation",
            "reference",
            "title",
            "kind",
            "theme",
            "report",
            "owner",
            "portfolio",
            "board",
            "status",
            "rag",
            "original_due_on",
            "revised_due_on",
            "revised_due_reason",
            "due_on",
            "overdue",
            "national",
            "next_review_on",
            "sign_off",
            "closed_on",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_national(self, response: Response) -> bool:
        return response.recommendation.report.organisation_id is None

    def get_overdue(self, response: Response) -> bool:
        due = response.due_on
        return bool(due and not response.is_ended and due < clock.today())


class UpdateSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Update
        fields = [
            "id",
            "response",
            "author",
            "written_on",
            "narrative",
            "proposed_rag",
            "next_steps",
            "evidence",
            "created_at",
        ]


class UpdateCreateSerializer(serializers.Serializer):
    narrative = serializers.CharField(
        max_length=20000, help_text="What progress has been made.", trim_whitespace=True
    )
    proposed_rag = serializers.ChoiceField(
        choices=PROPOSABLE_RAG, help_text="The RAG rating the owner proposes."
    )
    next_steps = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class EvidenceSerializer(serializers.ModelSerializer):
    uploaded_by = PersonSerializer(read_only=True)
    withdrawn = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "response",
            "update",
            "original_name",
            "description",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "withdrawn",
            "withdrawn_at",
            "withdrawn_reason",
            "download_url",
        ]

    def get_withdrawn(self, evidence: Evidence) -> bool:
        return evidence.withdrawn_at is not None

    def get_download_url(self, evidence: Evidence) -> str:
        return reverse("api:evidence-download", kwargs={"pk": evidence.pk})


class EvidenceCreateSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="PDF, Word, Excel, Outlook, CSV, text, PNG, JPEG or email; checked by content."
    )
    description = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = PersonSerializer(read_only=True)
    board = serializers.CharField(source="board.name", read_only=True, allow_null=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "response",
            "reviewer",
            "reviewed_on",
            "outcome",
            "notes",
            "board",
            "next_review_on",
            "created_at",
        ]


class ReviewCreateSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=REVIEW_OUTCOMES,
        error_messages={
            "invalid_choice": "“{input}” is not an outcome of a review: send "
            + ", ".join(value for value, _ in REVIEW_OUTCOMES)
            + " (on_track is now accepted)"
        },
    )
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    reviewed_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Today if not given."
    )

    def validate_reviewed_on(self, value):
        if value and value > clock.today():
            raise serializers.ValidationError("The date of the review must be today or earlier")
        return value


class RagConfirmSerializer(serializers.Serializer):
    rag = serializers.ChoiceField(choices=PROPOSABLE_RAG)
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="The response's version you read; 409 if someone changed it since.",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
