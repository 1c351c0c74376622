"""The shared cache on Redis (#18.2), against a real redis-server the test starts (Debian's,
on loopback, no disk): with OVERSIGHT_REDIS_URL set, the settings put both caches (the
register's and the dashboard's figures; an import's progress) on it, so what one app server
writes another reads; and a change to the record still shows at once (the key moves)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
import redis
from django.core.cache import caches

from oversight.accounts.models import Role
from oversight.dashboards.selectors import dashboard
from oversight.recommendations import selectors
from tests.factories import OrganisationFactory, ResponseFactory, UserFactory
from tests.ops.helpers import free_port


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (make test installs Debian's redis-server)"
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _settings_caches(url: str) -> dict:
    """The CACHES the application's settings make of OVERSIGHT_REDIS_URL, read in a fresh
    interpreter (settings are read once, at start)."""
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE']='oversight.config.settings';"
        "from django.conf import settings; print(json.dumps(settings.CACHES))"
    )
    env = {**os.environ, "OVERSIGHT_REDIS_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def on_redis(redis_url, settings):
    settings.CACHES = _settings_caches(redis_url)
    redis.Redis.from_url(redis_url).flushdb()
    yield redis_url
    for name in ("default", "progress"):
        caches[name].close()


def test_the_settings_put_both_caches_on_the_one_redis(on_redis, settings):
    for name in ("default", "progress"):
        assert settings.CACHES[name]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert settings.CACHES[name]["LOCATION"] == on_redis
    assert settings.CACHES["default"]["KEY_PREFIX"] != settings.CACHES["progress"]["KEY_PREFIX"]


def test_what_one_app_server_writes_another_reads(on_redis):
    """Another process (another app server, or the import's worker) writes an import's
    progress; this one reads it."""
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='oversight.config.settings';"
        "import django; django.setup();"
        "from django.core.cache import caches;"
        "caches['progress'].set('import:41', {'done': 120, 'total': 400}, 60)"
    )
    env = {**os.environ, "OVERSIGHT_REDIS_URL": on_redis}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert caches["progress"].get("import:41") == {"done": 120, "total": 400}
    assert caches["default"].get("import:41") is None  # the two caches do not mix


def test_cached_figures_are_shared_and_a_change_shows_at_once(on_redis, db):
    org = OrganisationFactory(name="Home Force Police")
    liaison = UserFactory(organisation=org, role=Role.LIAISON)
    ResponseFactory(organisation=org)
    first = selectors.register_choices(liaison)
    keys = redis.Redis.from_url(on_redis).keys("oversight:*register-choices*")
    assert len(keys) == 1  # on Redis, where every app server finds it
    assert selectors.register_choices(liaison) == first
    ResponseFactory(organisation=org, recommendation__theme="Stalking")
    again = selectors.register_choices(liaison)
    assert again != first and ("Stalking", "Stalking") in again["themes"]
    from oversight import clock

    board = dashboard(liaison, today=clock.today())
    assert {f.label: f.count for f in board.headline}["Open responses"] == 2
