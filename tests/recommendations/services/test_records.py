"""recommendations.services.records, called directly: who may, what is refused in words and
changes nothing, the version that stops one person overwriting another, the trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from oversight.conflicts import EditConflict
from oversight.recommendations import services
from oversight.recommendations.models import Response, ResponseStatus
from tests.recommendations.services.conftest import reasons


def test_rag_is_confirmed_by_the_liaison_only_and_in_the_trail(response, people):
    for who in ("owner", "executive", "viewer", "stranger"):
        with pytest.raises(PermissionDenied):
            services.rag_confirm(
                response=response, actor=people[who], rag="red", expected_version=None
            )
    done = services.rag_confirm(
        response=response, actor=people["liaison"], rag="amber", expected_version=1, note="Q2"
    )
    assert (done.rag, done.version) == ("amber", 2)
    assert reasons(done)[-1] == "RAG confirmed as Amber: Q2"


def test_blue_and_nonsense_ratings_are_refused(response, people):
    for rag in ("blue", "purple", ""):
        with pytest.raises(ValueError, match="Choose red, amber or green"):
            services.rag_confirm(
                response=response, actor=people["liaison"], rag=rag, expected_version=None
            )
    assert Response.objects.get(pk=response.pk).version == response.version


def test_a_stale_version_is_a_conflict_not_an_overwrite(response, people):
    services.rag_confirm(response=response, actor=people["liaison"], rag="red", expected_version=1)
    with pytest.raises(EditConflict):
        services.rag_confirm(
            response=response, actor=people["liaison"], rag="green", expected_version=1
        )
    assert Response.objects.get(pk=response.pk).rag == "red"


def test_the_owner_must_be_of_the_organisation_and_able_to_own(response, people):
    for who in ("stranger", "viewer"):
        with pytest.raises(ValueError):
            services.response_assign(
                response=response, actor=people["liaison"], owner=people[who], reason="x"
            )
    assert Response.objects.get(pk=response.pk).owner == people["owner"]


def test_a_closed_response_is_not_edited_until_reopened_with_a_reason(response, people):
    Response.objects.filter(pk=response.pk).update(status=ResponseStatus.CLOSED, rag="blue")
    response.refresh_from_db()
    with pytest.raises(ValueError, match="Reopen it, with a reason"):
        services.response_assign(
            response=response, actor=people["liaison"], owner=people["liaison"], reason="x"
        )
    with pytest.raises(ValueError, match="Enter why"):
        services.response_reopen(
            response=response, actor=people["liaison"], expected_version=None, reason=" "
        )
    reopened = services.response_reopen(
        response=response, actor=people["liaison"], expected_version=None, reason="New evidence"
    )
    assert (reopened.status, reopened.rag) == (ResponseStatus.IN_PROGRESS, "")
    assert reasons(reopened)[-1] == "Reopened: New evidence"


def test_a_leavers_open_work_moves_and_their_closed_work_stays(response, people, org):
    from tests.factories import ResponseFactory

    closed = ResponseFactory(organisation=org, owner=people["owner"], status=ResponseStatus.CLOSED)
    moved = services.responses_reassign(
        organisation=org,
        from_owner=people["owner"],
        to_owner=people["liaison"],
        actor=people["liaison"],
    )
    assert moved == 1
    assert Response.objects.get(pk=response.pk).owner == people["liaison"]
    assert Response.objects.get(pk=closed.pk).owner == people["owner"]
    with pytest.raises(PermissionDenied):
        services.responses_reassign(
            organisation=org,
            from_owner=people["liaison"],
            to_owner=people["owner"],
            actor=people["stranger"],
        )


def test_only_an_open_response_is_started(response, people):
    started = services.response_start(response=response, actor=people["liaison"], reason="Go")
    assert started.status == ResponseStatus.IN_PROGRESS
    assert reasons(started)[-1] == "Go: now in progress"
    with pytest.raises(ValueError, match="not open"):
        services.response_start(response=response, actor=people["liaison"], reason="Again")
