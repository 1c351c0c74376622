"""Responses, and what hangs on them: updates, evidence files and reviews.

Reads come from the recommendations selectors (another organisation's record is not found);
writes go through the recommendations services, after the same policy checks the pages make.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from oversight import clock
from oversight.api import filters, serializers
from oversight.api.errors import service_call
from oversight.api.views.base import FirstRenderer, errors, validated
from oversight.recommendations import policies, selectors, services
from oversight.recommendations.filetypes import Detected, FileKind, safe_download_name

TAG = ["Responses"]


def _created(data, name: str, pk: int) -> ApiResponse:
    return ApiResponse(
        data, status=status.HTTP_201_CREATED, headers={"Location": reverse(name, args=[pk])}
    )


# --- Responses ----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="List responses",
        description="Your organisation's responses, filtered and sorted as on the register.",
        parameters=[filters.ResponseFilters],
        tags=TAG,
    )
)
class ResponseList(generics.ListAPIView):
    serializer_class = serializers.ResponseSerializer

    def get_queryset(self):
        params = filters.ResponseFilters.read(self.request)
        user = self.request.user
        qs = selectors.register(
            user,
            filters.ResponseFilters.register_filters(params, user),
            today=clock.today(),
        )
        return filters.ResponseFilters.order(qs, params.get("ordering") or "due")


@extend_schema_view(get=extend_schema(summary="One response", tags=TAG))
class ResponseDetail(generics.RetrieveAPIView):
    serializer_class = serializers.ResponseSerializer

    def get_queryset(self):
        return selectors.responses_for(self.request.user)


class RagConfirm(APIView):
    @extend_schema(
        summary="Confirm a response's RAG rating (liaison)",
        description="Send the `version` of the response you read: if someone changed the "
        "response since, nothing is saved and the answer is 409 with what they changed.",
        request=serializers.RagConfirmSerializer,
        responses={
            200: serializers.ResponseSerializer,
            **errors(400, 401, 403, 404),
            409: OpenApiResponse(description="Someone else changed the response first."),
        },
        tags=TAG,
    )
    def post(self, request, pk: int):
        response = selectors.response_for_action(request.user, pk)
        if not policies.can_manage(request.user, response):
            raise PermissionDenied("Only the liaison lead confirms RAG ratings.")
        data = validated(serializers.RagConfirmSerializer, request.data)
        with service_call():
            response = services.rag_confirm(
                response=response,
                actor=request.user,
                rag=data["rag"],
                expected_version=data["version"],
                note=data["note"],
            )
        fresh = selectors.responses_for(request.user).get(pk=response.pk)
        return ApiResponse(serializers.ResponseSerializer(fresh).data)


# --- Updates ------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="List updates",
        description="Progress updates on your organisation's responses, newest first.",
        parameters=[filters.UpdateFilters],
        tags=["Updates"],
    )
)
class UpdateList(generics.ListAPIView):
    serializer_class = serializers.UpdateSerializer

    def get_queryset(self):
        params = filters.UpdateFilters.read(self.request)
        qs = selectors.updates_for(self.request.user).prefetch_related("evidence")
        if params.get("response"):
            qs = qs.filter(response_id=params["response"])
        if params.get("since"):
            qs = qs.filter(written_on__gte=params["since"])
        return qs.order_by("-written_on", "-id")


@extend_schema_view(get=extend_schema(summary="One update", tags=["Updates"]))
class UpdateDetail(generics.RetrieveAPIView):
    serializer_class = serializers.UpdateSerializer

    def get_queryset(self):
        return selectors.updates_for(self.request.user)


@extend_schema_view(
    get=extend_schema(summary="List a response's updates", tags=["Updates"]),
)
class ResponseUpdates(generics.ListAPIView):
    serializer_class = serializers.UpdateSerializer

    def get_queryset(self):
        response = selectors.response_for_action(self.request.user, self.kwargs["pk"])
        return (
            response.updates.select_related("author")
            .prefetch_related("evidence")
            .order_by("-written_on", "-id")
        )

    @extend_schema(
        summary="Add an update to a response",
        description="As on the response page: the owner of the response, or the liaison lead. "
        "Dated today. An open response moves to 'in progress'. Add evidence files with the "
        "evidence endpoint.",
        request=serializers.UpdateCreateSerializer,
        responses={201: serializers.UpdateSerializer, **errors(400, 401, 403, 404)},
        tags=["Updates"],
    )
    def post(self, request, pk: int):
        response = selectors.response_for_action(request.user, pk)
        if not policies.can_contribute(request.user, response):
            raise PermissionDenied("Only the owner of this response can add an update.")
        data = validated(serializers.UpdateCreateSerializer, request.data)
        with service_call():
            update = services.update_add(
                response=response,
                author=request.user,
                written_on=clock.today(),
                narrative=data["narrative"],
                proposed_rag=data["proposed_rag"],
                next_steps=data["next_steps"],
            )
        return _created(serializers.UpdateSerializer(update).data, "api:update-detail", update.pk)


# --- Evidence -----------------------------------------------------------------------------


def _evidence_qs(user):
    return selectors.evidence_visible(user)


@extend_schema_view(
    get=extend_schema(
        summary="List evidence",
        description="Evidence files on your organisation's responses (withdrawn ones too, "
        "marked as such), newest first.",
        parameters=[filters.ByResponse],
        tags=["Evidence"],
    )
)
class EvidenceList(generics.ListAPIView):
    serializer_class = serializers.EvidenceSerializer

    def get_queryset(self):
        params = filters.ByResponse.read(self.request)
        qs = _evidence_qs(self.request.user)
        if params.get("response"):
            qs = qs.filter(response_id=params["response"])
        return qs.order_by("-uploaded_at", "-id")


@extend_schema_view(get=extend_schema(summary="One evidence file's details", tags=["Evidence"]))
class EvidenceDetail(generics.RetrieveAPIView):
    serializer_class = serializers.EvidenceSerializer

    def get_queryset(self):
        return _evidence_qs(self.request.user)


@extend_schema_view(get=extend_schema(summary="List a response's evidence", tags=["Evidence"]))
class ResponseEvidence(generics.ListAPIView):
    serializer_class = serializers.EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        response = selectors.response_for_action(self.request.user, self.kwargs["pk"])
        return _evidence_qs(self.request.user).filter(response=response).order_by("-uploaded_at")

    @extend_schema(
        summary="Upload evidence to a response",
        description="multipart/form-data with `file` (and an optional `description`). The "
        "owner of the response or the liaison lead. The file's kind is decided from its "
        "content; programs, archives, macros and web pages are refused (400), as are files "
        "over the size limit.",
        request={"multipart/form-data": serializers.EvidenceCreateSerializer},
        responses={201: serializers.EvidenceSerializer, **errors(400, 401, 403, 404)},
        tags=["Evidence"],
    )
    def post(self, request, pk: int):
        response = selectors.response_for_action(request.user, pk)
        if not policies.can_contribute(request.user, response):
            raise PermissionDenied("Only the owner or the liaison lead can add evidence.")
        data = validated(serializers.EvidenceCreateSerializer, request.data)
        with service_call():
            evidence = services.evidence_add(
                response=response,
                actor=request.user,
                upload=data["file"],
                description=data["description"],
            )
        return _created(
            serializers.EvidenceSerializer(evidence).data, "api:evidence-detail", evidence.pk
        )


EXTENSIONS = {kind.content_type: kind.extension for kind in FileKind}


class EvidenceDownload(APIView):
    """The file, as an attachment, to people who may see its response."""

    content_negotiation_class = FirstRenderer
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Download an evidence file",
        responses={
            **{
                (200, content_type): OpenApiResponse(
                    OpenApiTypes.BINARY, description="The file, as an attachment, in its kind."
                )
                for content_type in sorted({kind.content_type for kind in FileKind})
            },
            **errors(401, 404),
        },
        tags=["Evidence"],
    )
    def get(self, request, pk: int):
        evidence = selectors.evidence_for(request.user, pk)
        if not policies.can_download_evidence(request.user, evidence.response):
            raise PermissionDenied(
                "Your organisation lets viewers read the record but not download evidence files."
            )
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("The file is missing from storage") from exc
        kind = evidence.content_type.split(";")[0].strip().lower()
        name = safe_download_name(
            evidence.original_name,
            Detected(
                kind="",
                label="",
                content_type=evidence.content_type,
                extension=EXTENSIONS.get(kind, ".bin"),
            ),
        )
        answer = FileResponse(
            handle, as_attachment=True, filename=name, content_type=evidence.content_type
        )
        answer["X-Content-Type-Options"] = "nosniff"
        answer["Content-Security-Policy"] = "default-src 'none'; sandbox"
        answer["Cache-Control"] = "private, no-store"
        answer["X-Evidence-SHA256"] = evidence.sha256
        return answer


# --- Reviews ------------------------------------------------------------------------------


def _review_qs(user):
    return selectors.reviews_for(user)


@extend_schema_view(
    get=extend_schema(
        summary="List reviews",
        description="Reviews of your organisation's responses, newest first.",
        parameters=[filters.ByResponse],
        tags=["Reviews"],
    )
)
class ReviewList(generics.ListAPIView):
    serializer_class = serializers.ReviewSerializer

    def get_queryset(self):
        params = filters.ByResponse.read(self.request)
        qs = _review_qs(self.request.user)
        if params.get("response"):
            qs = qs.filter(response_id=params["response"])
        return qs.order_by("-reviewed_on", "-id")


@extend_schema_view(get=extend_schema(summary="One review", tags=["Reviews"]))
class ReviewDetail(generics.RetrieveAPIView):
    serializer_class = serializers.ReviewSerializer

    def get_queryset(self):
        return _review_qs(self.request.user)


@extend_schema_view(get=extend_schema(summary="List a response's reviews", tags=["Reviews"]))
class ResponseReviews(generics.ListAPIView):
    serializer_class = serializers.ReviewSerializer

    def get_queryset(self):
        response = selectors.response_for_action(self.request.user, self.kwargs["pk"])
        return (
            _review_qs(self.request.user).filter(response=response).order_by("-reviewed_on", "-id")
        )

    @extend_schema(
        summary="Record a review of a response (liaison)",
        description="Accepted (on track), more evidence needed, or escalate to the board. Moves "
        "the next review date on by the organisation's review cycle.",
        request=serializers.ReviewCreateSerializer,
        responses={201: serializers.ReviewSerializer, **errors(400, 401, 403, 404)},
        tags=["Reviews"],
    )
    def post(self, request, pk: int):
        response = selectors.response_for_action(request.user, pk)
        if not policies.can_manage(request.user, response):
            raise PermissionDenied("Only the liaison lead records reviews.")
        data = validated(serializers.ReviewCreateSerializer, request.data)
        with service_call():
            review = services.review_record(
                response=response,
                actor=request.user,
                outcome=data["outcome"],
                notes=data["notes"],
                reviewed_on=data["reviewed_on"],
            )
        return _created(serializers.ReviewSerializer(review).data, "api:review-detail", review.pk)
