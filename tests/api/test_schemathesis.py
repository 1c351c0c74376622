"""Schemathesis against the OpenAPI schema: whatever the schema allows (and what it does not),
the API never answers with a server error, and what it answers matches the schema.

Run in-process through the WSGI application, as the demo liaison (who may use every write),
with real record ids for the paths so that the writes reach the services. Bounded: a few
examples per operation, derandomised so that CI runs are repeatable.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from oversight.api.models import ApiToken  # noqa: F401 - the app's models are loaded
from oversight.recommendations.models import Response, Review, Update
from oversight.recommendations.services import evidence_add, review_record

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXAMPLES = int(os.environ.get("OVERSIGHT_SCHEMATHESIS_EXAMPLES", "5"))  # CI: 5 a mode
# Every check schemathesis has, as it ships, but one allowance: a write may be refused (400)
# for rules a schema cannot state (a file's kind is read from its content; the workflow
# decides what may follow what). Reads get no allowance: a valid filter must be answered.
CONFIG = schemathesis.Config.from_dict(
    {
        "operations": [
            {
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "400", "401", "403", "404", "409"]
                    }
                },
            }
        ]
    }
)


def _ids(person) -> dict[str, int]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    liaison = person("liaison")
    response = (
        Response.objects.filter(organisation=liaison.organisation, status="in_progress")
        .order_by("pk")
        .first()
    )
    evidence = evidence_add(
        response=response, actor=liaison, upload=SimpleUploadedFile("minutes.pdf", PDF)
    )
    review = review_record(response=response, actor=liaison, outcome="accepted")
    return {
        "/api/v1/responses/": response.pk,
        "/api/v1/evidence/": evidence.pk,
        "/api/v1/reviews/": review.pk,
        "/api/v1/updates/": Update.objects.filter(response=response).first().pk,
        "/api/v1/recommendations/": response.recommendation_id,
        "/api/v1/reports/": response.recommendation.report_id,
        "/api/v1/organisations/": liaison.organisation_id,
        "/api/v1/inspections/": liaison.organisation.inspections.first().pk,
    }


@pytest.fixture
def wsgi_app():
    """Django's WSGI application inside the test's transaction: like Django's test client, it
    must not close the database connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_server_error_anywhere_in_the_schema(person, token_for, wsgi_app):
    headers = {"Authorization": f"Bearer {token_for('liaison')}"}
    ids = _ids(person)
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", wsgi_app, headers=headers, config=CONFIG
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25

    ran = 0
    for operation in operations:
        path_id = next(
            (pk for prefix, pk in ids.items() if operation.path.startswith(prefix + "{id}")),
            None,
        )
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(
                generation_mode=mode,
                headers=headers,
                path_parameters={"id": path_id} if path_id and mode.is_positive else None,
            )

            @given(case=strategy)
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=EXAMPLES <= 5,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                response = case.call(headers=headers)
                case.validate_response(response)  # every check schemathesis has

            check()
            ran += 1
    assert ran == 2 * len(operations)
    assert Review.objects.count() >= 1
