"""Measure every target of bench/targets.py against one bench database, in this process.

    DATABASE_URL=sqlite:///var/bench/scale-1.0.sqlite3 .venv/bin/python -m bench.measure \
        --out var/bench/sqlite-1.0.json

Pages go through Django's test Client as a signed-in person (the full middleware stack,
session save included), after a warm-up; the query count is taken on one request with
CaptureQueriesContext. `bench.run` (make bench) calls this once per database and writes
bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import tracemalloc
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import exports  # noqa: E402
from bench.exports import _draft, ingest_available  # noqa: E402
from bench.targets import TARGETS, Target  # noqa: E402

PAGE_REPEAT = 25
MIN_SAMPLES = 8
BUDGET_SECONDS = 45.0  # per target: past it, no more repeats
WARM_UP = 3
NOT_BUILT = "not built yet"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(samples: list[float], cpu: list[float]) -> dict:
    """Wall-clock and CPU time (this process's: with SQLite, the database work included)."""
    return {
        "samples": [round(s, 5) for s in samples],
        "median": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 0.95),
    }


class Timer:
    def __init__(self):
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self):
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.process_time() - self._cpu)

    def summary(self) -> dict:
        return summary(self.wall, self.cpu)


def meta() -> dict[str, str]:
    with connection.cursor() as cur:
        cur.execute("SELECT name, value FROM bench_meta")
        return dict(cur.fetchall())


class Context:
    def __init__(self, info: dict[str, str], repeat_scale: float = 1.0):
        from oversight.accounts.models import User

        self.info = info
        self.org_id = int(info["bench_organisation_id"])
        self.showcase = int(info["showcase_response_id"])
        self.repeat_scale = repeat_scale
        self.clients: dict[str, Client] = {}
        self.users = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
        self.outside_weasyprint: list[float] = []
        self.draft_pk: int | None = None

    def client(self, username: str) -> Client:
        if username not in self.clients:
            client = Client()
            client.force_login(self.users[username])
            self.clients[username] = client
        return self.clients[username]

    def times(self, target: Target, default: int) -> int:
        return max(1, round((target.repeat or default) * self.repeat_scale))


# --- Pages --------------------------------------------------------------------------------


def resolve(target: Target, ctx: Context) -> str | None:
    args = [ctx.showcase] if target.args == "showcase" else None
    for name in target.urls:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def measure_page(target: Target, ctx: Context) -> dict:
    url = resolve(target, ctx)
    if url is None:
        return {"status": NOT_BUILT}
    client = ctx.client(target.user)
    for _ in range(WARM_UP):
        answer = client.get(url, target.query)
        if answer.status_code != 200:
            return {"status": "error", "url": url, "note": f"HTTP {answer.status_code}"}
    with CaptureQueriesContext(connection) as captured:
        client.get(url, target.query)
    # read now: the next request clears the connection's query log
    queries = len(captured)
    sql = [q["sql"][:300] for q in captured.captured_queries]
    timer = Timer()
    for i in range(ctx.times(target, PAGE_REPEAT)):
        if i >= MIN_SAMPLES and sum(timer.wall) > BUDGET_SECONDS:
            break  # a slow page: fewer samples (the count is in the JSON)
        with timer:
            client.get(url, target.query)
    out = {"status": "ok", "url": url, "queries": queries, "sql": sql, **timer.summary()}
    if target.floor:
        out["floor"] = sql_floor(target.floor, ctx)
    return out


def sql_floor(kind: str, ctx: Context) -> dict:
    """The same first page of the register fetched by one hand-written query."""
    from oversight.recommendations.models import CLOSED_STATUSES

    today = timezone.localdate()
    where, params = ["r.organisation_id = %s"], [ctx.org_id]
    order = "c.due_on, c.reference"
    if kind == "overdue":
        marks = ", ".join(["%s"] * len(CLOSED_STATUSES))
        where.append(f"r.status NOT IN ({marks})")
        params += sorted(CLOSED_STATUSES)
        where.append("(r.revised_due_on < %s OR (r.revised_due_on IS NULL AND c.due_on < %s))")
        params += [today, today]
    elif kind == "updated":
        order = "r.updated_at DESC, r.id"
    sql = f"""
        SELECT r.id, r.status, r.rag, r.revised_due_on, r.next_review_on, r.updated_at,
               c.id, c.reference, c.number, c.kind, c.theme, c.text, c.due_on,
               p.id, p.title, u.id, u.first_name, u.last_name, f.name, b.name
        FROM {exports.RESPONSE_JOINS}
        WHERE {" AND ".join(where)}
        ORDER BY {order}
        LIMIT 25"""
    timer = Timer()
    rows = 0
    for i in range(WARM_UP + PAGE_REPEAT):
        if i == WARM_UP:
            timer = Timer()
        with timer, connection.cursor() as cur:
            cur.execute(sql, params)
            rows = len(cur.fetchall())
    return {"rows": rows, **timer.summary()}


