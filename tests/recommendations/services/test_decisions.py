"""recommendations.services.decisions, called directly: extensions decided by an executive,
closure through its stages (requested, evidence checked, signed off or submitted and decided
by the inspectorate), each refused out of turn, each in the trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from oversight import clock
from oversight.recommendations import services
from oversight.recommendations.models import (
    ClosureStage,
    RequestStatus,
    Response,
    ResponseStatus,
    SignOff,
)
from tests.recommendations.services.conftest import reasons


def test_an_extension_is_asked_by_the_owner_and_decided_by_an_executive(response, people):
    later = response.due_on + dt.timedelta(days=90)
    with pytest.raises(PermissionDenied):
        services.extension_request(
            response=response, actor=people["viewer"], proposed_due_on=later, reason="More time"
        )
    asked = services.extension_request(
        response=response, actor=people["owner"], proposed_due_on=later, reason="Staff moved"
    )
    assert asked.status == RequestStatus.PENDING
    for who in ("owner", "liaison"):
        with pytest.raises(PermissionDenied):
            services.extension_decide(extension=asked, actor=people[who], approve=True)
    decided = services.extension_decide(extension=asked, actor=people["executive"], approve=True)
    assert decided.status == RequestStatus.APPROVED
    current = Response.objects.get(pk=response.pk)
    assert current.revised_due_on == later
    assert current.recommendation.due_on == response.recommendation.due_on  # the original kept


def test_closure_goes_through_its_stages_in_turn(response, people):
    with pytest.raises(ValueError, match="closing statement"):
        services.closure_request(response=response, actor=people["owner"], statement=" ")
    closure = services.closure_request(
        response=response, actor=people["owner"], statement="Done: the policy is on file."
    )
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.READY_FOR_CLOSURE
    with pytest.raises(PermissionDenied):  # signed off only after the evidence check
        services.closure_sign_off(closure=closure, actor=people["executive"])
    with pytest.raises(ValueError):  # one closure at a time
        services.closure_request(response=response, actor=people["owner"], statement="Again")
    closure = services.closure_check(closure=closure, actor=people["liaison"])
    assert closure.stage == ClosureStage.EVIDENCE_CHECKED
    closure = services.closure_sign_off(closure=closure, actor=people["executive"])
    closed = Response.objects.get(pk=response.pk)
    assert (closed.status, closed.rag, closed.closed_on) == (
        ResponseStatus.CLOSED,
        "blue",
        clock.today(),
    )
    with pytest.raises(ValueError, match="already closed"):
        services.closure_request(response=closed, actor=people["owner"], statement="Again")


def test_a_returned_closure_says_why_and_the_response_is_in_progress_again(response, people):
    closure = services.closure_request(response=response, actor=people["owner"], statement="Done.")
    with pytest.raises(ValueError):
        services.closure_return(closure=closure, actor=people["liaison"], note=" ")
    returned = services.closure_return(
        closure=closure, actor=people["liaison"], note="The policy is not attached"
    )
    assert returned.stage == ClosureStage.RETURNED
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.IN_PROGRESS


def test_the_inspectorate_signs_off_what_it_must(response, people):
    Response.objects.filter(pk=response.pk).update(sign_off=SignOff.INSPECTORATE)
    response.refresh_from_db()
    closure = services.closure_request(response=response, actor=people["owner"], statement="Done.")
    closure = services.closure_check(closure=closure, actor=people["liaison"])
    with pytest.raises(PermissionDenied):  # not the executive's to sign off
        services.closure_sign_off(closure=closure, actor=people["executive"])
    closure = services.closure_submit(closure=closure, actor=people["liaison"])
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.SUBMITTED
    services.closure_inspectorate_decision(closure=closure, actor=people["liaison"], accepted=True)
    closed = Response.objects.get(pk=response.pk)
    assert closed.status == ResponseStatus.CLOSED_BY_INSPECTORATE
    assert "Closed by the inspectorate" in reasons(closed)[-1]


def test_a_due_date_is_set_only_where_there_is_none(response, people):
    with pytest.raises(ValueError, match="request an extension"):
        services.due_date_set(
            response=response, actor=people["liaison"], due_on=clock.today(), reason="Agreed"
        )
    response.recommendation.due_on = None
    response.recommendation.save()
    response.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.due_date_set(
            response=response, actor=people["owner"], due_on=clock.today(), reason="Agreed"
        )
    done = services.due_date_set(
        response=response, actor=people["liaison"], due_on=clock.today(), reason="Agreed at board"
    )
    assert done.due_on == clock.today()
    assert reasons(done)[-1] == "Due date set: Agreed at board"
