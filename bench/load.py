"""`make load`: simulated people using Oversight at once, against gunicorn on loopback.

    .venv/bin/python -m bench.load [--users 50] [--seconds 120] [--workers N]

1. Loads the demo into a throwaway SQLite (WAL) database in a temporary folder
   (`oversight demo --no-serve` with OVERSIGHT_VAR_DIR set there).
2. Starts gunicorn on 127.0.0.1, on a free port, against that database.
3. Runs the simulated people, each signing in through the real sign-in form (CSRF token
   included) with a demo account, then, until the time is up: reading the register, opening
   responses, adding updates with a small PDF (`owner` on the responses they own, `liaison`
   on any) and downloading evidence, with a short pause between actions.
4. Stops gunicorn and checks the database: every update the server acknowledged is there,
   with its evidence file on disk and the same SHA-256.

Prints requests, errors, the median and 95th percentile per kind of request, and updates
posted and found. Exits 1 on any error (a status other than 2xx/3xx, an exception, a form
sent back with an error, a sign-in lost) or any lost update. Talks to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import hashlib
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
PASSWORD = "demo"  # the demo accounts' password (README)
ROOT = Path(__file__).resolve().parents[1]
REQUEST_TIMEOUT = 60
MAX_ACTIONS_PER_USER = 100_000  # a bound on every loop, whatever the clock says

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RESPONSE_RE = re.compile(r'href="(/recommendations/responses/(\d+)/)"')
DOWNLOAD_RE = re.compile(r'href="(/recommendations/evidence/\d+/download/)"')

# Who the simulated people are: (demo account, share of the people).
MIX = [("owner", 0.4), ("liaison", 0.2), ("viewer", 0.2), ("executive", 0.2)]
# What they do: (kind, weight); updates only for those who may write them.
ACTIONS = [("register", 30), ("response", 35), ("download", 15), ("update", 20)]
WRITERS = {"owner", "liaison"}


def pdf(label: str) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + f"% {label}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx comes back as the answer; the caller decides


class Problem(Exception):
    """The server answered, but not as a person would expect."""


@dataclass
class Stats:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    posted: list[dict] = field(default_factory=list)  # acknowledged updates
    unacknowledged: int = 0
    downloaded_bytes: int = 0

    def merge(self, other: Stats) -> None:
        for kind, values in other.timings.items():
            self.timings[kind].extend(values)
        for kind, count in other.errors.items():
            self.errors[kind] += count
        self.error_samples.extend(other.error_samples[: max(0, 20 - len(self.error_samples))])
        self.posted.extend(other.posted)
        self.unacknowledged += other.unacknowledged
        self.downloaded_bytes += other.downloaded_bytes


class Shared:
    """What the simulated people learn as they go: response pages and evidence links."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.responses: set[str] = set()
        self.downloads: set[str] = set()

    def learn(self, page: str) -> None:
        with self.lock:
            self.responses.update(m.group(1) for m in RESPONSE_RE.finditer(page))
            self.downloads.update(DOWNLOAD_RE.findall(page))

    def pick(self, what: str, rng: random.Random) -> str | None:
        with self.lock:
            items = sorted(self.responses if what == "response" else self.downloads)
        return rng.choice(items) if items else None


