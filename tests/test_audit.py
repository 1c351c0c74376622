"""oversight.audit: the one write path of the services (save, update, delete): validated, in
the trail with who and why, the version raised, the search index noted for after the commit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oversight import audit
from tests.factories import ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_update_sets_the_changes_raises_the_version_and_writes_the_trail(
    django_capture_on_commit_callbacks,
):
    response = ResponseFactory(rag="")
    liaison = UserFactory(organisation=response.organisation)
    before = response.version
    with django_capture_on_commit_callbacks() as callbacks:
        updated = audit.update(response, actor=liaison, reason="RAG confirmed as Red", rag="red")
    assert (updated.rag, updated.version) == ("red", before + 1)
    latest = response.history.order_by("-history_id").first()
    assert (latest.rag, latest.history_user, latest.history_change_reason) == (
        "red",
        liaison,
        "RAG confirmed as Red",
    )
    assert callbacks == []  # a response has no search entry of its own
    with django_capture_on_commit_callbacks() as callbacks:
        audit.update(response.recommendation, actor=liaison, reason="Corrected", theme="Custody")
    assert len(callbacks) == 1  # its recommendation has: written after the commit


def test_update_refuses_a_name_that_is_not_a_field_and_changes_nothing():
    response = ResponseFactory(rag="amber")
    rows = response.history.count()
    with pytest.raises(TypeError, match="Response has no field colour"):
        audit.update(response, actor=None, reason="x", rag="red", colour="red")
    assert response.rag == "amber" and not hasattr(response, "colour")  # nothing set
    response.refresh_from_db()
    assert response.rag == "amber"
    assert response.history.count() == rows


def test_update_validates_before_it_saves():
    response = ResponseFactory()
    rows = response.history.count()
    with pytest.raises(ValidationError):
        audit.update(response, actor=None, reason="x", rag="purple")
    assert response.history.count() == rows
