"""Errors as JSON, with the same words the pages use.

- not signed in or a bad token: 401; not allowed: 403; another organisation's record: 404
- bad input (a service's ValueError, a refused file): 400 with `detail`
- someone else saved the record first (EditConflict): 409 with what they changed
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from oversight.conflicts import EditConflict


def exception_handler(exc, context):
    if isinstance(exc, EditConflict):
        return Response(
            {
                "detail": str(exc),
                "code": "edit_conflict",
                "changed_by": exc.who,
                "changed_at": exc.when.isoformat() if exc.when else None,
                "changes": exc.changes,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, PermissionDenied):
        return Response(
            {"detail": str(exc) or "You cannot do this."}, status=status.HTTP_403_FORBIDDEN
        )
    return drf_exception_handler(exc, context)


class BadInput(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"


@contextmanager
def service_call() -> Iterator[None]:
    """Around a service: its refusals of bad input (ValueError, RefusedFile) become 400."""
    try:
        yield
    except DjangoValidationError as exc:
        raise BadInput(" ".join(exc.messages)) from exc
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
