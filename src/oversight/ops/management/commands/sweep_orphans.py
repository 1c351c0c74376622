"""`oversight sweep_orphans`: delete evidence files that no record points to."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from oversight.ops.orphans import sweep_orphans


class Command(BaseCommand):
    requires_system_checks = []  # must run even when something else is wrong; and fast
    help = (
        "Delete files under MEDIA_ROOT/evidence that no evidence record (nor its history) "
        "points to and that are older than --older-than minutes (default 60). Such files are "
        "left when a process dies between writing a file and committing its record. A file "
        "younger than that may belong to an upload still in progress: use --older-than 0 only "
        "when the app is stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=60,
            metavar="MINUTES",
            help="Only files last written more than this many minutes ago (default 60).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted; delete nothing."
        )

    def handle(self, *args, older_than: float, dry_run: bool, **options) -> None:
        result = sweep_orphans(older_than_minutes=older_than, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for name in result.orphans:
            self.stdout.write(f"{verb} {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(result.orphans)} orphan file{'s' * (len(result.orphans) != 1)} "
                f"({result.orphan_bytes} bytes). Checked {result.checked} files: "
                f"{result.referenced} belong to evidence records; {result.too_recent} orphans "
                f"are younger than {older_than:g} minutes and were kept."
            )
        )
