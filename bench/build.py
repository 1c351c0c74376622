"""`python -m bench.build --scale 1.0 [--database PATH|URL] [--postgres] [--force]`

Builds the national-scale bench record (bench.data) into its own database, never
into the application's: by default the SQLite file `var/bench/scale-<s>.sqlite3`; with
`--postgres`, the database `bench_s<10×s>` (bench_s01, bench_s10) created on the server of
DATABASE_URL; or the file or URL given with `--database`. Skipped when the database is
already there with the same generator version (the generator's code, the migrations, the
scale and the seed). Evidence files go to `var/bench/media/`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench import data as benchdata  # noqa: E402


class CommandError(SystemExit):
    """A refusal, said in words, ending the build with a non-zero exit."""

    def __init__(self, message: str):
        super().__init__(f"bench.build: {message}")


def bench_dir() -> Path:
    return Path(settings.VAR_DIR) / "bench"


def scale_label(scale: float) -> str:
    return f"{scale:.1f}" if round(scale, 1) == scale else f"{scale:g}"


def default_target(scale: float, *, postgres: bool) -> str:
    if postgres:
        import dj_database_url

        base = os.environ.get("DATABASE_URL", "")
        if not base.startswith(("postgres://", "postgresql://")):
            raise CommandError("--postgres needs DATABASE_URL=postgres://… (the server to use)")
        name = f"bench_s{round(scale * 10):02d}"
        parsed = dj_database_url.parse(base)
        return _pg_url(parsed, name)
    return f"sqlite:///{(bench_dir() / f'scale-{scale_label(scale)}.sqlite3').resolve()}"


def _pg_url(parsed: dict, name: str) -> str:
    auth = parsed["USER"] or "postgres"
    if parsed.get("PASSWORD"):
        auth += f":{parsed['PASSWORD']}"
    host = parsed.get("HOST") or "127.0.0.1"
    port = parsed.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{name}"


def read_meta(url: str) -> dict[str, str]:
    """The bench_meta table of a bench database; empty when there is none."""
    try:
        if url.startswith("sqlite:///"):
            import sqlite3

            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                return {}
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                return dict(db.execute("SELECT name, value FROM bench_meta").fetchall())
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as db:
            return dict(db.execute("SELECT name, value FROM bench_meta").fetchall())
    except Exception:  # noqa: BLE001 - no database, no table: not built
        return {}


class _Out:
    def write(self, text: str) -> None:
        print(text, flush=True)


class Command:
    help = "Build the national-scale bench data into its own database (cached)."
    stdout = _Out()

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national scale")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--database", help="A SQLite file or a database URL to build into")
        parser.add_argument(
            "--postgres",
            action="store_true",
            help="Build into bench_s<10×scale> on the PostgreSQL server of DATABASE_URL",
        )
        parser.add_argument("--force", action="store_true", help="Rebuild even if cached")
        parser.add_argument("--into-default", action="store_true", help=_INTERNAL)
        parser.add_argument("--migrate-only", action="store_true", help=_INTERNAL)

    def handle(self, *args, scale, seed, database, postgres, force, into_default, **options):
        if scale <= 0 or scale > 10:
            raise CommandError("--scale must be more than 0 and at most 10")
        if into_default and options["migrate_only"]:
            from django.core.management import call_command
            from django.db import connection

            call_command("migrate", verbosity=0, interactive=False)
            if connection.vendor == "sqlite":
                with connection.cursor() as cur:
                    cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    cur.execute("PRAGMA journal_mode=DELETE")
            connection.close()
            return None
        if into_default:
            return self._build_here(scale, seed)
        if database:
            target = database if "://" in database else f"sqlite:///{Path(database).resolve()}"
        else:
            target = default_target(scale, postgres=postgres)
        version = benchdata.version_hash(scale, seed)
        shown = target.split("@")[-1]
        meta = read_meta(target)
        if meta.get("version") == version and not force:
            self.stdout.write(f"Bench data at scale {scale:g} is up to date in {shown} (cached)")
            return
        self.stdout.write(f"Building bench data at scale {scale:g} into {shown} …")
        started = time.perf_counter()
        if target.startswith("sqlite:///"):
            self._build_sqlite(target, scale, seed)
        elif target.startswith(("postgres://", "postgresql://")):
            self._build_postgres(target, scale, seed)
        else:
            raise CommandError("--database must be a SQLite file or a postgres:// URL")
        self.stdout.write(f"Built in {time.perf_counter() - started:.1f} s")

    def _child(self, url: str, scale: float, seed: int, *, migrate_only: bool = False) -> None:
        env = dict(os.environ, DATABASE_URL=url)
        env.setdefault("OVERSIGHT_MEDIA_ROOT", str(bench_dir() / "media"))
        env["DJANGO_SETTINGS_MODULE"] = "oversight.config.settings"
        command = [sys.executable, "-m", "bench.build"]
        command += ["--scale", str(scale), "--seed", str(seed), "--into-default"]
        if migrate_only:
            command.append("--migrate-only")
        done = subprocess.run(command, env=env, check=False, cwd=ROOT)
        if done.returncode:
            raise CommandError(f"Building the bench data failed (exit {done.returncode})")

    def _build_sqlite(self, url: str, scale: float, seed: int) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_name(path.name + ".building")
        for p in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            p.unlink(missing_ok=True)
        schema = path.with_name(f"schema-{benchdata.schema_hash()}.sqlite3")
        if not schema.exists():  # migrate once, then copy: migrating takes ~20 s here
            migrating = schema.with_name(schema.name + ".building")
            migrating.unlink(missing_ok=True)
            self._child(f"sqlite:///{migrating}", scale, seed, migrate_only=True)
            migrating.replace(schema)
            for old in path.parent.glob("schema-*.sqlite3"):
                if old != schema:
                    old.unlink()
        shutil.copyfile(schema, building)
        self._child(f"sqlite:///{building}", scale, seed)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        building.replace(path)

    def _build_postgres(self, url: str, scale: float, seed: int) -> None:
        import dj_database_url
        import psycopg
        from psycopg import sql

        parsed = dj_database_url.parse(url)
        name = parsed["NAME"]
        server = _pg_url(parsed, "postgres")
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self._child(url, scale, seed)

    def _build_here(self, scale: float, seed: int) -> None:
        """In the child process: DATABASE_URL is the bench database."""
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrated = time.perf_counter() - started
        self.stdout.write(f"  migrations: {migrated:.1f} s")
        result = benchdata.generate(
            scale=scale,
            seed=seed,
            media_root=Path(settings.MEDIA_ROOT),
            log=self.stdout.write,
        )
        self.stdout.write(f"  committee papers: {result.seconds.get('papers', 0):.1f} s")
        result.seconds["migrations"] = round(migrated, 2)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
        total = time.perf_counter() - started
        benchdata.write_meta(
            connection,
            {
                "version": benchdata.version_hash(scale, seed),
                "scale": str(scale),
                "seed": str(seed),
                "counts": json.dumps(result.counts),
                "seconds": json.dumps(result.seconds),
                "build_seconds": f"{total:.1f}",
                "bench_organisation_id": str(result.bench_organisation_id),
                "showcase_response_id": str(result.showcase_response_id),
            },
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        rows = sum(result.counts.values())
        self.stdout.write(f"  {rows:,} rows in {total:.1f} s")


_INTERNAL = "Internal: build into the default database (DATABASE_URL), no caching"


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.build", description=Command.help)
    command = Command()
    command.add_arguments(parser)
    options = vars(parser.parse_args(argv))
    command.handle(**options)


if __name__ == "__main__":
    main()
