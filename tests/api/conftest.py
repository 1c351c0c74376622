"""Fixtures for the API tests: the demo record, people of it, and their tokens."""

from __future__ import annotations

import pytest

from oversight.accounts.models import User


@pytest.fixture
def demo(db):
    from oversight.demo.load import load_demo

    load_demo()


@pytest.fixture
def person(demo):
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def token_for(demo):
    """A new token's secret for a demo person (or any person)."""
    from oversight.api import services

    def make(who, **kwargs) -> str:
        user = who if isinstance(who, User) else User.objects.get(username=who)
        kwargs.setdefault("lifetime_days", 30)
        return services.token_create(user=user, name="Tests", **kwargs).secret

    return make


@pytest.fixture
def bearer():
    return lambda secret: {"Authorization": f"Bearer {secret}"}
