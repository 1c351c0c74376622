"""gunicorn settings and hooks for `oversight serve` (--config python:oversight.config.gunicorn).

- `timeout`: a worker silent for this long is killed and replaced (GUNICORN_TIMEOUT, 30 s). No
  page takes that long: work that can (a large import) runs in the background worker.
- When gunicorn starts, the database, evidence and their folders are made the app's own (0600
  and 0700: oversight.ops.private).
- Beside the web workers, the background worker (`oversight db_worker`, which runs large
  imports) is started with gunicorn and stopped with it, unless OVERSIGHT_TASK_WORKER=0 (when
  it runs as a service of its own, as on several machines).
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


_task_worker = None


def when_ready(server):
    global _task_worker
    if os.environ.get("OVERSIGHT_TASK_WORKER", "1") == "0":
        return
    import subprocess
    import sys

    _task_worker = subprocess.Popen([sys.executable, "-m", "oversight.cli", "db_worker"])
    server.log.info("Started the background worker (pid %s)", _task_worker.pid)


def on_exit(server):
    if _task_worker is not None and _task_worker.poll() is None:
        _task_worker.terminate()  # it finishes the task in hand, then stops
        try:
            _task_worker.wait(timeout=graceful_timeout)
        except Exception:  # noqa: BLE001 - a task that will not stop is killed
            _task_worker.kill()


def on_starting(server):
    _sweep()
    from oversight.ops.private import make_private

    make_private()  # an older install's database and evidence, made the app's own


def child_exit(server, worker):
    _sweep(worker.pid)
