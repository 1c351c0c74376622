"""Signing in: single sign-on accounts kept up to date from the identity provider, and
two-step verification."""

from __future__ import annotations

import logging

from django.db import transaction

from oversight import audit
from oversight.accounts.models import (
    Organisation,
    Role,
    SingleSignOnIdentity,
    TwoFactor,
    User,
)
from oversight.accounts.services.people import person_create

logger = logging.getLogger(__name__)


# --- single sign-on ----------------------------------------------------------------------------


@transaction.atomic
def person_sign_in_with_identity_provider(
    *, claims: dict, group_map: dict[str, dict[str, str]]
) -> User:
    """The person the identity provider vouched for, created or brought up to date.

    Their role and organisation come from their groups through `group_map` at every sign-in;
    a change is written to the audit trail. Raises SignInRefused (and changes nothing) when
    their groups map to nothing, or when the account they would take is a local one.
    """
    from oversight.accounts.oidc import (
        NOT_SET_UP,
        SignInRefused,
        claimed_groups,
        names_from_claims,
        placement_for,
        username_from_claims,
    )

    issuer, subject = str(claims.get("iss", "")), str(claims.get("sub", ""))
    if not issuer or not subject:
        raise SignInRefused("no-subject", NOT_SET_UP)
    placement = placement_for(claimed_groups(claims), group_map)
    if placement is None:
        raise SignInRefused("no-mapped-group", NOT_SET_UP)
    organisation = Organisation.objects.filter(slug=placement.organisation).first()
    if organisation is None:
        logger.error(
            "OVERSIGHT_OIDC_GROUP_MAP names organisation %r, which does not exist",
            placement.organisation,
        )
        raise SignInRefused("unknown-organisation", NOT_SET_UP)
    first_name, last_name = names_from_claims(claims)
    email = str(claims.get("email") or "")[:254]

    identity = (
        SingleSignOnIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        person = identity.user
        if not person.is_active:
            raise SignInRefused(
                "inactive", "This account is not active. Ask your HMICFRS liaison lead."
            )
        _person_update_from_identity_provider(
            person,
            organisation=organisation,
            role=placement.role,
            first_name=first_name,
            last_name=last_name,
            email=email,
            group=placement.group,
        )
        return person

    username = username_from_claims(claims)[:150]
    if not username:
        raise SignInRefused("no-username", NOT_SET_UP)
    found = User.objects.filter(username=username).first()
    if found is None:
        person = person_create(
            organisation=organisation,
            username=username,
            password=None,  # unusable: they sign in through the provider only
            role=placement.role,
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
    elif found.has_usable_password() or hasattr(found, "sso_identity"):
        # A local account of the same name is not taken over by the provider.
        raise SignInRefused(
            "local-account-exists",
            f"Oversight already has an account called {username} that signs in with a "
            "password. Ask your HMICFRS liaison lead to turn off its password, then sign in "
            "with your organisation account again.",
        )
    else:
        # Added by a liaison lead with no password, ready for single sign-on.
        person = found
        _person_update_from_identity_provider(
            person,
            organisation=organisation,
            role=placement.role,
            first_name=first_name,
            last_name=last_name,
            email=email,
            group=placement.group,
        )
    audit.save(
        SingleSignOnIdentity(user=person, issuer=issuer, subject=subject),
        actor=None,
        reason="First single sign-on",
    )
    return person


ROLE_LABELS = dict(Role.choices)


def _person_update_from_identity_provider(
    person: User,
    *,
    organisation: Organisation,
    role: str,
    first_name: str,
    last_name: str,
    email: str,
    group: str,
) -> None:
    changes = []
    if person.role != role:
        changes.append(f"role {ROLE_LABELS[person.role]} → {ROLE_LABELS[role]}")
    if person.organisation_id != organisation.pk:
        changes.append(f"organisation {person.organisation} → {organisation}")
    details_changed = (person.first_name, person.last_name, person.email) != (
        first_name or person.first_name,
        last_name or person.last_name,
        email or person.email,
    )
    if not changes and not details_changed:
        return
    person.role = role
    person.organisation = organisation
    person.first_name = first_name or person.first_name
    person.last_name = last_name or person.last_name
    person.email = email or person.email
    reason = (
        f"Single sign-on: {'; '.join(changes)} (from the identity provider's group {group})"
        if changes
        else "Single sign-on: name or e-mail updated from the identity provider"
    )
    audit.save(person, actor=None, reason=reason)


# --- two-step verification ---------------------------------------------------------------------


@transaction.atomic
def two_factor_turn_on(*, person: User, secret: str, step: int) -> TwoFactor:
    """Turn on two-step verification with the secret the person's app confirmed at `step`."""
    TwoFactor.objects.filter(user=person).delete()
    return audit.save(
        TwoFactor(user=person, secret=secret, last_used_step=step),
        actor=person,
        reason="Two-step verification turned on",
    )


@transaction.atomic
def two_factor_turn_off(
    *, person: User, actor: User | None, reason: str = "Two-step verification turned off"
) -> None:
    two_factor = TwoFactor.objects.filter(user=person).first()
    if two_factor is None:
        return
    audit.stamp(two_factor, actor=actor, reason=reason)
    two_factor.delete()


def two_factor_use_code(*, person: User, code: str) -> bool:
    """True if `code` is valid now for the person's app and was not used before (each code is
    taken once: the step it belongs to is recorded in the same update that accepts it)."""
    from oversight.accounts.two_factor import matching_step

    two_factor = TwoFactor.objects.filter(user=person).first()
    if two_factor is None:
        return False
    step = matching_step(two_factor.secret, code)
    if step is None:
        return False
    return bool(
        TwoFactor.objects.filter(pk=two_factor.pk, last_used_step__lt=step).update(
            last_used_step=step
        )
    )
