"""Backups: `oversight backup` writes one archive; `oversight restore` puts it back into an empty
instance, where every record and every file is the same; a damaged archive is refused and
changes nothing.

Backup and restore run as separate processes (`python -m oversight.cli`), as an operator would
run them. On PostgreSQL (DATABASE_URL) the same tests use pg_dump and pg_restore.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.db import connection

from oversight.ops.backup import BackupError, pg_tool
from oversight.recommendations.models import Evidence
from tests.ops.helpers import read_manifest


@pytest.fixture(autouse=True)
def _pg_tools():
    if connection.vendor == "postgresql":
        try:
            pg_tool("pg_dump")
            pg_tool("pg_restore")
        except BackupError as exc:
            pytest.skip(f"PostgreSQL backups need the client tools: {exc}")


def backup(instance, tmp_path) -> Path:
    archive = tmp_path / "backup.tar.gz"
    done = instance.oversight("backup", "-o", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Backup written to" in done.stdout
    return archive


def backup_in_process(tmp_path) -> Path:
    """A backup of the (committed) test database by the plain function: quicker than a process."""
    from oversight.ops.backup import backup_create

    return backup_create(output=tmp_path / "backup.tar.gz").path


@pytest.mark.slow
def test_backup_and_restore_into_an_empty_instance(source, empty_instance, tmp_path):
    archive = backup(source, tmp_path)
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only

    manifest = read_manifest(archive)
    assert manifest["database"]["vendor"] == source.vendor
    assert manifest["migrations"] and manifest["app_version"] and manifest["created_at"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    evidence = list(Evidence.objects.all())
    assert len(evidence) == 3
    for item in evidence:  # every evidence file, with the checksum the service recorded
        assert listed[f"media/{item.file.name}"]["sha256"] == item.sha256
        assert listed[f"media/{item.file.name}"]["size"] == item.size
    source_tables = source.digest()
    assert manifest["database"]["tables"] == {t: n for t, (n, _) in source_tables.items()}

    assert empty_instance.files() == {}
    done = empty_instance.oversight("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Restored the backup" in done.stdout and "every count checked" in done.stdout

    restored = empty_instance.digest()
    assert sorted(restored) == sorted(source_tables)
    assert restored == source_tables  # every table: same rows, same content
    assert empty_instance.files() == source.files()  # every file, byte for byte
    assert sum(n for n, _ in restored.values()) > 100


@pytest.mark.slow
def test_restore_replaces_a_database_that_is_not_empty_only_with_force(
    source, empty_instance, tmp_path
):
    archive = backup_in_process(tmp_path)
    connection = empty_instance.connect()  # something already in the target database
    connection.execute("CREATE TABLE local_notes (note TEXT)")
    connection.execute("INSERT INTO local_notes VALUES ('keep me unless told')")
    connection.commit()
    connection.close()
    before = empty_instance.digest()

    refused = empty_instance.oversight("restore", str(archive))
    assert refused.returncode != 0
    assert "The database is not empty (1 tables, 1 rows)" in refused.stderr
    assert "--force" in refused.stderr and "Nothing was restored" in refused.stderr
    assert empty_instance.digest() == before and empty_instance.files() == {}

    forced = empty_instance.oversight("restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    restored = empty_instance.digest()
    restored.pop("local_notes", None)  # SQLite replaces the whole file; pg_restore --clean
    assert restored == source.digest()  # drops and recreates only what the backup holds
    assert empty_instance.files() == source.files()


@pytest.mark.slow
def test_the_restored_instance_takes_new_updates(source, empty_instance, tmp_path):
    """Sequences and the journal come back too: the restored instance is usable as it is."""
    archive = backup_in_process(tmp_path)
    assert empty_instance.oversight("restore", str(archive)).returncode == 0
    before = empty_instance.scalar("SELECT COUNT(*) FROM recommendations_update")
    child = empty_instance.module("add_update", "after-restore")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert empty_instance.scalar("SELECT COUNT(*) FROM recommendations_update") == before + 1
    name = out.strip().splitlines()[-1]
    assert (empty_instance.media_root / name).is_file()


def _rewrite(archive: Path, target: Path, change, extra: dict[str, bytes] | None = None) -> None:
    """Copy a backup, letting `change(name, data)` alter each member's bytes (None drops it),
    and adding `extra` members."""
    with tarfile.open(archive, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
        for member in old:
            data = change(member.name, old.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def _evidence(name: str) -> bool:
    return name.startswith("media/evidence/")


@pytest.mark.slow
def test_a_tampered_archive_is_refused_and_changes_nothing(populated, empty_instance, tmp_path):
    archive = backup_in_process(tmp_path)
    changed: list[str] = []

    def flip_one_bit(name, data):
        if _evidence(name) and not changed:
            changed.append(name)
            return data[:-2] + bytes([data[-2] ^ 1]) + data[-1:]  # same size, one bit
        return data

    tampered = tmp_path / "tampered.tar.gz"
    _rewrite(archive, tampered, flip_one_bit)
    # Even with --force: a damaged archive is never restored.
    done = empty_instance.oversight("restore", "--force", str(tampered))
    assert done.returncode != 0
    assert f"{changed[0]} does not match its SHA-256 checksum" in done.stderr
    assert "Nothing was restored" in done.stderr
    assert "Traceback" not in done.stderr
    assert_untouched(empty_instance)

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    done = empty_instance.oversight("restore", "--force", str(truncated))
    assert done.returncode != 0
    assert "is damaged or incomplete" in done.stderr and "Traceback" not in done.stderr
    assert_untouched(empty_instance)


def test_damaged_archives_are_named_for_what_is_wrong(populated, tmp_path):
    from django.core.management import call_command

    from oversight.ops.backup import backup_verify

    archive = backup_in_process(tmp_path)
    missing_file = tmp_path / "missing.tar.gz"
    _rewrite(archive, missing_file, lambda n, d: None if _evidence(n) else d)
    extra_file = tmp_path / "extra.tar.gz"
    _rewrite(archive, extra_file, lambda n, d: d, extra={"media/evidence/planted": b"%PDF-1.4"})
    no_manifest = tmp_path / "no-manifest.tar.gz"
    _rewrite(archive, no_manifest, lambda n, d: None if n == "manifest.json" else d)
    not_gzip = tmp_path / "notes.tar.gz"
    not_gzip.write_bytes(b"not an archive")
    for bad, message in (
        (missing_file, "is missing"),
        (extra_file, "media/evidence/planted is not in the manifest"),
        (no_manifest, "has no manifest"),
        (not_gzip, "is damaged or incomplete"),
        (tmp_path / "nowhere.tar.gz", "does not exist"),
    ):
        staging = tmp_path / f"staging-{bad.stem}"
        staging.mkdir()
        with pytest.raises(BackupError, match=message):
            backup_verify(bad, staging)
    out = io.StringIO()
    call_command("restore", str(archive), check=True, stdout=out)  # the good one passes
    assert "Every checksum matches" in out.getvalue()


def assert_untouched(instance) -> None:
    assert instance.files() == {}
    if instance.vendor == "sqlite":
        assert not Path(instance.database).exists()
    else:
        assert instance.tables() == []


def test_unsafe_member_names_are_refused(tmp_path):
    from oversight.ops.backup import backup_verify

    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"x"
        info = tarfile.TarInfo("media/../../etc/evil")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    staging = tmp_path / "staging"
    staging.mkdir()
    with pytest.raises(BackupError, match="unsafe name"):
        backup_verify(archive, staging)
    assert not (tmp_path / "etc").exists()


def test_a_backup_of_the_test_database_in_process(populated, tmp_path):
    """The plain functions, without a subprocess: the manifest adds up."""
    from oversight.ops.backup import backup_create, backup_verify

    result = backup_create(output=tmp_path / "b.tar.gz")
    assert result.files == 3 and result.vendor == connection.vendor
    staging = tmp_path / "staging"
    staging.mkdir()
    manifest = backup_verify(result.path, staging)
    assert manifest["media"] == {"files": 3, "bytes": result.file_bytes}
    for entry in manifest["files"]:
        data = (staging / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    with gzip.open(result.path) as unzipped:
        assert unzipped.read(1)  # a gzip file
    shutil.rmtree(staging)


def test_a_backup_is_not_written_inside_media_root(populated, settings):
    from oversight.ops.backup import backup_create

    with pytest.raises(BackupError, match="outside MEDIA_ROOT"):
        backup_create(output=Path(settings.MEDIA_ROOT) / "b.tar.gz")