class Person:
    def __init__(self, number: int, username: str, base: str, run: str, shared: Shared, deadline):
        self.number = number
        self.username = username
        self.base = base
        self.run_id = run
        self.shared = shared
        self.deadline = deadline
        self.rng = random.Random(f"{run}-{number}")
        self.stats = Stats()
        self.own: list[str] = []  # response pages this person may add updates to
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    # -- HTTP

    def request(self, kind: str, path: str, data: bytes | None = None, headers=None):
        """(status, headers, body); times it under `kind`; raises for anything not 2xx/3xx."""
        assert path.startswith("/")
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as answer:
                status, head, body = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as exc:
            status, head, body = exc.code, exc.headers, exc.read()
        self.stats.timings[kind].append(time.perf_counter() - started)
        if not 200 <= status < 400:
            raise Problem(f"{kind} {path}: HTTP {status}")
        location = head.get("Location", "")
        if "/account/sign-in/" in location and kind != "sign in":
            raise Problem(f"{kind} {path}: sent to the sign-in page (session lost)")
        return status, head, body

    def page(self, kind: str, path: str) -> str:
        status, _, body = self.request(kind, path)
        if status != 200:
            raise Problem(f"{kind} {path}: HTTP {status}, expected 200")
        text = body.decode("utf-8", "replace")
        self.shared.learn(text)
        return text

    def post_form(self, kind: str, path: str, fields: dict, files=None):
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, filename, content in files:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(kind, path, body, {"Content-Type": content_type})

    # -- what a person does

    def sign_in(self) -> None:
        form = self.page("sign in", "/account/sign-in/")
        token = CSRF_RE.search(form).group(1)
        status, head, _ = self.post_form(
            "sign in",
            "/account/sign-in/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
        )
        if status != 302 or "/account/sign-in/" in head.get("Location", ""):
            raise Problem(f"sign in as {self.username}: HTTP {status}, not signed in")
        mine = self.page("register", "/recommendations/mine/")
        register = self.page("register", "/recommendations/")
        source = mine if self.username == "owner" else register
        self.own = sorted({m.group(1) for m in RESPONSE_RE.finditer(source)})

    def act(self, kind: str, count: int) -> None:
        if kind == "register":
            page = self.rng.choice(["/recommendations/", "/recommendations/mine/", "/"])
            self.page("register", page)
        elif kind == "response":
            path = self.shared.pick("response", self.rng)
            if path:
                self.page("response", path)
        elif kind == "download":
            path = self.shared.pick("download", self.rng)
            if path is None:
                return self.act("response", count)
            status, head, body = self.request("download", path)
            if status != 200 or "attachment" not in head.get("Content-Disposition", ""):
                raise Problem(f"download {path}: HTTP {status}, not an attachment")
            self.stats.downloaded_bytes += len(body)
        elif kind == "update":
            self.add_update(count)

    def add_update(self, count: int) -> None:
        if not self.own:
            return
        response = self.rng.choice(self.own)
        form = self.page("update form", response + "updates/new/")
        token = CSRF_RE.search(form).group(1)
        label = f"load {self.run_id} p{self.number} u{count}"
        content = pdf(label)
        fields = {
            "csrfmiddlewaretoken": token,
            "narrative": f"Progress recorded by the load test ({label}).",
            "proposed_rag": self.rng.choice(["red", "amber", "green"]),
            "next_steps": "Report to the next board.",
            "file_description": "Board minutes",
        }
        try:
            status, head, body = self.post_form(
                "update post",
                response + "updates/new/",
                fields,
                [("files", f"{label}.pdf", content)],
            )
        except Exception:
            self.stats.unacknowledged += 1  # the outcome is unknown: not counted as posted
            raise
        if status != 302:
            errors = re.findall(
                r'govuk-error-message">\s*(?:<span[^>]*>[^<]*</span>)?([^<]+)', body.decode()
            )
            raise Problem(f"update {response}: HTTP {status}, form sent back: {errors[:2]}")
        self.stats.posted.append(
            {"label": label, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        )

    def run(self) -> None:
        try:
            self.sign_in()
        except Exception as exc:  # noqa: BLE001 - counted and reported
            self.fail("sign in", exc)
            return
        kinds = [k for k, _ in ACTIONS if k != "update" or self.username in WRITERS]
        weights = [w for k, w in ACTIONS if k in kinds]
        for count in range(MAX_ACTIONS_PER_USER):
            if time.monotonic() >= self.deadline:
                break
            kind = self.rng.choices(kinds, weights)[0]
            try:
                self.act(kind, count)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                self.fail(kind, exc)
            time.sleep(self.rng.uniform(0.3, 1.2))  # a person reads before the next click

    def fail(self, kind: str, exc: Exception) -> None:
        self.stats.errors[kind] += 1
        if len(self.stats.error_samples) < 5:
            self.stats.error_samples.append(f"{self.username}#{self.number} {kind}: {exc}")


# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def instance_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "OVERSIGHT_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "oversight.config.settings",
            "OVERSIGHT_VAR_DIR": str(var_dir),  # SQLite at var_dir/oversight.sqlite3
            "OVERSIGHT_DEMO": "1",
            "ALLOWED_HOSTS": HOST,
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}) before it served")
        try:
            with urllib.request.urlopen(base + "/account/sign-in/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within a minute")


