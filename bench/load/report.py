"""The load report: what the people saw, the throughput beside the ceiling, where the time
went; printed and written as Markdown (bench/load.md)."""

from __future__ import annotations

import datetime as dt
import platform
import statistics

from bench.load.people import Stats

TARGET_SHARE = 0.5  # each page kind: at least half the constant page's throughput
KINDS = ["sign in", "register", "response", "update form", "update post", "download", "conflict"]


def percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def write(setup: dict, stats: Stats, found: int, intact: int, problems: list[str], measured):
    lines: list[str] = []
    add = lines.append
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    servers = setup["servers"]
    add(f"# Load: {servers} app server{'s' if servers > 1 else ''}, {setup['database']}")
    add("")
    add(
        f"Written by `make load` (`python -m bench.load`) on {when}: {servers} × gunicorn "
        f"({setup['workers']} workers each) on {setup['database']}"
        + (", caches on Redis, evidence on an S3 API server (moto)" if setup["shared"] else "")
        + f"; {setup['cpus']} cores ({platform.processor() or platform.machine()}); load "
        f"average at the end {setup['load'][0]:.2f}. The machine is shared: figures move "
        "between runs, ratios within one run much less."
    )
    add("")
    add(f"## {setup['users']} people for {setup['seconds']:.0f} s")
    add("")
    add("| Kind | Requests | Errors | Median ms | p95 ms | Max ms |")
    add("| --- | ---: | ---: | ---: | ---: | ---: |")
    total = sum(len(v) for v in stats.timings.values())
    errors = sum(stats.errors.values())
    for kind in KINDS + sorted(set(stats.timings) - set(KINDS)):
        values = stats.timings.get(kind, [])
        if not values and not stats.errors.get(kind):
            continue
        median = statistics.median(values) * 1000 if values else 0
        p95 = percentile(values, 0.95) * 1000 if values else 0
        longest = max(values) * 1000 if values else 0
        add(
            f"| {kind} | {len(values)} | {stats.errors.get(kind, 0)} | {median:.0f} | "
            f"{p95:.0f} | {longest:.0f} |"
        )
    add(f"| **all** | **{total}** | **{errors}** | {total / setup['seconds']:.1f} a second | | |")
    add("")
    posted = len(stats.posted)
    lost = posted - found
    add(
        f"Updates: {posted} posted and acknowledged, {found} found in the database, **{lost} "
        f"lost**; {intact} evidence files present with the same SHA-256"
        + (f"; {stats.unacknowledged} posts with no answer" if stats.unacknowledged else "")
        + f". Evidence downloaded: {stats.downloaded_bytes:,} bytes. Edit conflicts "
        f"(two liaisons, one RAG form{', on two servers' if servers > 1 else ''}): "
        f"{stats.conflicts_honoured} told and refused, the first save kept."
    )
    for sample in stats.error_samples[:10]:
        add(f"- error: {sample}")
    for problem in problems[:10]:
        add(f"- lost: {problem}")
    ok = errors == 0 and lost == 0 and intact == posted and not problems and posted > 0
    ok = ok and stats.conflicts_honoured > 0
    if measured:
        ok = _throughput(add, measured, servers) and ok
    add("")
    add(
        "RESULT: "
        + ("PASS (zero errors, zero lost updates, every conflict told)" if ok else "FAIL")
    )
    return "\n".join(lines) + "\n", ok


def _throughput(add, measured, servers: int) -> bool:
    ok = True
    add("")
    add("## Throughput beside the ceiling")
    add("")
    add(
        "As many connections as people, asking without a pause (wrk), signed in as the demo "
        "liaison; the kinds take turns round after round and each figure is the median of its "
        "rounds. The ceiling is the same gunicorn and Django answering a constant page "
        "(`/health/`: no session read, no query, no template). *Layout only* is a page that "
        "is not there, for a signed-in person: the session, the person and the GOV.UK layout "
        "with its header and navigation, nothing of the record; what every page pays."
    )
    add("")
    add(
        "| Servers | Kind | Requests a second | Share of the ceiling | Median ms | p95 ms "
        "| Errors | Target |"
    )
    add("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for label, kinds in measured["runs"].items():
        ceiling = kinds[0].rps()
        for kind in kinds:
            share = kind.rps() / ceiling if ceiling else 0
            if kind is kinds[0]:
                verdict = "the ceiling"
            elif kind.status != 200:
                verdict = "what every page costs"
            else:
                met = share >= TARGET_SHARE
                verdict = f"≥ {TARGET_SHARE:.0%} — " + ("met" if met else "**missed**")
            if kind.errors():
                ok = False
            add(
                f"| {label} | {kind.name} | {kind.rps():.0f} | {share:.0%} | {kind.p50():.0f} | "
                f"{kind.p95():.0f} | {kind.errors()} | {verdict} |"
            )
    add("")
    add(
        f"The response page asked is response {measured['response']}, the first of the "
        f"liaison's register, with {measured['updates']} updates by the end of the run (the "
        "people added theirs to it, each with a file): the page shows the newest 20 "
        "updates but lists every evidence file, each read and dated, so its cost grows with "
        "them."
    )
    runs = list(measured["runs"].values())
    if servers > 1 and len(runs) == 2:
        add("")
        add(
            f"Throughput of {servers} servers against one server with the same workers, on the "
            "same cores (target: no lower): "
            + "; ".join(
                f"{a.name} {b.rps() / a.rps():.2f}×" for a, b in zip(runs[0], runs[1], strict=True)
            )
            + "."
        )
    for name, (samples, inclusive, own) in measured["profiles"].items():
        add("")
        add(f"### Where a worker's time goes: {name} ({samples:,} samples in requests)")
        add("")
        add("| In the function and what it calls | Share | In the function itself | Share |")
        add("| --- | ---: | --- | ---: |")
        for (s_in, f_in), (s_own, f_own) in zip(inclusive, own, strict=False):
            add(f"| `{f_in}` | {s_in:.0%} | `{f_own}` | {s_own:.0%} |")
    return ok
