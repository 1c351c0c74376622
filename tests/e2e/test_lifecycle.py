"""The lifecycle of a response in the browser, on the demo record (owner owns 9159): an update
with evidence, an extension approved by an executive, a closure checked and signed off, and a
viewer who may change nothing. Every page walked through passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import Decisions, Responses

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_owner_adds_an_update_with_evidence(app, demo, tmp_path):
    evidence = tmp_path / "Crime Board minutes.pdf"
    evidence.write_bytes(PDF)
    responses = Responses(app)
    app.sign_in("owner")
    app.page.get_by_role("link", name="My responses").click()
    app.assert_accessible("lifecycle-my-responses")
    app.page.get_by_role("link", name="Recommendation 9159").click()
    app.assert_accessible("lifecycle-response-owner")

    app.page.get_by_role("button", name="Add an update").click()
    expect(responses.heading()).to_have_text("Add an update")
    app.assert_accessible("lifecycle-update-form")
    form_path = responses.path()
    app.page.get_by_role("button", name="Add the update").click()
    responses.sent_back(form_path)
    summary = responses.error_summary()
    expect(summary).to_contain_text("Enter what progress has been made")
    expect(summary).to_contain_text("Choose the RAG rating you propose")
    app.assert_accessible("lifecycle-update-form-errors")

    app.page.get_by_label("What progress has been made?").fill(
        "The cyber-enabled flag is now checked in the daily management meeting."
    )
    app.page.get_by_label("Green", exact=True).check()
    app.page.get_by_label("Files", exact=True).set_input_files(str(evidence))
    app.page.get_by_label("Describe the files (optional)").fill("Minutes, Crime Board, May 2022")
    app.page.get_by_role("button", name="Add the update").click()

    expect(responses.success()).to_contain_text("Your update was added with 1 evidence file")
    timeline = responses.timeline()
    expect(timeline).to_contain_text("daily management meeting")
    expect(timeline.get_by_role("link", name="Crime Board minutes.pdf")).to_be_visible()
    app.assert_accessible("lifecycle-response-after-update")


def test_extension_asked_for_and_approved(app, demo):
    responses, decisions = Responses(app), Decisions(app)
    app.sign_in("owner")
    responses.open_from_my_responses("9159")
    app.page.get_by_role("button", name="Ask for more time").click()
    app.assert_accessible("lifecycle-extension-form")
    app.page.get_by_label("Day").fill("31")
    app.page.get_by_label("Month").fill("3")
    app.page.get_by_label("Year").fill("2027")
    app.page.get_by_label("Why is more time needed?").fill(
        "The new crime recording system goes live in 2026."
    )
    app.page.get_by_role("button", name="Send the request").click()
    expect(responses.success()).to_contain_text("extension request was sent")
    expect(app.page.get_by_text("Waiting for a decision").first).to_be_visible()
    responses.sign_out()

    app.sign_in("executive")
    decisions.decide("Extension requests", "Approve")
    expect(responses.heading()).to_contain_text("Recommendation 9159")
    expect(responses.row("Due")).to_contain_text("31 March 2027")
    expect(responses.row("Original due date")).to_contain_text("19 October 2018")
    app.assert_accessible("lifecycle-response-after-extension")


def test_closure_asked_for_checked_and_signed_off(app, demo):
    responses, decisions = Responses(app), Decisions(app)
    app.sign_in("owner")
    responses.open_from_my_responses("9159")
    app.page.get_by_role("button", name="Ask for closure").click()
    app.assert_accessible("lifecycle-closure-request-form")
    app.page.get_by_label("Closing statement").fill(
        "The flag is used every day; the problem profile shows the patterns it found."
    )
    app.page.get_by_role("button", name="Ask for closure").click()
    expect(responses.heading()).to_have_text("Closure request")
    expect(app.page.locator(".govuk-summary-list").first).to_contain_text("Requested by the owner")
    app.assert_accessible("lifecycle-closure-requested")
    responses.sign_out()

    app.sign_in("liaison")
    decisions.decide("Closure requests", "Evidence checked: send for sign-off", "Minutes seen")
    expect(app.page.locator(".govuk-summary-list").first).to_contain_text(
        "Evidence checked by the liaison"
    )
    app.assert_accessible("lifecycle-closure-checked")
    responses.sign_out()

    app.sign_in("executive")
    decisions.decide("Closure requests", "Sign off: close the response")
    app.page.get_by_role("link", name="Back to the response").click()
    response_summary = responses.summary()
    expect(response_summary).to_contain_text("Closed")
    expect(response_summary).to_contain_text("Blue (complete)")
    expect(app.page.get_by_role("button", name="Add an update")).to_have_count(0)
    app.assert_accessible("lifecycle-response-closed")
    app.page.go_back()
    expect(app.page.get_by_role("heading", name="What was approved")).to_be_visible()
    app.assert_accessible("lifecycle-closure-approved")
    responses.sign_out()

    # evidence is fixed once closed: the liaison reopens it, with a reason, to change it
    app.sign_in("liaison")
    responses.open_from_register("9159")
    app.page.get_by_role("link", name="Reopen it, with a reason").click()
    app.assert_accessible("lifecycle-reopen-form")
    app.page.get_by_label("Why is it reopened?").fill("The inspectorate asked for the policy")
    app.page.get_by_role("button", name="Reopen the response").click()
    expect(app.page.get_by_text("The response was reopened")).to_be_visible()
    expect(app.page.get_by_role("button", name="Add evidence")).to_be_visible()


def test_viewer_sees_no_actions_and_cannot_post(app, demo):
    from oversight.recommendations.models import Response, Update

    responses = Responses(app)
    app.sign_in("viewer")
    responses.open_from_register("9159")
    for name in ("Add an update", "Add evidence", "Ask for more time", "Ask for closure"):
        expect(app.page.get_by_role("button", name=name)).to_have_count(0)
        expect(app.page.get_by_role("link", name=name)).to_have_count(0)
    expect(app.page.get_by_role("link", name="Confirm the RAG rating")).to_have_count(0)
    expect(
        app.page.get_by_role("link", name="See the full history of this response")
    ).to_be_visible()
    app.assert_accessible("lifecycle-response-viewer")

    response = Response.objects.get(recommendation__reference="9159")
    updates = Update.objects.count()
    token = app.page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    for path, data in [
        (f"/recommendations/responses/{response.pk}/updates/new/", {"narrative": "x"}),
        (f"/recommendations/responses/{response.pk}/closure/", {"statement": "x"}),
        (f"/recommendations/responses/{response.pk}/rag/", {"rag": "red"}),
    ]:
        answer = app.page.request.post(
            app.base_url + path,
            form={"csrfmiddlewaretoken": token, "proposed_rag": "green", **data},
            headers={"Referer": app.base_url + path},
        )
        assert answer.status == 403, f"{path}: {answer.status}"
    assert Update.objects.count() == updates
    response.refresh_from_db()
    assert response.status == "in_progress" and response.rag == "green"

    app.page.get_by_role("link", name="See the full history of this response").click()
    expect(responses.heading()).to_have_text("History")
    app.assert_accessible("lifecycle-history")


def test_liaison_pages_are_accessible(app, demo):
    """The liaison's forms on 9159, each as drawn and with its errors."""
    from oversight.recommendations.models import Response

    response = Response.objects.get(recommendation__reference="9159")
    responses = Responses(app)
    app.sign_in("liaison")
    app.goto(f"/recommendations/responses/{response.pk}/")
    expect(app.page.get_by_role("link", name="Assign or edit the response")).to_be_visible()
    app.assert_accessible("lifecycle-response-liaison")
    app.page.get_by_role("link", name="Recommendations", exact=True).click()
    app.page.get_by_role("navigation", name="Recommendations").get_by_role(
        "link", name="Reviews due"
    ).click()
    app.assert_accessible("lifecycle-reviews-due")
    for path, name, button in [
        (f"responses/{response.pk}/edit/", "response-form", "Save the response"),
        (f"responses/{response.pk}/rag/", "rag-form", "Confirm the rating"),
        (f"responses/{response.pk}/review/", "review-form", "Record the review"),
        (f"{response.recommendation.pk}/edit/", "recommendation-form", None),
        ("new/", "recommendation-new-form", "Record the recommendation"),
        ("reassign/", "reassign-form", "Reassign the open responses"),
        (f"{response.recommendation.pk}/discharge/", "discharge-form", "Record the discharge"),
        (f"responses/{response.pk}/evidence/new/", "evidence-form", "Add the evidence"),
    ]:
        app.goto(f"/recommendations/{path}")
        app.assert_accessible(f"lifecycle-{name}")
        if button is None:
            continue
        if name == "review-form":
            app.page.get_by_label("Day").fill("")
        if name == "response-form":
            app.page.get_by_label("Month").fill("13")
        if name == "rag-form":
            app.page.evaluate(
                "document.querySelectorAll('input[name=rag]').forEach(r => r.checked = false)"
            )
        app.page.get_by_role("button", name=button).click()
        responses.sent_back(f"/recommendations/{path}")
        expect(responses.error_summary()).to_be_visible()
        app.assert_accessible(f"lifecycle-{name}-errors")