def verify(database: Path, media_root: Path, posted: list[dict]) -> tuple[int, int, list[str]]:
    """(updates found, evidence files intact, problems) for every acknowledged update."""
    found = intact = 0
    problems: list[str] = []
    connection = sqlite3.connect(database)
    try:
        for item in posted:
            rows = connection.execute(
                "SELECT u.id, e.file, e.sha256, e.size FROM recommendations_update u "
                "LEFT JOIN recommendations_evidence e ON e.update_id = u.id "
                "WHERE u.narrative = ?",
                (f"Progress recorded by the load test ({item['label']}).",),
            ).fetchall()
            if len(rows) != 1:
                problems.append(f"{item['label']}: {len(rows)} rows, expected 1")
                continue
            found += 1
            _, name, digest, size = rows[0]
            path = media_root / (name or "")
            if (
                name
                and path.is_file()
                and digest == item["sha256"]
                and size == item["size"]
                and hashlib.sha256(path.read_bytes()).hexdigest() == item["sha256"]
            ):
                intact += 1
            else:
                problems.append(f"{item['label']}: evidence missing or different ({name})")
    finally:
        connection.close()
    return found, intact, problems


def percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(stats: Stats, seconds: float, found: int, intact: int, problems: list[str]) -> bool:
    kinds = ["sign in", "register", "response", "update form", "update post", "download"]
    total = sum(len(v) for v in stats.timings.values())
    errors = sum(stats.errors.values())
    print()
    print(f"{'kind':<14}{'requests':>10}{'errors':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for kind in kinds + sorted(set(stats.timings) - set(kinds)):
        values = stats.timings.get(kind, [])
        if not values and not stats.errors.get(kind):
            continue
        median = statistics.median(values) * 1000 if values else 0
        p95 = percentile(values, 0.95) * 1000 if values else 0
        longest = max(values) * 1000 if values else 0
        print(
            f"{kind:<14}{len(values):>10}{stats.errors.get(kind, 0):>8}"
            f"{median:>11.0f}{p95:>9.0f}{longest:>9.0f}"
        )
    print(f"{'all':<14}{total:>10}{errors:>8}   ({total / seconds:.1f} requests a second)")
    print()
    posted = len(stats.posted)
    lost = posted - found
    print(
        f"updates: {posted} posted and acknowledged, {found} found in the database, {lost} lost; "
        f"{intact} evidence files present with the same SHA-256"
        + (f"; {stats.unacknowledged} posts with no answer" if stats.unacknowledged else "")
    )
    print(f"evidence downloaded: {stats.downloaded_bytes} bytes")
    for sample in stats.error_samples[:10]:
        print(f"  error: {sample}")
    for problem in problems[:10]:
        print(f"  lost: {problem}")
    ok = errors == 0 and lost == 0 and intact == posted and not problems and posted > 0
    print("RESULT:", "PASS (zero errors, zero lost updates)" if ok else "FAIL")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated people (default 50)")
    parser.add_argument("--seconds", type=float, default=120, help="how long (default 120)")
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2 * (os.cpu_count() or 1) + 1, 9),
        help="gunicorn workers (default 2 × CPUs + 1)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 1 <= args.seconds <= 3600:
        parser.error("--users must be 1–500 and --seconds 1–3600")

    work = Path(tempfile.mkdtemp(prefix="oversight-load-"))
    env = instance_env(work)
    python = sys.executable
    server = None
    try:
        print(f"Loading the demo into {work / 'oversight.sqlite3'} …", flush=True)
        subprocess.run(
            [python, "-m", "oversight.cli", "demo", "--no-serve", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "oversight.config.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "120",
                "--error-logfile",
                str(work / "gunicorn.log"),
            ],
            env=env,
            cwd=ROOT,
        )
        wait_until_up(base, server)
        print(
            f"gunicorn ({args.workers} workers) on {base}, SQLite (WAL); {args.users} people "
            f"for {args.seconds:g} s …",
            flush=True,
        )
        run = uuid.uuid4().hex[:8]
        shared = Shared()
        started = time.monotonic()
        deadline = started + args.seconds
        names = [name for name, share in MIX for _ in range(round(share * args.users))]
        names = (names + ["viewer"] * args.users)[: args.users]
        people = [Person(i, name, base, run, shared, deadline) for i, name in enumerate(names)]
        threads = [threading.Thread(target=p.run, daemon=True) for p in people]
        for thread in threads:
            thread.start()
            time.sleep(0.02)  # people arrive over a second, not all in the same millisecond
        for thread in threads:
            thread.join(timeout=max(1.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
        elapsed = time.monotonic() - started
        stuck = sum(t.is_alive() for t in threads)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        server = None
        stats = Stats()
        for person in people:
            stats.merge(person.stats)
        if stuck:
            stats.errors["stuck"] += stuck
        found, intact, problems = verify(
            work / "oversight.sqlite3", work / "evidence", stats.posted
        )
        ok = report(stats, elapsed, found, intact, problems)
        return 0 if ok else 1
    finally:
        if server is not None:
            server.kill()
            server.wait()
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
