"""PostgreSQL: pg_dump and pg_restore from the server's own tools, with the connection's
settings; a dump from the same snapshot as the row counts."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection, transaction

from oversight.ops.backup.common import BackupError, _migrations_in, table_row_counts

# ---------------------------------------------------------------------------------------------
# PostgreSQL tools


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found

    def major(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=major, reverse=True)
    if candidates:
        return candidates[0]
    raise BackupError(
        f"{name} was not found. Install the PostgreSQL client tools "
        f"(Debian: apt-get install postgresql-client) to back up or restore PostgreSQL."
    )


def _pg_env() -> tuple[dict[str, str], str]:
    """Environment for the libpq tools from the Django settings, and the database name."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for key, var in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(key):
            env[var] = str(options[key])
    env.pop("PGDATABASE", None)
    return env, str(db["NAME"])


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {' '.join(detail[-3:]) or f'exit {done.returncode}'}")


def _dump_postgresql(target: Path) -> tuple[dict[str, int], list[str]]:
    """pg_dump from an exported snapshot; the row counts are taken in that same snapshot."""
    pg_dump = pg_tool("pg_dump")
    env, name = _pg_env()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={name}",
            ],
            env,
            "pg_dump",
        )
        tables = connection.introspection.table_names(cursor, include_views=False)
        return table_row_counts(cursor, tables), _migrations_in(cursor, tables)


def _restore_postgresql(staged: Path) -> None:
    pg_restore = pg_tool("pg_restore")
    env, name = _pg_env()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(staged),
        ],
        env,
        "pg_restore",
    )
