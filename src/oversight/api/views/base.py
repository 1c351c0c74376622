"""Pieces every API view shares."""

from __future__ import annotations

from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.serializers import Serializer


class FirstRenderer(BaseContentNegotiation):
    """For files and CSV: answer in our format whatever the client's Accept says; errors are
    rendered by the first renderer (JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return (renderers[0], renderers[0].media_type)


def validated(serializer_class: type[Serializer], data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


ERRORS = {
    400: {"description": "Bad input: `detail` or the fields say what to change."},
    401: {"description": "No token, or the token is not valid, revoked or expired."},
    403: {"description": "Your role cannot do this."},
    404: {"description": "Not found, or not your organisation's."},
}


def errors(*codes: int) -> dict:
    from drf_spectacular.utils import OpenApiResponse

    return {code: OpenApiResponse(description=ERRORS[code]["description"]) for code in codes}
