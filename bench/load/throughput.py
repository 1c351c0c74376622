"""Throughput: how many requests a second the app servers answer when as many people as the
run has ask without pausing, for each kind of page, beside the ceiling — the same gunicorn and
Django answering a constant page (`/health/`) in the same run.

The load comes from wrk (Debian's, written in C, so the client takes little of the machine the
servers share), signed in with a liaison's session cookie. The kinds take turns, round after
round, so a busy spell on the shared machine falls on every kind alike; each kind's figure is
the median of its rounds. Any answer but 200 is an error. With `profile`, py-spy samples every
worker while each kind is asked once more (not counted), and the report says where the time
went.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; expected = tonumber(args[1]) or 200 end
function response(status, headers, body) if status ~= expected then bad = bad + 1 end end
function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do wrong = wrong + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "micros": %d, "p50": %d, "p95": %d, "p99": %d, "wrong": %d, ' ..
    '"socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), wrong, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Kind:
    name: str
    path: str
    status: int = 200  # the answer expected; any other is an error
    rounds: list[dict] = field(default_factory=list)

    def rps(self) -> float:
        return statistics.median(r["requests"] / (r["micros"] / 1e6) for r in self.rounds)

    def p50(self) -> float:
        return statistics.median(r["p50"] for r in self.rounds) / 1000

    def p95(self) -> float:
        return statistics.median(r["p95"] for r in self.rounds) / 1000

    def errors(self) -> int:
        return sum(r["wrong"] + r["socket_errors"] for r in self.rounds)


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is needed for the throughput rounds: make load installs it")
    return found


def ask(
    bases: list[str], path: str, cookie: str, connections: int, seconds: float, status: int = 200
) -> dict:
    """One wrk per app server, the connections shared between them; the figures summed."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "report.lua"
        script.write_text(LUA)
        share = max(1, connections // len(bases))
        runs = [
            subprocess.Popen(
                [
                    wrk_path(),
                    "-t",
                    "2" if share >= 2 else "1",
                    "-c",
                    str(share),
                    "-d",
                    f"{seconds:g}s",
                    "--timeout",
                    "30s",
                    "-s",
                    str(script),
                    "-H",
                    f"Cookie: {cookie}",
                    base + path,
                    "--",
                    str(status),  # the script's argument: the answer expected
                ],
                stdout=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for base in bases
        ]
        results = []
        for run in runs:
            out, _ = run.communicate(timeout=seconds + 90)
            line = next((x for x in out.splitlines() if x.startswith("{")), None)
            if run.returncode or line is None:
                raise SystemExit(f"wrk failed on {path}:\n{out}")
            results.append(json.loads(line))
    return {
        "requests": sum(r["requests"] for r in results),
        "micros": max(r["micros"] for r in results),
        "p50": max(r["p50"] for r in results),
        "p95": max(r["p95"] for r in results),
        "p99": max(r["p99"] for r in results),
        "wrong": sum(r["wrong"] for r in results),
        "socket_errors": sum(r["socket_errors"] for r in results),
    }


def measure(
    bases: list[str], kinds: list[Kind], cookie: str, *, connections: int, seconds: float,
    rounds: int, progress=print,
) -> None:  # fmt: skip
    for kind in kinds:  # warm every worker's caches and connections; not counted
        ask(bases, kind.path, cookie, connections, 2, kind.status)
    for number in range(rounds):
        for kind in kinds:
            kind.rounds.append(ask(bases, kind.path, cookie, connections, seconds, kind.status))
        progress(
            f"  round {number + 1} of {rounds}: "
            + ", ".join(f"{k.name} {k.rounds[-1]['requests'] / seconds:.0f}/s" for k in kinds)
        )


# -- where the time goes


def profile(
    servers: list, bases: list[str], kind: Kind, cookie: str, *, connections: int,
    seconds: float, folder: Path,
) -> Path:  # fmt: skip
    """py-spy samples every worker of every server while `kind` is asked; collapsed stacks."""
    spy = shutil.which("py-spy") or Path(sys.executable).with_name("py-spy")
    outputs = []
    samplers = []
    for number, server in enumerate(servers):
        output = folder / f"profile-{kind.name.replace(' ', '-')}-{number + 1}.txt"
        outputs.append(output)
        samplers.append(
            subprocess.Popen(
                [
                    str(spy),
                    "record",
                    "--pid",
                    str(server.pid),
                    "--subprocesses",
                    "--format",
                    "raw",
                    "--rate",
                    "200",
                    "--duration",
                    f"{int(seconds)}",
                    "--nonblocking",
                    "--output",
                    str(output),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
    ask(bases, kind.path, cookie, connections, seconds, kind.status)
    for sampler in samplers:
        sampler.wait(timeout=seconds + 60)
    merged = folder / f"profile-{kind.name.replace(' ', '-')}.txt"
    merged.write_text("".join(o.read_text() for o in outputs if o.exists()))
    return merged


def _frame(text: str) -> str:
    # py-spy raw frames: "function (path/to/file.py:123)"
    name, _, where = text.rpartition(" (")
    where = where.rstrip(")")
    file = where.rsplit(":", 1)[0]
    for marker in ("site-packages/", "/src/", "lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{file}:{name}"


def where_time_goes(collapsed: Path, top: int = 15) -> tuple[int, list, list]:
    """(samples, [(share, frame)] by time inside a function and what it calls, [(share,
    frame)] by time in the function itself), over the request-handling samples only."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = [f for f in stack.split(";") if f.strip()]
        if not any("handle_request" in f or "get_response" in f for f in frames):
            continue  # the worker waiting for a request, the master, the sampler's threads
        count = int(count_text)
        total += count
        names = [_frame(f) for f in frames if "(" in f]
        for name in set(names):
            inclusive[name] += count
        if names:
            own[names[-1]] += count

    def shares(counter: Counter[str], below: float) -> list:
        found = [(n / total if total else 0, frame) for frame, n in counter.most_common()]
        return [(share, frame) for share, frame in found if share < below][:top]

    # The frames every request passes through (gunicorn, the handler, the middleware chain)
    # say nothing about the page: they are left out of the first list.
    for frame in list(inclusive):
        if frame.startswith(PASSED_THROUGH) or "iddleware" in frame:
            del inclusive[frame]
    return total, shares(inclusive, 1.01), shares(own, 1.01)


PASSED_THROUGH = (
    "gunicorn/",
    "<frozen",
    "django/core/handlers/",
    "django/utils/deprecation.py",
    "django/views/decorators/",
    "django/contrib/auth/decorators.py",
    "whitenoise/",
    "oversight/api/strict.py",
    "rest_framework/views.py",
    "django/views/generic/base.py",
    "django/views/decorators/csrf.py",
)
