"""Helpers for the operations tests: instances reached by real subprocesses, and digests.

An *instance* is a database plus a MEDIA_ROOT, described by the environment a subprocess of
`python -m oversight.cli` needs to reach it. On SQLite it is a file; on PostgreSQL (when the
suite runs with DATABASE_URL) a database on the same server as the test database.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT = 120

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def pdf(label: str) -> bytes:
    """A small PDF whose bytes differ by `label`."""
    return PDF.replace(b"%%EOF", f"% {label}\n%%EOF".encode())


def child_env(**overrides: str) -> dict[str, str]:
    """The environment of a child process: production settings module, nothing inherited that
    would point it at another database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "OVERSIGHT_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "oversight.config.settings",
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(overrides)
    return env


@dataclass
class Instance:
    vendor: str  # "sqlite" or "postgresql"
    database: str  # the SQLite file, or the PostgreSQL database name
    media_root: Path
    var_dir: Path
    pg: dict | None = None  # HOST, PORT, USER, PASSWORD of the PostgreSQL server

    @property
    def database_url(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.database}"
        auth = quote(self.pg["USER"] or "", safe="")
        if self.pg.get("PASSWORD"):
            auth += ":" + quote(self.pg["PASSWORD"], safe="")
        host = self.pg.get("HOST") or "127.0.0.1"
        port = self.pg.get("PORT") or "5432"
        return f"postgres://{auth}@{host}:{port}/{self.database}"

    @property
    def env(self) -> dict[str, str]:
        return child_env(
            DATABASE_URL=self.database_url,
            OVERSIGHT_MEDIA_ROOT=str(self.media_root),
            OVERSIGHT_VAR_DIR=str(self.var_dir),
        )

    def oversight(self, *args: str, timeout: float = CHILD_TIMEOUT) -> subprocess.CompletedProcess:
        """Run `python -m oversight.cli ARGS` against this instance, as its own process."""
        return subprocess.run(
            [sys.executable, "-m", "oversight.cli", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def module(self, name: str, *args: str, extra_env: dict | None = None, **popen):
        """Start `python -m tests.ops.NAME ARGS` against this instance (a Popen)."""
        return subprocess.Popen(
            [sys.executable, "-m", f"tests.ops.{name}", *args],
            env={**self.env, **(extra_env or {})},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **popen,
        )

    # -- reading the database directly (DB-API, no Django): the same code on both sides

    def connect(self):
        if self.vendor == "sqlite":
            Path(self.database).parent.mkdir(parents=True, exist_ok=True)
            return sqlite3.connect(self.database, timeout=30)
        import psycopg

        return psycopg.connect(
            host=self.pg.get("HOST") or "127.0.0.1",
            port=self.pg.get("PORT") or "5432",
            user=self.pg.get("USER") or None,
            password=self.pg.get("PASSWORD") or None,
            dbname=self.database,
            autocommit=True,
        )

    def scalar(self, sql: str, params: tuple = ()):
        if self.vendor == "postgresql":
            sql = sql.replace("?", "%s")
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, params)
            row = cursor.fetchone()
            return row[0] if row else None
        finally:
            connection.close()

    def tables(self) -> list[str]:
        if self.vendor == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        else:
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            return sorted(r[0] for r in cursor.fetchall())
        finally:
            connection.close()

    def digest(self) -> dict[str, tuple[int, str]]:
        """Every table: its row count and a SHA-256 of all its rows (in a stable order)."""
        connection = self.connect()
        result = {}
        try:
            cursor = connection.cursor()
            for table in self.tables():
                cursor.execute(f'SELECT * FROM "{table}"')
                rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
                result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        finally:
            connection.close()
        return result

    def files(self) -> dict[str, str]:
        """Every file under MEDIA_ROOT: its relative path and SHA-256."""
        if not self.media_root.exists():
            return {}
        return {
            p.relative_to(self.media_root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.media_root.rglob("*"))
            if p.is_file()
        }


def pg_server(settings_dict: dict) -> dict:
    return {k: settings_dict.get(k) or "" for k in ("HOST", "PORT", "USER", "PASSWORD")}


def pg_admin(server: dict, maintenance_db: str):
    import psycopg

    return psycopg.connect(
        host=server.get("HOST") or "127.0.0.1",
        port=server.get("PORT") or "5432",
        user=server.get("USER") or None,
        password=server.get("PASSWORD") or None,
        dbname=maintenance_db,
        autocommit=True,
    )


def new_pg_database(server: dict, maintenance_db: str, prefix: str) -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with pg_admin(server, maintenance_db) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    return name


def drop_pg_database(server: dict, maintenance_db: str, name: str) -> None:
    with pg_admin(server, maintenance_db) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def read_manifest(archive: Path) -> dict:
    import tarfile

    with tarfile.open(archive, "r:gz") as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
