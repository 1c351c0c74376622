"""recommendations/migrations/0008: the review outcome and closure stage codes renamed to the
words of DESIGN.md, in the records and in their history, and back again."""

from __future__ import annotations

import importlib

from django.apps import apps

from oversight.recommendations import services
from oversight.recommendations.models import ClosureRequest, Review

migration = importlib.import_module(
    "oversight.recommendations.migrations.0008_review_and_closure_words_of_design"
)


def _codes(model, field):
    live = set(model.objects.values_list(field, flat=True))
    past = set(model.history.values_list(field, flat=True))
    return live, past


def test_old_codes_become_the_words_and_back(response, people):
    review = services.review_record(response=response, actor=people["liaison"], outcome="accepted")
    closure = services.closure_request(
        response=response, actor=people["owner"], statement="Done: the policy is on file."
    )
    closure = services.closure_check(closure=closure, actor=people["liaison"])
    closure = services.closure_sign_off(closure=closure, actor=people["executive"])
    # as a database from before the migration holds them
    migration.backwards(apps, None)
    assert _codes(Review, "outcome") == ({"on_track"}, {"on_track"})
    assert _codes(ClosureRequest, "stage") == (
        {"approved"},
        {"requested", "evidence_checked", "approved"},
    )
    migration.forwards(apps, None)
    assert _codes(Review, "outcome") == ({"accepted"}, {"accepted"})
    assert _codes(ClosureRequest, "stage") == (
        {"signed_off"},
        {"requested", "evidence_checked", "signed_off"},
    )
    review.refresh_from_db()
    closure.refresh_from_db()
    assert (review.get_outcome_display(), closure.get_stage_display()) == (
        "Accepted: on track",
        "Signed off",
    )
