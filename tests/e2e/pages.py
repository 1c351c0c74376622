"""Page objects for the browser tests: what a person does on a page, in the page's own words.

A test reads as the person's steps (`responses.open_from_my_responses("9159")`,
`decisions.decide("Closure requests", "Sign off: close the response")`); when a label or a
component changes, it changes here once. Each object wraps the `app` fixture (conftest.App:
the Playwright page, the live server's address, the resources that failed to load).
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect


class Layout:
    """What every signed-in page has: its heading, banners, error summary and header."""

    def __init__(self, app):
        self.app = app
        self.page = app.page

    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def success(self) -> Locator:
        return self.page.locator(".govuk-notification-banner--success")

    def error_summary(self) -> Locator:
        return self.page.locator(".govuk-error-summary")

    def sent_back(self, path: str, status: int = 400) -> None:
        """A form sent back with its errors answers 400 on purpose: that one is not a failure
        of the page's resources."""
        wanted = f"{status} {self.app.base_url}{path}"
        assert wanted in self.app.failures, f"expected {wanted}, saw {self.app.failures}"
        self.app.failures.remove(wanted)

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        self.page.wait_for_load_state()

    def path(self) -> str:
        return self.page.url.removeprefix(self.app.base_url)


class Responses(Layout):
    """The register, My responses and a response's page."""

    def open_from_my_responses(self, reference: str) -> None:
        self.page.get_by_role("link", name="My responses").click()
        expect(self.heading()).to_have_text("My responses")
        self.page.get_by_role("link", name=f"Recommendation {reference}").click()
        expect(self.heading()).to_contain_text(f"Recommendation {reference}")

    def open_from_register(self, reference: str) -> None:
        self.app.goto("/recommendations/")
        self.page.get_by_role("link", name=re.compile(rf"^{reference}\b")).click()
        expect(self.heading()).to_contain_text(f"Recommendation {reference}")

    def summary(self) -> Locator:
        return self.page.locator(".govuk-summary-list--no-border")

    def timeline(self) -> Locator:
        return self.page.locator(".moj-timeline").first

    def row(self, key: str) -> Locator:
        """The summary-list row whose key is exactly `key`."""
        exact = self.page.locator(
            ".govuk-summary-list__key", has_text=re.compile(rf"^\s*{key}\s*$")
        )
        return self.page.locator(".govuk-summary-list__row").filter(has=exact)


class Decisions(Layout):
    """The Decisions pages: extension and closure requests waiting for someone."""

    def decide(self, list_link: str, action: str, note: str = "", reference: str = "9159"):
        """Open the request on `reference` from `list_link` and record `action`."""
        self.page.get_by_role("link", name="Decisions").click()
        if list_link != "Extension requests":
            self.page.get_by_role("link", name=list_link).click()
        self.app.assert_accessible(f"lifecycle-{list_link.lower().replace(' ', '-')}")
        self.page.get_by_role(
            "link", name=re.compile(rf"^Recommendation {reference}")
        ).first.click()
        self.app.assert_accessible(
            f"lifecycle-{action.split(':')[0].lower().replace(' ', '-')}-form"
        )
        self.page.get_by_label(action).check()
        if note:
            self.page.get_by_label("Note").fill(note)
        self.page.get_by_role("button", name="Record the decision").click()
        expect(self.success()).to_contain_text("Your decision was recorded")


class Inspection(Layout):
    """An inspection's page in the programme."""

    def move_on(self, step: str, when: str, screenshot: str | None = None) -> None:
        self.page.get_by_role("button", name="Move to the next step").click()
        expect(self.heading()).to_have_text("Move to the next step")
        if screenshot:
            self.app.assert_accessible(screenshot)
        self.page.get_by_label(step, exact=True).check()
        self.page.get_by_label("When did it happen?").fill(when)
        self.page.get_by_role("button", name="Move the inspection on").click()
        expect(self.success()).to_contain_text(f"The inspection moved to {step.lower()}.")