class RssPeak:
    """The process's resident memory at its highest while the block ran, above where it
    started (sampled every 20 ms from /proc; no slowing down, unlike tracemalloc)."""

    def __enter__(self):
        self.start = self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())

    @property
    def mb(self) -> float:
        return (self.peak - self.start) / 1e6


def _rss() -> int:
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _warm_documents() -> None:
    import matplotlib.pyplot  # noqa: F401
    from weasyprint import HTML

    from oversight.papers.documents import build  # noqa: F401

    HTML(string="<p>warm</p>").write_pdf()
    from oversight import charts

    charts.bar_chart({"warm": 1}, title="Warm", png=True)  # fonts loaded, as in a worker


def measure_call(target: Target, ctx: Context) -> dict:
    """A function run: warmed up (unless target.traced), timed, its queries counted, its memory
    watched. With target.traced, one run under tracemalloc gives all (the Excel export: long)."""
    if target.kind == "ingest" and not ingest_available():
        return {"status": NOT_BUILT}
    if target.run in {"export_docx", "export_pdf", "paper_facts"}:
        draft = _draft(ctx)  # found once, outside the timing
        if draft is None:
            return {"status": "error", "note": "no draft paper in the bench data"}
        ctx.draft_pk = draft.pk
    function = getattr(exports, target.run)
    timer = Timer()
    out: dict = {"status": "ok"}
    try:
        if target.key in {"docx", "pdf"}:
            _warm_documents()  # imports, fonts: not a whole paper (it may take minutes)
        elif not target.traced:
            function(ctx)  # warm-up
        else:
            tracemalloc.start()
        ctx.outside_weasyprint.clear()
        with CaptureQueriesContext(connection) as captured, RssPeak() as rss, timer:
            out.update(function(ctx))
        out["queries"] = len(captured)
        out["rss_mb"] = rss.mb
        if target.traced:  # memory only: its time is tracemalloc's as much as ours
            out["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        for _ in range(ctx.times(target, 3) - 1):
            if sum(timer.wall) > BUDGET_SECONDS:
                break
            with timer:
                function(ctx)
        if ctx.outside_weasyprint:
            out["outside_weasyprint"] = statistics.median(ctx.outside_weasyprint)
        if target.export_floor:
            floor, floor_timer = getattr(exports, target.export_floor), Timer()
            floor(ctx)  # warm-up
            for _ in range(len(timer.wall)):
                with floor_timer:
                    floor(ctx)
            out["floor"] = floor_timer.summary()
    except Exception as exc:  # noqa: BLE001 - reported, not raised: the other targets go on
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        return {"status": "error", "note": f"{type(exc).__name__}: {exc}"[:300]}
    out.update(timer.summary())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", help="Comma-separated target keys")
    parser.add_argument("--repeat-scale", type=float, default=1.0, help="Fewer or more runs")
    args = parser.parse_args(argv)
    info = meta()
    ctx = Context(info, repeat_scale=args.repeat_scale)
    only = set(args.only.split(",")) if args.only else None
    results: dict[str, dict] = {}
    for target in TARGETS:
        if only and target.key not in only:
            continue
        started = time.perf_counter()
        measure_one = measure_page if target.kind == "page" else measure_call
        result = measure_one(target, ctx)
        result["wall"] = time.perf_counter() - started
        results[target.key] = result
        shown = (
            f"median {result['median'] * 1000:.0f} ms, p95 {result['p95'] * 1000:.0f} ms, "
            f"{result.get('queries')} queries"
            if result["status"] == "ok"
            else f"{result['status']} {result.get('note', '')}"
        )
        print(f"  {target.title}: {shown}", flush=True)
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT sqlite_version()")
            version = f"SQLite {cur.fetchone()[0]}"
        else:
            cur.execute("SHOW server_version")
            version = f"PostgreSQL {cur.fetchone()[0]}"
    out = {
        "database": version,
        "vendor": connection.vendor,
        "meta": info,
        "targets": results,
        "load": os.getloadavg(),
    }
    Path(args.out).write_text(json.dumps(out, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
