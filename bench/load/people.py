"""The simulated people of `make load`: each signs in through the real sign-in form (CSRF token
included) with a demo account, then, until the time is up, reads the register, opens
responses, adds updates with a small PDF (`owner` on the responses they own, `liaison` on
any) and downloads evidence, with a short pause between actions. With several app servers,
each person's requests go to them in turn, so every session, form and upload crosses servers.
"""

from __future__ import annotations

import hashlib
import http.cookiejar
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

PASSWORD = "demo"  # the demo accounts' password (README)
REQUEST_TIMEOUT = 60
MAX_ACTIONS_PER_USER = 100_000  # a bound on every loop, whatever the clock says

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"')
RESPONSE_RE = re.compile(r'href="(/recommendations/responses/(\d+)/)"')
DOWNLOAD_RE = re.compile(r'href="(/recommendations/evidence/\d+/download/)"')

# Who the simulated people are: (demo account, share of the people).
MIX = [("owner", 0.4), ("liaison", 0.2), ("viewer", 0.2), ("executive", 0.2)]
# What they do: (kind, weight); updates only for those who may write them.
ACTIONS = [("register", 30), ("response", 35), ("download", 15), ("update", 20)]
WRITERS = {"owner", "liaison"}
# The demo's organisation lets viewers read the record, not download evidence files.
DOWNLOADERS = {"owner", "liaison", "executive"}


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
    conflicts_honoured: int = 0  # edit conflicts told and refused, the first save kept

    def merge(self, other: Stats) -> None:
        for kind, values in other.timings.items():
            self.timings[kind].extend(values)
        for kind, count in other.errors.items():
            self.errors[kind] += count
        self.error_samples.extend(other.error_samples[: max(0, 20 - len(self.error_samples))])
        self.posted.extend(other.posted)
        self.unacknowledged += other.unacknowledged
        self.downloaded_bytes += other.downloaded_bytes
        self.conflicts_honoured += other.conflicts_honoured


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
    def __init__(
        self, number: int, username: str, bases: list[str], run: str, shared: Shared, deadline
    ):
        self.number = number
        self.username = username
        self.bases = bases  # one address per app server, asked in turn
        self.sent = number  # people start on different servers
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
        base = self.bases[self.sent % len(self.bases)]
        self.sent += 1
        request = urllib.request.Request(base + path, data=data, headers=headers or {})
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
        kinds = [
            k
            for k, _ in ACTIONS
            if (k != "update" or self.username in WRITERS)
            and (k != "download" or self.username in DOWNLOADERS)
        ]
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


def _version(form: str) -> str:
    match = VERSION_RE.search(form)
    if not match:
        raise Problem("no version in the form")
    return match.group(1) or match.group(2)


def _save_rag(person: Person, path: str, form: str, version: str, rag: str, note: str) -> int:
    fields = {
        "csrfmiddlewaretoken": CSRF_RE.search(form).group(1),
        "version": version,
        "rag": rag,
        "note": f"Load test: {note}.",
    }
    return person.post_form("conflict", path, fields)[0]


def edit_conflict(first: Person, second: Person, response: str, stats: Stats) -> None:
    """Two liaisons open the same RAG form, each on a different app server when there are
    several; the second saves; the first then saves from the older form. The first must be
    told (409) and the second's rating must stand, read back through the API."""
    first.sent, second.sent = 0, 1  # first asks server 1, second server 2 (when there are two)
    path = response + "rag/"
    form_a = first.page("conflict", path)
    form_b = second.page("conflict", path)
    version_a, version_b = _version(form_a), _version(form_b)
    choices = ["red", "amber", "green"]
    rag_b = first.rng.choice(choices)
    rag_a = first.rng.choice([c for c in choices if c != rag_b])
    status = _save_rag(second, path, form_b, version_b, rag_b, "the second to open saves first")
    if status != 302:
        raise Problem(f"conflict {path}: the first save answered HTTP {status}")
    try:
        status = _save_rag(first, path, form_a, version_a, rag_a, "saved from an older form")
    except Problem as exc:
        if "HTTP 409" not in str(exc):
            raise
        status = 409
    if status != 409:
        raise Problem(f"conflict {path}: a save from an older form answered HTTP {status}")
    number = RESPONSE_RE.search(f'href="{response}"').group(2)
    _, _, body = first.request("conflict", f"/api/v1/responses/{number}/")
    saved = json.loads(body)["rag"]
    if saved != rag_b:
        raise Problem(f"conflict {path}: the rating is {saved!r}, the first save was {rag_b!r}")
    stats.conflicts_honoured += 1
