"""The writes about organisations and people, split by what a person is doing:

- people:    inviting people, changing their role, deactivating and reactivating them
- structure: the organisation's portfolios and governance boards, and its own settings
- sign_in:   single sign-on accounts and two-step verification

Each function is one transaction, checks who may do it, and leaves an audit entry.
"""

from oversight.accounts.services.people import (
    invitation_link,
    invitation_send,
    person_change,
    person_create,
    person_deactivate,
    person_invite,
    person_reactivate,
)
from oversight.accounts.services.sign_in import (
    person_sign_in_with_identity_provider,
    two_factor_turn_off,
    two_factor_turn_on,
    two_factor_use_code,
)
from oversight.accounts.services.structure import (
    board_change,
    board_create,
    organisation_settings_set,
    portfolio_change,
    portfolio_create,
)

__all__ = [
    "board_change",
    "board_create",
    "organisation_settings_set",
    "invitation_link",
    "invitation_send",
    "person_change",
    "person_create",
    "person_deactivate",
    "person_invite",
    "person_reactivate",
    "person_sign_in_with_identity_provider",
    "portfolio_change",
    "portfolio_create",
    "two_factor_turn_off",
    "two_factor_turn_on",
    "two_factor_use_code",
]
