"""What `make load` starts and stops: the database with the demo in it, the app servers
(gunicorn), and for several servers the shared parts a deployment on several machines has —
one PostgreSQL database, one Redis for the caches, one S3 API server (moto's) for evidence.
Everything listens on 127.0.0.1 and is removed afterwards."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]
POSTGRES_DEFAULT = "postgres://postgres@127.0.0.1:5432/test"
BUCKET = "oversight-load"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "load", "AWS_SECRET_ACCESS_KEY": "load"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(what: str, ready, process: subprocess.Popen | None = None, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"{what} stopped (exit {process.returncode}) before it was ready")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} was not ready within {seconds:g} s")


def _answers(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.status == 200


@dataclass
class Deployment:
    """One database, and for several servers Redis and an S3 API server; the app servers."""

    work: Path
    database: str  # "sqlite" or "postgresql"
    env: dict[str, str] = field(default_factory=dict)
    servers: list[subprocess.Popen] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    stack: ExitStack = field(default_factory=ExitStack)
    database_url: str = ""
    s3_endpoint: str = ""

    # -- the shared parts

    def prepare(self, *, shared_services: bool) -> None:
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "OVERSIGHT_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "oversight.config.settings",
                "OVERSIGHT_VAR_DIR": str(self.work),  # SQLite at work/oversight.sqlite3
                "OVERSIGHT_DEMO": "1",
                "ALLOWED_HOSTS": HOST,
                "LOG_LEVEL": "ERROR",  # not a line for every 404 and 409 the run asks for
                "OVERSIGHT_TASK_WORKER": "0",
            }
        )
        if self.database == "postgresql":
            self.database_url = self._postgres_database()
            env["DATABASE_URL"] = self.database_url
        if shared_services:
            env["OVERSIGHT_REDIS_URL"] = self._redis()
            env.update(self._s3())
        self.env = env

    def _postgres_database(self) -> str:
        import psycopg

        admin = os.environ.get("DATABASE_URL") or POSTGRES_DEFAULT
        name = f"oversight_load_{os.getpid()}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        self.stack.callback(drop)
        return admin.rsplit("/", 1)[0] + "/" + name

    def _redis(self) -> str:
        server = shutil.which("redis-server")
        if not server:
            raise SystemExit("redis-server is needed for several app servers: make redis")
        port = free_port()
        process = subprocess.Popen(
            [server, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", str(self.work)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.stack.callback(_stop, process)
        import redis

        url = f"redis://{HOST}:{port}/0"
        wait_for("redis-server", lambda: redis.Redis.from_url(url).ping(), process)
        return url

    def _s3(self) -> dict[str, str]:
        port = free_port()
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("moto_server")), "-H", HOST, "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.stack.callback(_stop, process)
        self.s3_endpoint = f"http://{HOST}:{port}"
        wait_for("the S3 API server", lambda: _answers(self.s3_endpoint + "/moto-api/"), process)
        self._bucket().create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        return {
            "OVERSIGHT_S3_BUCKET": BUCKET,
            "OVERSIGHT_S3_ENDPOINT_URL": self.s3_endpoint,
            "OVERSIGHT_S3_REGION": "eu-west-2",
            "OVERSIGHT_S3_ACCESS_KEY_ID": S3_KEYS["AWS_ACCESS_KEY_ID"],
            "OVERSIGHT_S3_SECRET_ACCESS_KEY": S3_KEYS["AWS_SECRET_ACCESS_KEY"],
            "OVERSIGHT_S3_ENCRYPT": "0",
        }

    def _bucket(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            region_name="eu-west-2",
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )

    def load_demo(self) -> None:
        subprocess.run(
            [sys.executable, "-m", "oversight.cli", "demo", "--no-serve", "-v", "0"],
            env=self.env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    # -- the app servers

    def start(self, count: int, workers: int) -> None:
        """`count` gunicorns, each with `workers` workers, on one database."""
        for number in range(count):
            port = free_port()
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "gunicorn", "oversight.config.wsgi:application",
                    "--bind", f"{HOST}:{port}", "--workers", str(workers), "--timeout", "120",
                    "--error-logfile", str(self.work / f"gunicorn-{number + 1}.log"),
                ],
                env=self.env,
                cwd=ROOT,
            )  # fmt: skip
            base = f"http://{HOST}:{port}"
            self.servers.append(process)
            self.bases.append(base)
            wait_for(f"gunicorn {number + 1}", lambda b=base: _answers(b + "/health/"), process)

    def stop_servers(self) -> None:
        for process in self.servers:
            _stop(process)
        self.servers, self.bases = [], []

    def close(self) -> None:
        self.stop_servers()
        self.stack.close()

    # -- what is in the record afterwards

    def verify(self, posted: list[dict]) -> tuple[int, int, list[str]]:
        """(updates found, evidence files intact, problems) for every acknowledged update."""
        found = intact = 0
        problems: list[str] = []
        sql = (
            "SELECT u.id, e.file, e.sha256, e.size FROM recommendations_update u "
            "LEFT JOIN recommendations_evidence e ON e.update_id = u.id WHERE u.narrative = {}"
        )
        if self.database == "postgresql":
            import psycopg

            connection = psycopg.connect(self.database_url)
            rows_of = lambda text: connection.execute(sql.format("%s"), (text,)).fetchall()  # noqa: E731
        else:
            connection = sqlite3.connect(self.work / "oversight.sqlite3")
            rows_of = lambda text: connection.execute(sql.format("?"), (text,)).fetchall()  # noqa: E731
        try:
            for item in posted:
                rows = rows_of(f"Progress recorded by the load test ({item['label']}).")
                if len(rows) != 1:
                    problems.append(f"{item['label']}: {len(rows)} rows, expected 1")
                    continue
                found += 1
                _, name, digest, size = rows[0]
                content = self._evidence(name) if name else None
                if (
                    content is not None
                    and digest == item["sha256"]
                    and size == item["size"]
                    and hashlib.sha256(content).hexdigest() == item["sha256"]
                ):
                    intact += 1
                else:
                    problems.append(f"{item['label']}: evidence missing or different ({name})")
        finally:
            connection.close()
        return found, intact, problems

    def _evidence(self, name: str) -> bytes | None:
        if self.s3_endpoint:
            try:
                return self._bucket().get_object(Bucket=BUCKET, Key=name)["Body"].read()
            except Exception:  # noqa: BLE001 - missing is reported as missing
                return None
        path = self.work / "evidence" / name
        return path.read_bytes() if path.is_file() else None


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
