"""Pages render with the production static storage (hashed, compressed names via whitenoise).

The browser tests use plain storage because the live server cannot serve hashed names; this
test catches what only the manifest storage refuses (a missing file, a directory name).
"""

from __future__ import annotations

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils.functional import empty

from oversight.accounts.models import Role
from tests.factories import UserFactory


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    staticfiles_storage._wrapped = empty  # use the new setting
    call_command("collectstatic", interactive=False, verbosity=0)
    yield
    staticfiles_storage._wrapped = empty


@pytest.mark.django_db
def test_pages_render_with_hashed_static_names(client, manifest_storage):
    answer = client.get(reverse("accounts:sign-in"))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "/static/css/app." in page and ".css" in page
    assert "/static/css/app.css" not in page  # the hashed name is used
    client.force_login(UserFactory(role=Role.LIAISON))
    assert client.get(reverse("recommendations:register")).status_code == 200
