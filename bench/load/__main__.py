from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.load import __doc__ as DOC
from bench.load import report
from bench.load.people import (
    MIX,
    REQUEST_TIMEOUT,
    RESPONSE_RE,
    Person,
    Shared,
    Stats,
    edit_conflict,
)
from bench.load.servers import ROOT, Deployment
from bench.load.throughput import Kind, measure, profile, where_time_goes

CONFLICT_EVERY = 5.0  # seconds between two edit-conflict probes


def people_phase(deployment: Deployment, users: int, seconds: float) -> tuple[Stats, float]:
    run = uuid.uuid4().hex[:8]
    shared = Shared()
    started = time.monotonic()
    deadline = started + seconds
    names = [name for name, share in MIX for _ in range(round(share * users))]
    names = (names + ["viewer"] * users)[:users]
    people = [Person(i, n, deployment.bases, run, shared, deadline) for i, n in enumerate(names)]
    threads = [threading.Thread(target=p.run, daemon=True) for p in people]
    conflicts = Stats()
    probe = threading.Thread(
        target=conflict_probes, args=(deployment.bases, run, deadline, conflicts), daemon=True
    )
    for thread in threads:
        thread.start()
        time.sleep(0.02)  # people arrive over a second, not all in the same millisecond
    probe.start()
    for thread in [*threads, probe]:
        thread.join(timeout=max(1.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    elapsed = time.monotonic() - started
    stats = Stats()
    for person in people:
        stats.merge(person.stats)
    stats.merge(conflicts)
    stuck = sum(t.is_alive() for t in [*threads, probe])
    if stuck:
        stats.errors["stuck"] += stuck
    return stats, elapsed


def conflict_probes(bases: list[str], run: str, deadline: float, stats: Stats) -> None:
    first = Person(1000, "liaison", bases, run, Shared(), deadline)
    second = Person(1001, "liaison", bases, run, Shared(), deadline)
    try:
        first.sign_in()
        second.sign_in()
    except Exception as exc:  # noqa: BLE001 - counted and reported
        first.fail("conflict", exc)
        stats.merge(first.stats)
        return
    rng = random.Random(run)
    while time.monotonic() + CONFLICT_EVERY < deadline:
        time.sleep(CONFLICT_EVERY)
        try:
            edit_conflict(first, second, rng.choice(first.own), stats)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            first.fail("conflict", exc)
    stats.merge(first.stats)
    stats.merge(second.stats)


def session_cookie(deployment: Deployment, run: str) -> tuple[str, str]:
    """A liaison's signed-in cookies, and one open response page of the register."""
    person = Person(2000, "liaison", deployment.bases[:1], run, Shared(), time.monotonic() + 60)
    person.sign_in()
    cookies = "; ".join(f"{c.name}={c.value}" for c in person.jar)
    response = next(iter(person.own), None)
    if response is None:
        raise SystemExit("the register showed the liaison no responses")
    return cookies, response


def throughput_phase(deployment: Deployment, args, progress) -> dict:
    cookie, response = session_cookie(deployment, "throughput")
    number = RESPONSE_RE.search(f'href="{response}"').group(2)

    def kinds() -> list[Kind]:
        return [
            Kind("constant page", "/health/"),
            # the layout for a signed-in person (session, person, header, navigation) and
            # nothing of the record: a page that is not there
            Kind("layout only", "/no-such-page/", status=404),
            Kind("register", "/recommendations/"),
            Kind("response page", response),
            Kind("API list", "/api/v1/responses/?page_size=50"),
        ]

    person = Person(2001, "liaison", deployment.bases[:1], "count", Shared(), time.monotonic() + 60)
    person.sign_in()
    _, _, body = person.request("count", f"/api/v1/responses/{number}/updates/?page_size=1")
    updates = json.loads(body)["count"]
    runs = {}
    progress(
        f"Throughput: {args.users} connections asking without a pause, {args.rounds} rounds of "
        f"{args.round_seconds:g} s per kind (response {number}) …"
    )
    count = len(deployment.bases)
    if count > 1:
        progress(f"  on the {count} app servers ({args.per_server} workers each) …")
    every = kinds()
    measure(deployment.bases, every, cookie, connections=args.users,
            seconds=args.round_seconds, rounds=args.rounds, progress=progress)  # fmt: skip
    profiles = {}
    if args.profile:
        progress("Profiling the workers (py-spy) while each kind is asked once more …")
        for kind in every[2:]:
            collapsed = profile(deployment.servers, deployment.bases, kind, cookie,
                                connections=args.users, seconds=args.round_seconds,
                                folder=deployment.work)  # fmt: skip
            profiles[kind.name] = where_time_goes(collapsed)
            if args.keep_profiles:
                keep = ROOT / "var" / "load" / collapsed.name
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(collapsed, keep)
    if count > 1:
        # The same workers in one server, on the same cores: what splitting them costs.
        workers = args.per_server * count
        progress(f"  on one app server with the same {workers} workers …")
        deployment.stop_servers()
        deployment.start(1, workers)
        one = kinds()
        measure(deployment.bases, one, cookie, connections=args.users,
                seconds=args.round_seconds, rounds=args.rounds, progress=progress)  # fmt: skip
        runs[f"one server, {workers} workers"] = one
    runs[f"{count} servers" if count > 1 else "one server"] = every
    return {"runs": runs, "profiles": profiles, "response": number, "updates": updates}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DOC.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated people (default 50)")
    parser.add_argument("--seconds", type=float, default=120, help="people for (default 120)")
    parser.add_argument("--workers", type=int, default=0,
                        help="gunicorn workers in all (default 2 × CPUs + 1, shared out "
                             "between the servers)")  # fmt: skip
    parser.add_argument("--servers", type=int, default=1, help="app servers (default 1)")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default=None,
                        help="default: sqlite for one server, postgresql for several")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds (default 3)")
    parser.add_argument("--round-seconds", type=float, default=10, help="per kind and round")
    parser.add_argument("--no-throughput", action="store_true", help="people only")
    parser.add_argument("--profile", action="store_true", help="where the workers' time goes")
    parser.add_argument("--keep-profiles", action="store_true", help="copy them to var/load/")
    parser.add_argument("--report", type=Path, default=None, help="default bench/load.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 1 <= args.seconds <= 3600:
        parser.error("--users must be 1–500 and --seconds 1–3600")
    if not 1 <= args.servers <= 4 or not 1 <= args.rounds <= 20:
        parser.error("--servers must be 1–4 and --rounds 1–20")
    database = args.database or ("postgresql" if args.servers > 1 else "sqlite")
    workers_in_all = args.workers or min(2 * (os.cpu_count() or 1) + 1, 9)
    per_server = max(1, round(workers_in_all / args.servers))
    args.per_server = per_server
    target = args.report or ROOT / "bench" / (
        "load.md" if args.servers == 1 else f"load-{args.servers}-servers.md"
    )

    def progress(text: str) -> None:
        print(text, flush=True)

    work = Path(tempfile.mkdtemp(prefix="oversight-load-"))
    deployment = Deployment(work=work, database=database)
    try:
        deployment.prepare(shared_services=args.servers > 1)
        progress(f"Loading the demo into a new {database} database …")
        deployment.load_demo()
        deployment.start(args.servers, per_server)
        shared = " (Redis caches, S3 evidence)" if args.servers > 1 else ""
        progress(
            f"{args.servers} × gunicorn ({per_server} workers each) on {database}{shared}; "
            f"{args.users} people for {args.seconds:g} s …"
        )
        stats, elapsed = people_phase(deployment, args.users, args.seconds)
        measured = None if args.no_throughput else throughput_phase(deployment, args, progress)
        deployment.stop_servers()
        found, intact, problems = deployment.verify(stats.posted)
        setup = {
            "servers": args.servers,
            "workers": per_server,
            "database": database,
            "users": args.users,
            "seconds": elapsed,
            "shared": bool(shared),
            "cpus": os.cpu_count(),
            "load": os.getloadavg(),
        }
        text, ok = report.write(setup, stats, found, intact, problems, measured)
        print(text)
        target.write_text(text)
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        progress(f"Written to {shown}")
        return 0 if ok else 1
    finally:
        deployment.close()
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
