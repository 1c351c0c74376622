"""`oversight restore FILE [--force]`: put a backup back, after checking every file in it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight.ops.backup import BackupError, backup_restore, backup_verify
from oversight.ops.management.commands.backup import _count, _size


class Command(BaseCommand):
    requires_system_checks = []  # must run even when something else is wrong; and fast
    help = (
        "Restore a backup made by `oversight backup` into the configured database and "
        "MEDIA_ROOT. Every file is checked against the manifest before anything is touched; "
        "a database that is not empty is only replaced with --force. Stop the app first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The backup archive (.tar.gz).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that is not empty, and files that differ.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the archive against its manifest; restore nothing.",
        )

    def handle(self, *args, archive: Path, force: bool, check: bool, **options) -> None:
        verbose = options.get("verbosity", 1) > 1
        try:
            if check:
                with tempfile.TemporaryDirectory(prefix="oversight-check-") as staging:
                    manifest = backup_verify(archive, Path(staging))
                media = manifest.get("media", {})
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{archive} is complete: the {manifest['database']['vendor']} database "
                        f"and {_count(media.get('files', 0), 'file')}, made "
                        f"{manifest.get('created_at')} by Oversight {manifest.get('app_version')}. "
                        f"Every checksum matches."
                    )
                )
                return
            result = backup_restore(
                archive=archive, force=force, report=self.stdout.write if verbose else None
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup made {result.created_at}: the {result.vendor} database "
                f"({len(result.tables)} tables, {sum(result.tables.values())} rows, every count "
                f"checked) and {_count(result.files, 'file')} ({_size(result.file_bytes)})."
            )
        )
