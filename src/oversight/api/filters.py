"""The query parameters each list takes, checked before they reach a selector (400 otherwise).

Declared as serializers, so the OpenAPI schema documents them too.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from rest_framework import serializers

from oversight.inspections.choices import InspectionKind, InspectionStatus
from oversight.params import is_id
from oversight.recommendations.choices import RecommendationKind, ResponseStatus
from oversight.recommendations.selectors import RegisterFilters
from oversight.rules.rag import Rag

MAX_ID = 2**53  # larger numbers cannot be record ids here (and some databases overflow)


def _id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=help_text
    )


def _text(most: int, help_text: str) -> serializers.RegexField:
    """Words to match: any but the null character (which the schema says too)."""
    return serializers.RegexField(
        r"^[^\x00]*$",
        required=False,
        max_length=most,
        trim_whitespace=False,  # trimmed where the filter is applied
        help_text=help_text,
    )


class QueryParams(serializers.Serializer):
    @classmethod
    def read(cls, request) -> dict:
        # DRF reads an empty form value as "not given"; here it is refused, as the schema says
        empty = [name for name in cls().fields if request.query_params.get(name) == ""]
        if empty:
            raise serializers.ValidationError(
                {name: ["Give a value, or leave the parameter out."] for name in empty}
            )
        params = cls(data=request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data


class InspectionFilters(QueryParams):
    status = serializers.ChoiceField(choices=InspectionStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=InspectionKind.choices, required=False)


class ReportFilters(QueryParams):
    national = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: national reports only; false: reports about your organisation only.",
    )


class RecommendationFilters(QueryParams):
    kind = serializers.ChoiceField(choices=RecommendationKind.choices, required=False)
    reference = _text(40, "The inspectorate's reference, e.g. 9159.")
    report = _id("A report's id.")
    theme = _text(200, "A theme, e.g. 'Hate crime' (any case).")

    @staticmethod
    def apply(qs: QuerySet, data: dict) -> QuerySet:
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("reference"):
            qs = qs.filter(reference=data["reference"].strip())
        if data.get("report"):
            qs = qs.filter(report_id=data["report"])
        if data.get("theme"):
            qs = qs.filter(theme__iexact=data["theme"].strip())
        return qs.order_by("reference", "id")


OWNER_PATTERN = r"^(me|none|[1-9][0-9]{0,14})$"


def owner_param(value: str) -> str:
    if value in {"me", "none"} or (is_id(value) and int(value) <= MAX_ID):
        return value
    raise serializers.ValidationError("Give a person's id, 'me' or 'none'")


RAG_FILTER_CHOICES = [*Rag.choices, ("none", "Not rated")]
STATUS_FILTER_CHOICES = [*ResponseStatus.choices, ("any_open", "Any open status")]

ORDERINGS = {
    "due": [F("due").asc(nulls_last=True), "recommendation__reference", "id"],
    "-due": [F("due").desc(nulls_last=True), "recommendation__reference", "id"],
    "reference": ["recommendation__reference", "id"],
    "-reference": ["-recommendation__reference", "-id"],
    "updated": ["updated_at", "id"],
    "-updated": ["-updated_at", "-id"],
    "next_review": [F("next_review_on").asc(nulls_last=True), "id"],
    "-next_review": [F("next_review_on").desc(nulls_last=True), "id"],
}


class ResponseFilters(QueryParams):
    kind = serializers.ChoiceField(choices=RecommendationKind.choices, required=False)
    status = serializers.ChoiceField(choices=STATUS_FILTER_CHOICES, required=False)
    rag = serializers.ChoiceField(choices=RAG_FILTER_CHOICES, required=False)
    owner = serializers.RegexField(
        OWNER_PATTERN,
        required=False,
        validators=[owner_param],
        error_messages={"invalid": "Give a person's id, 'me' or 'none'"},
        help_text="A person's id; 'me' for your own responses; 'none' for unassigned ones.",
    )
    report = _id("A report's id.")
    theme = _text(200, "A theme, e.g. 'Hate crime' (any case).")
    overdue = serializers.BooleanField(
        required=False, default=False, help_text="true: only open responses past their due date."
    )
    national = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "true: responses to national recommendations (made to every force or service) "
            "only; false: to recommendations of reports about your organisation only."
        ),
    )
    ordering = serializers.ChoiceField(
        choices=[(k, k) for k in ORDERINGS],
        required=False,
        default="due",
        help_text="due, reference, updated or next_review; a leading '-' reverses it.",
    )

    @staticmethod
    def register_filters(data: dict, user) -> RegisterFilters:
        """The register's own filters (the same rules as the register page)."""
        owner = data.get("owner", "")
        return RegisterFilters(
            kind=data.get("kind", ""),
            status=data.get("status", ""),
            rag=data.get("rag", ""),
            theme=data.get("theme", "").strip(),
            owner=str(user.pk) if owner == "me" else owner,
            report=str(data["report"]) if data.get("report") else "",
            overdue=bool(data.get("overdue")),
            national={True: "yes", False: "no"}.get(data.get("national"), ""),
        )

    @staticmethod
    def order(qs: QuerySet, ordering: str) -> QuerySet:
        qs = qs.annotate(due=Coalesce("revised_due_on", "recommendation__due_on"))
        return qs.order_by(*ORDERINGS[ordering])


class ByResponse(QueryParams):
    response = _id("Only those of this response.")


class UpdateFilters(ByResponse):
    since = serializers.DateField(
        required=False, help_text="Only updates written on or after this day (YYYY-MM-DD)."
    )
