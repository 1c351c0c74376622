"""`oversight serve`: serve the app with gunicorn on 127.0.0.1:PORT (whitenoise for assets)."""

from __future__ import annotations

import os
import shutil
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Oversight with gunicorn. Settings come from the environment (see README)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))

    def handle(self, *args, port: int, host: str, workers: int, **options):
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        argv = [
            gunicorn,
            "oversight.config.wsgi:application",
            "--config",
            "python:oversight.config.gunicorn",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
        ]
        # E-mails link to the address the app is served on, unless told otherwise.
        shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
        os.environ.setdefault("OVERSIGHT_BASE_URL", f"http://{shown}:{port}")
        os.execv(gunicorn, argv)
