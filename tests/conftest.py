"""Shared fixtures. Browser fixtures live in tests/e2e/conftest.py."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    """No test sees what an earlier one cached (ids are reused once a test rolls back)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _nothing_noted_for_the_index():
    """No test inherits records an earlier one noted for the search index (in a test's
    transaction nothing commits, so nothing flushes them)."""
    from oversight import indexing

    indexing.forget()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Evidence files go to a throwaway folder in every test."""
    settings.MEDIA_ROOT = tmp_path / "evidence"
