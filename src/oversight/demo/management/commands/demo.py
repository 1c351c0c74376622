"""`oversight demo`: migrate a SQLite database, load the demo record and serve it."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from oversight.demo.views_text import DEMO_BANNER


class Command(BaseCommand):
    help = "Set up the demo (West Midlands Police, 2022) and serve it on http://127.0.0.1:PORT."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Set up, but do not serve.")
        parser.add_argument("--port", type=int, default=None, help="Port (default: $PORT or 8000)")

    def handle(self, *args, no_serve: bool = False, port: int | None = None, **options):
        import os

        from oversight.demo.facts import DEMO_TODAY

        if settings.OVERSIGHT_TODAY is None:  # the demo runs as at its own day
            settings.OVERSIGHT_TODAY = DEMO_TODAY
            os.environ["OVERSIGHT_TODAY"] = DEMO_TODAY.isoformat()  # and so does its server
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", verbosity=options.get("verbosity", 1))
        call_command("snapshot", backfill=True, verbosity=0)  # the dashboard's trend
        call_command("collectstatic", interactive=False, verbosity=0)
        if no_serve:
            return
        serve_port = port or int(os.environ.get("PORT", "8000"))
        self.stdout.write(
            DEMO_BANNER.format(port=serve_port, database=settings.DATABASES["default"]["NAME"])
        )
        call_command("serve", port=serve_port)
