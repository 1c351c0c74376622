"""The reads about people and an organisation's structure, scoped to the person asking."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.choices import Role
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.policies import organisation_id_of


def people_of(user: User) -> QuerySet[User]:
    """The people of the person's organisation, active first."""
    return User.objects.filter(organisation_id=organisation_id_of(user)).order_by(
        "-is_active", "first_name", "last_name", "username"
    )


def people_in(
    organisation_id: int | None, *, roles: Iterable[str] | None = None, active: bool = False
) -> QuerySet[User]:
    """The people of an organisation (only those with `roles`; only active ones if asked), by
    name: the choices of the forms that assign a person."""
    if organisation_id is None:
        return User.objects.none()
    people = User.objects.filter(organisation_id=organisation_id)
    if roles is not None:
        people = people.filter(role__in=list(roles))
    if active:
        people = people.filter(is_active=True)
    return people.order_by("first_name", "last_name", "username")


def portfolios_in(organisation_id: int | None) -> QuerySet[Portfolio]:
    if organisation_id is None:
        return Portfolio.objects.none()
    return Portfolio.objects.filter(organisation_id=organisation_id)


def boards_in(organisation_id: int | None) -> QuerySet[Board]:
    if organisation_id is None:
        return Board.objects.none()
    return Board.objects.filter(organisation_id=organisation_id)


def person_for(user: User, pk: int) -> User:
    """A person of the same organisation; anyone else is "not found"."""
    return get_object_or_404(User, pk=pk, organisation_id=organisation_id_of(user))


def portfolios_of(user: User) -> QuerySet[Portfolio]:
    return Portfolio.objects.filter(organisation_id=organisation_id_of(user)).order_by("name")


def portfolio_for(user: User, pk: int) -> Portfolio:
    return get_object_or_404(Portfolio, pk=pk, organisation_id=organisation_id_of(user))


def boards_of(user: User) -> QuerySet[Board]:
    return Board.objects.filter(organisation_id=organisation_id_of(user)).order_by("name")


def board_for(user: User, pk: int) -> Board:
    return get_object_or_404(Board, pk=pk, organisation_id=organisation_id_of(user))


def organisations() -> QuerySet[Organisation]:
    """The reference list of organisations (forces, fire services, national bodies, the
    inspectorates), which every person may read: names, not records."""
    return Organisation.objects.order_by("name")


def organisation_named(name: str) -> Organisation | None:
    """The organisation a command names: by its name, short name or slug, in any case."""
    return Organisation.objects.filter(
        Q(name__iexact=name) | Q(short_name__iexact=name) | Q(slug__iexact=name)
    ).first()


def active_person(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def active_liaisons(organisation: Organisation | None = None) -> QuerySet[User]:
    """Active liaison leads (of one organisation, if given), by username."""
    found = User.objects.filter(role=Role.LIAISON, is_active=True, organisation__isnull=False)
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return found.order_by("username")
