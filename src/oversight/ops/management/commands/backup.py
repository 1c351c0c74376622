"""`oversight backup [-o FILE]`: one archive with the database, the evidence and a manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    requires_system_checks = []  # must run even when something else is wrong; and fast
    help = (
        "Write one archive (tar.gz) holding the database (SQLite online backup, or pg_dump), "
        "every file under MEDIA_ROOT, and a manifest with the SHA-256 of each. Safe while the "
        "app runs. The archive holds OFFICIAL-SENSITIVE data: it is written readable by its "
        "owner only; keep it encrypted, somewhere other than this machine."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            default=None,
            help="Where to write the archive (default: var/backups/oversight-<time>.tar.gz).",
        )

    def handle(self, *args, output: Path | None = None, **options) -> None:
        verbose = options.get("verbosity", 1) > 1
        try:
            result = backup_create(output=output, report=self.stdout.write if verbose else None)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(result.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {result.path} ({_size(result.size)}): the {result.vendor} "
                f"database ({len(result.tables)} tables, {rows} rows) and "
                f"{_count(result.files, 'file')} ({_size(result.file_bytes)})."
            )
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} bytes"  # pragma: no cover
