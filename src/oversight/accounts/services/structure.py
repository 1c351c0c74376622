"""The writes about how an organisation holds itself to account: its portfolios (areas of the
business that own recommendations) and its governance boards. Never deleted: responses keep
pointing at them."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from oversight import audit
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.policies import require_liaison
from oversight.conflicts import check_latest_change


def name_unused(queryset, name: str, noun: str, exclude: int | None = None) -> str:
    """`name` with its spaces tidied, if no other record of `queryset` has it (in any case);
    ValueError otherwise. Shared by the organisation's portfolios, boards and committees."""
    name = " ".join(name.split())
    if not name:
        raise ValueError(f"Enter the {noun}'s name")
    clash = queryset.filter(name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValueError(f"There is already a {noun} called {name}")
    return name


def _save(instance, *, actor, reason):
    try:
        with transaction.atomic():
            return audit.save(instance, actor=actor, reason=reason)
    except IntegrityError as exc:  # a twin saved at the same moment
        raise ValueError(f"There is already a {instance._meta.verbose_name} of that name") from exc


def _create(model, organisation: Organisation, actor: User | None, name: str, **person):
    require_liaison(actor, organisation.pk)
    noun = model._meta.verbose_name
    name = name_unused(model.objects.filter(organisation=organisation), name, noun)
    person = {field: value.strip() for field, value in person.items()}
    instance = model(organisation=organisation, name=name, **person)
    return _save(instance, actor=actor, reason=f"{noun.capitalize()} added")


def _change(instance, actor: User, name: str, expected: int | None, **person):
    require_liaison(actor, instance.organisation_id)
    check_latest_change(instance, expected)
    model = type(instance)
    instance = model.objects.get(pk=instance.pk)
    noun = model._meta.verbose_name
    siblings = model.objects.filter(organisation_id=instance.organisation_id)
    instance.name = name_unused(siblings, name, noun, exclude=instance.pk)
    for field, value in person.items():
        setattr(instance, field, value.strip())
    return _save(instance, actor=actor, reason=f"{noun.capitalize()} changed")


@transaction.atomic
def portfolio_create(
    *, organisation: Organisation, name: str, lead: str = "", actor: User | None = None
) -> Portfolio:
    return _create(Portfolio, organisation, actor, name, lead=lead)


@transaction.atomic
def portfolio_change(
    *, portfolio: Portfolio, actor: User, name: str, lead: str, expected: int | None
) -> Portfolio:
    return _change(portfolio, actor, name, expected, lead=lead)


@transaction.atomic
def board_create(
    *, organisation: Organisation, name: str, chair: str = "", actor: User | None = None
) -> Board:
    return _create(Board, organisation, actor, name, chair=chair)


@transaction.atomic
def board_change(
    *, board: Board, actor: User, name: str, chair: str, expected: int | None
) -> Board:
    return _change(board, actor, name, expected, chair=chair)


@transaction.atomic
def organisation_settings_set(
    *,
    organisation: Organisation,
    actor: User,
    viewers_download_evidence: bool,
    expected: int | None,
) -> Organisation:
    """The organisation's own rules: whether viewers may download evidence files."""
    require_liaison(actor, organisation.pk)
    check_latest_change(organisation, expected)
    current = Organisation.objects.get(pk=organisation.pk)
    if current.viewers_download_evidence == viewers_download_evidence:
        return current
    current.viewers_download_evidence = viewers_download_evidence
    words = "may" if viewers_download_evidence else "may not"
    return audit.save(current, actor=actor, reason=f"Viewers {words} download evidence files")
