"""gunicorn settings and hooks for `oversight serve` (--config python:oversight.config.gunicorn).

- `timeout`: a worker silent for this long is killed and replaced (GUNICORN_TIMEOUT, 30 s). No
  page takes that long: work that can (a large import) runs in the background worker.
- When gunicorn starts, the database, evidence and their folders are made the app's own (0600
  and 0700: oversight.ops.private).
- When gunicorn starts, and whenever a worker dies (killed, timed out, out of memory), the
  temporary uploads the dead process left are removed (oversight.ops.uploads.sweep_uploads).
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings")

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
umask = 0o077  # everything the workers create is readable by the app's own user only


def _sweep(pid: int | None = None) -> None:
    import django

    django.setup(set_prefix=False)
    from oversight.ops.uploads import sweep_uploads

    sweep_uploads(pid=pid)


def on_starting(server):
    _sweep()
    from oversight.ops.private import make_private

    make_private()  # an older install's database and evidence, made the app's own


def child_exit(server, worker):
    _sweep(worker.pid)
