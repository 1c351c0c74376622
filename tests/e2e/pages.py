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

    def open_section(self, name: str) -> None:
        """Follow a top-level item of the main navigation ("Papers", "Import" …)."""
        self.page.get_by_role("link", name=name, exact=True).click()
        self.page.wait_for_load_state()

    def search_from_header(self, words: str) -> None:
        self.page.get_by_label(
            "Search recommendations, updates, inspections and reports"
        ).first.fill(words)
        self.page.locator("header").get_by_role("button", name="Search").click()

    def save(self, button: str = "Save") -> None:
        self.page.get_by_role("button", name=button).click()
        self.page.wait_for_load_state()

    def cell(self, text: str) -> Locator:
        return self.page.get_by_role("cell", name=text, exact=True)


class Responses(Layout):
    """The register, My responses and a response's page."""

    def register_table(self) -> Locator:
        return self.page.locator("table.app-table--register")

    def filter_summary(self) -> Locator:
        return self.page.locator("#filter-summary")

    def reference_link(self, reference: str) -> Locator:
        """A recommendation's link in the register, by its reference."""
        return self.page.get_by_role("link", name=re.compile(rf"^{reference}\b"))

    def filter_by(self, label: str, option: str) -> None:
        self.page.get_by_label(label).select_option(label=option)
        self.page.get_by_role("button", name="Apply filters").click()

    def open_from_my_responses(self, reference: str) -> None:
        self.page.get_by_role("link", name="My responses").click()
        expect(self.heading()).to_have_text("My responses")
        self.page.get_by_role("link", name=f"Recommendation {reference}").click()
        expect(self.heading()).to_contain_text(f"Recommendation {reference}")

    def open_from_register(self, reference: str) -> None:
        self.app.goto("/recommendations/")
        self.reference_link(reference).click()
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


class Dashboard(Layout):
    """The dashboard: figures that open the register, the charts and the trend."""

    def figure(self, label: str) -> Locator:
        return self.page.locator(".app-figure-card a", has_text=label)

    def follow_figure(self, label: str) -> str:
        """Open the register from a figure; returns the figure as shown."""
        figure = self.figure(label)
        shown = figure.locator(".app-card__figure").inner_text()
        figure.click()
        return shown


class SearchResults(Layout):
    def results(self) -> Locator:
        return self.page.locator(".app-search-result")

    def heading_for(self, words: str) -> Locator:
        return self.page.get_by_role(
            "heading", name=re.compile(f"results for ‘{re.escape(words)}’")
        )


class Papers(Layout):
    """Committee papers: the list, a paper, its sections and issuing it."""

    def open_paper(self, version: int, meeting: str) -> None:
        self.page.get_by_role("link", name=f"Version {version} of the paper for {meeting}").click()
        expect(self.heading()).to_have_text("HMICFRS update")

    def section(self, key: str) -> Locator:
        return self.page.locator(f"#section-{key}")

    def edit_link(self, title: str) -> Locator:
        return self.page.get_by_role("link", name=f"Edit {title}")

    def add_to_section(self, title: str, words: str, screenshot: str | None = None) -> None:
        """Edit a section and add a paragraph at its end."""
        self.edit_link(title).click()
        if screenshot:
            self.app.assert_accessible(screenshot)
        text = self.page.get_by_label("Text")
        text.fill(text.input_value() + "\n\n" + words)
        self.page.get_by_role("button", name="Save the section").click()

    def issue(self, screenshot: str | None = None) -> None:
        self.page.get_by_role("button", name="Issue this paper").click()
        if screenshot:
            self.app.assert_accessible(screenshot)
        self.page.get_by_role("button", name="Issue the paper").click()
        expect(self.success()).to_be_visible()


class Import(Layout):
    """The Import pages: upload, the preview of what will be imported, the result."""

    def upload(self, path) -> None:
        self.app.goto("/import/")
        expect(self.heading()).to_contain_text("Import a file")
        self.page.get_by_label("File").set_input_files(str(path))
        self.page.get_by_role("button", name="Read the file").click()

    def row_problems(self) -> Locator:
        return self.page.locator("#row-problems")

    def skip_row(self, row: int) -> None:
        self.row_problems().get_by_label(f"Skip this row (row {row})").check()

    def confirm(self) -> None:
        self.page.get_by_role("button", name="Import", exact=True).click()


class Organisation(Layout):
    """Manage organisation: people, portfolios, boards, settings."""

    def person_row(self, username: str) -> Locator:
        return self.page.get_by_role("row").filter(has_text=username)

    def invite(self, **person: str) -> None:
        self.page.get_by_role("button", name="Invite a person").click()
        self.fill_invitation(**person)

    def fill_invitation(self, *, username: str, first: str, last: str, email: str, role: str):
        """On the invitation form: a person's details and role, then send it."""
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("First name").fill(first)
        self.page.get_by_label("Last name").fill(last)
        self.page.get_by_label("E-mail address").fill(email)
        self.page.get_by_label(role).check()
        self.save("Send the invitation")

    def change_person(self, username: str) -> None:
        self.person_row(username).get_by_role("link", name=re.compile("Change")).click()

    def add_named(self, kind: str, name: str, person: str = "", screenshot: str = "") -> None:
        """Add a portfolio or a board: its name and (optional) its lead or chair."""
        self.page.get_by_role("button", name=f"Add a {kind}").click()
        if screenshot:
            self.app.assert_accessible(screenshot)
        self.page.get_by_label("Name").fill(name)
        if person:
            self.page.get_by_label(re.compile(r"(Lead|Chair) \(optional\)")).fill(person)
        self.save()


class ApiTokens(Layout):
    """Account → API tokens: make one (shown once), revoke one."""

    def make(self, name: str, lasts: str) -> str:
        """Make a token; returns its secret, as the page shows it the one time."""
        self.page.get_by_label("Name").fill(name)
        self.page.get_by_label(lasts).check()
        self.page.get_by_role("button", name="Make the token").click()
        expect(self.page.get_by_role("heading", name="Copy your new API token now")).to_be_visible()
        return self.page.get_by_label("Your new token").input_value()

    def row(self, name: str) -> Locator:
        return self.page.get_by_role("row", name=name)

    def revoke(self, name: str) -> None:
        self.row(name).get_by_role("link", name="Revoke").click()
        expect(self.heading()).to_contain_text(f"Revoke the token ‘{name}’?")
        self.page.get_by_role("button", name="Revoke the token").click()


class TwoFactor(Layout):
    """Account → Two-step verification, and the code asked for at sign-in."""

    def secret(self) -> str:
        return self.page.locator("#two-factor-secret").inner_text().replace(" ", "")

    def turn_on(self, code: str) -> None:
        self.page.get_by_label("Code from your authenticator app").fill(code)
        self.page.get_by_role("button", name="Turn on two-step verification").click()

    def enter_sign_in_code(self, code: str) -> None:
        self.page.get_by_label("Code", exact=True).fill(code)
        self.page.get_by_role("button", name="Continue").click()
