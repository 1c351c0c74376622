"""`load_demo`: load the demo record (West Midlands Police, 2022); does nothing if it is there."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from oversight.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo record (West Midlands Police, from its 2022 JAC papers), once."

    def handle(self, *args, **options) -> None:
        counts = load_demo()
        if not any(counts.values()):
            self.stdout.write("Demo already loaded: nothing created.")
            return
        made = ", ".join(
            f"{count} {_singular(name) if count == 1 else name}"
            for name, count in counts.items()
            if count
        )
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {made}."))


def _singular(name: str) -> str:
    return "person" if name == "people" else name.removesuffix("s")
