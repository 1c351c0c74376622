"""Who may open the accounts pages (walked by tests/test_permissions.py)."""

from __future__ import annotations


def rules(*, EVERYONE, ROLES, OTHER, ANON, LIAISON_PAGE, LIAISON_OBJECT, **_) -> dict:
    everyone_redirected = {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 302}
    # Single sign-on is off in the tests' settings: its pages do not exist (tests/accounts/
    # test_oidc.py turns it on against its own provider).
    not_found = {**{r: 404 for r in ROLES}, OTHER: 404, ANON: 404}
    return {
        # with no password given first, back to sign-in; signed in, home
        "accounts:sign-in-code": (None, everyone_redirected, "get"),
        "accounts:two-factor": (None, EVERYONE, "get"),
        "accounts:two-factor-set-up": (None, EVERYONE, "get"),
        "accounts:oidc-start": (None, not_found, "get"),
        "accounts:oidc-callback": (None, not_found, "get"),
        # An invitation's link (the viewer's): for whoever holds it, until the viewer signs in
        # or sets a password; then it says it has expired (200).
        "accounts:set-password": (
            "invitation",
            {**everyone_redirected, ROLES[3]: 200, OTHER: 200, ANON: 200},
            "get",
        ),
        # The liaison lead manages their organisation.
        "organisation:index": (None, LIAISON_PAGE, "get"),
        "organisation:settings": (None, LIAISON_PAGE, "get"),
        "organisation:people": (None, LIAISON_PAGE, "get"),
        "organisation:person-invite": (None, LIAISON_PAGE, "get"),
        "organisation:person-edit": ("person", LIAISON_OBJECT, "get"),
        "organisation:person-deactivate": ("person", LIAISON_OBJECT, "get"),
        "organisation:person-reactivate": ("person", {**LIAISON_OBJECT, ROLES[0]: 302}, "post"),
        "organisation:person-invitation": ("person", {**LIAISON_OBJECT, ROLES[0]: 302}, "post"),
        "organisation:portfolios": (None, LIAISON_PAGE, "get"),
        "organisation:portfolio-add": (None, LIAISON_PAGE, "get"),
        "organisation:portfolio-edit": ("portfolio", LIAISON_OBJECT, "get"),
        "organisation:boards": (None, LIAISON_PAGE, "get"),
        "organisation:board-add": (None, LIAISON_PAGE, "get"),
        "organisation:board-edit": ("board", LIAISON_OBJECT, "get"),
    }


def _person(home, people):
    from oversight.accounts.models import Role

    return {"pk": people[Role.VIEWER].pk}


def _portfolio(home, people):
    from oversight.accounts.models import Portfolio

    portfolio, _ = Portfolio.objects.get_or_create(organisation=home, name="Crime")
    return {"pk": portfolio.pk}


def _board(home, people):
    from oversight.accounts.models import Board

    board, _ = Board.objects.get_or_create(organisation=home, name="Force Executive Board")
    return {"pk": board.pk}


def _invitation(home, people):
    from oversight.accounts.models import Role
    from oversight.accounts.services import invitation_link

    link = invitation_link(people[Role.VIEWER], "")
    uidb64, token = link.rstrip("/").split("/")[-2:]
    return {"uidb64": uidb64, "token": token}


BUILDERS = {
    "person": _person,
    "portfolio": _portfolio,
    "board": _board,
    "invitation": _invitation,
}
