"""The writes about how an organisation holds itself to account: its portfolios (areas of the
business that own recommendations) and its governance boards. Never deleted: responses keep
pointing at them."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from oversight import audit
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.permissions import require_liaison
from oversight.conflicts import check_latest_change


def _unique(model, organisation_id: int, name: str, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValueError("Enter a name")
    clash = model.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValueError(f"There is already a {model._meta.verbose_name} called {name}")
    return name


def _save(instance, *, actor, reason):
    try:
        with transaction.atomic():
            return audit.save(instance, actor=actor, reason=reason)
    except IntegrityError as exc:  # a twin saved at the same moment
        raise ValueError(f"There is already a {instance._meta.verbose_name} of that name") from exc


@transaction.atomic
def portfolio_create(
    *, organisation: Organisation, name: str, lead: str = "", actor: User | None = None
) -> Portfolio:
    require_liaison(actor, organisation.pk)
    name = _unique(Portfolio, organisation.pk, name)
    return _save(
        Portfolio(organisation=organisation, name=name, lead=lead.strip()),
        actor=actor,
        reason="Portfolio added",
    )


@transaction.atomic
def portfolio_change(
    *, portfolio: Portfolio, actor: User, name: str, lead: str, expected: int | None
) -> Portfolio:
    require_liaison(actor, portfolio.organisation_id)
    check_latest_change(portfolio, expected)
    portfolio = Portfolio.objects.get(pk=portfolio.pk)
    portfolio.name = _unique(Portfolio, portfolio.organisation_id, name, exclude=portfolio.pk)
    portfolio.lead = lead.strip()
    return _save(portfolio, actor=actor, reason="Portfolio changed")


@transaction.atomic
def board_create(
    *, organisation: Organisation, name: str, chair: str = "", actor: User | None = None
) -> Board:
    require_liaison(actor, organisation.pk)
    name = _unique(Board, organisation.pk, name)
    return _save(
        Board(organisation=organisation, name=name, chair=chair.strip()),
        actor=actor,
        reason="Board added",
    )


@transaction.atomic
def board_change(
    *, board: Board, actor: User, name: str, chair: str, expected: int | None
) -> Board:
    require_liaison(actor, board.organisation_id)
    check_latest_change(board, expected)
    board = Board.objects.get(pk=board.pk)
    board.name = _unique(Board, board.organisation_id, name, exclude=board.pk)
    board.chair = chair.strip()
    return _save(board, actor=actor, reason="Board changed")
