"""The writes about organisations and people."""

from __future__ import annotations

from django.db import transaction

from oversight import audit
from oversight.accounts.models import Board, Organisation, Portfolio, Role, User


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    username: str,
    password: str | None,
    role: str,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    email: str = "",
    actor: User | None = None,
) -> User:
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    person = User(
        organisation=organisation,
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        email=email,
        is_staff=role == Role.LIAISON,
    )
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    audit.save(person, actor=actor, reason="Person added")
    if role == Role.LIAISON:
        from oversight.accounts.admin_permissions import grant_liaison_admin

        grant_liaison_admin(person)
    return person


@transaction.atomic
def portfolio_create(
    *, organisation: Organisation, name: str, lead: str = "", actor: User | None = None
) -> Portfolio:
    return audit.save(Portfolio(organisation=organisation, name=name, lead=lead), actor=actor)


@transaction.atomic
def board_create(
    *, organisation: Organisation, name: str, chair: str = "", actor: User | None = None
) -> Board:
    return audit.save(Board(organisation=organisation, name=name, chair=chair), actor=actor)
