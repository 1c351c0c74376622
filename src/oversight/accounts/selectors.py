"""The reads about people and an organisation's structure, scoped to the person asking."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.policies import organisation_id_of


def people_of(user: User) -> QuerySet[User]:
    """The people of the person's organisation, active first."""
    return User.objects.filter(organisation_id=organisation_id_of(user)).order_by(
        "-is_active", "first_name", "last_name", "username"
    )


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
