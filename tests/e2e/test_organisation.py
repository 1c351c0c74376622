"""The liaison lead manages their organisation in the browser: invites a person, changes a
role, deactivates a leaver, adds a portfolio, a board and a committee (axe on every page)."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.e2e.pages import Organisation

pytestmark = pytest.mark.e2e


def test_the_liaison_manages_people_portfolios_boards_and_committees(app, demo):
    organisation, page = Organisation(app), app.page
    app.sign_in("liaison")
    page.get_by_role("link", name="Manage organisation").click()
    page.wait_for_load_state()
    app.check_styled()
    app.assert_accessible("organisation-index")

    page.get_by_role("link", name="People").click()
    app.assert_accessible("organisation-people")
    page.get_by_role("button", name="Invite a person").click()
    page.get_by_role("button", name="Send the invitation").click()
    assert page.get_by_text("There is a problem").is_visible()
    app.failures[:] = [f for f in app.failures if not f.startswith("400 ")]  # the form's answer
    app.assert_accessible("organisation-invite-errors")
    organisation.fill_invitation(
        username="sam.smith",
        first="Sam",
        last="Smith",
        email="sam.smith@west-midlands.police.uk",
        role="Recommendation owner",
    )
    assert page.get_by_text("An invitation to choose a password was sent").is_visible()
    assert any("sam.smith" in m.body for m in mail.outbox)
    assert "Invited" in organisation.person_row("sam.smith").inner_text()

    organisation.change_person("sam.smith")
    app.assert_accessible("organisation-person")
    page.get_by_label("Executive").check()
    organisation.save()
    assert "Executive" in organisation.person_row("sam.smith").inner_text()

    organisation.change_person("sam.smith")
    page.get_by_role("link", name="Deactivate Sam Smith").click()
    app.assert_accessible("organisation-deactivate")
    page.get_by_label("Why are they being deactivated?").fill("Left the force")
    organisation.save("Deactivate Sam Smith")
    assert "Deactivated" in organisation.person_row("sam.smith").inner_text()

    app.goto("/organisation/portfolios/")
    app.assert_accessible("organisation-portfolios")
    organisation.add_named("portfolio", "Neighbourhoods", person="ACC Example")
    assert organisation.cell("Neighbourhoods").is_visible()

    app.goto("/organisation/boards/")
    organisation.add_named(
        "board", "Organisational Learning Board", screenshot="organisation-board-form"
    )
    assert organisation.cell("Organisational Learning Board").is_visible()

    app.goto("/organisation/settings/")
    app.assert_accessible("organisation-settings")
    page.get_by_label("Yes: viewers may download evidence files").check()
    organisation.save()
    assert page.get_by_text("Viewers may download evidence files.").is_visible()

    app.goto("/papers/committees/")
    app.assert_accessible("organisation-committees")
    page.get_by_role("button", name="Add a committee").click()
    app.assert_accessible("organisation-committee-form")
    page.get_by_label("Name", exact=True).fill("Ethics Committee")
    assert page.get_by_label("By theme, as the papers have been written").is_checked()
    page.get_by_label("By reference number").check()
    assert page.get_by_label("No: the paper names no individuals").is_checked()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="Ethics Committee", exact=True).is_visible()
    from oversight.papers.models import Committee

    ethics = Committee.objects.get(name="Ethics Committee")
    assert (ethics.item_order, ethics.names_owners) == ("reference", False)


def test_the_admin_is_refused_to_the_liaison(app, demo):
    app.sign_in("liaison")
    response = app.page.goto(app.base_url + "/admin/")
    assert response.status == 403
    app.failures.clear()  # the 403 is the point
    assert app.page.get_by_role("heading", level=1).is_visible()
    assert app.page.get_by_role("link", name="Administration").count() == 0
