"""`make bench`: build the bench data at scales 0.1 and 1.0 (cached), measure every target of
bench/targets.py against each database, and write bench/results.md.

    .venv/bin/python -m bench.run [--scales 0.1,1.0] [--repeat-scale 1] [--no-postgres]

SQLite always; PostgreSQL as well when DATABASE_URL is a postgres:// URL (the databases
bench_s01 and bench_s10 are created on that server). Each database is measured in its own
process (bench/measure.py) so that nothing is shared between them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.targets import (
    EXPORT_FLOOR_RATIO,
    MAX_FLOOR_RATIO,
    MAX_P95_GROWTH,
    MAX_QUERIES,
    OUTSIDE_WEASYPRINT_AT_FULL_SCALE,
    PEAK_MB_AT_FULL_SCALE,
    SECONDS_AT_FULL_SCALE,
    TARGETS,
)

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
VAR = Path(os.environ.get("OVERSIGHT_VAR_DIR", ROOT / "var")) / "bench"
RESULTS = ROOT / "bench" / "results.md"


def label(scale: float) -> str:
    return f"{scale:.1f}"


def sqlite_url(scale: float) -> str:
    return f"sqlite:///{(VAR / f'scale-{label(scale)}.sqlite3').resolve()}"


def postgres_url(scale: float) -> str | None:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return None
    head, _, _ = base.rpartition("/")
    return f"{head}/bench_s{round(scale * 10):02d}"


def build(*args: str) -> None:
    """Build the bench data (bench/build.py), cached by the generator's version."""
    command = [str(VENV_BIN / "python"), "-m", "bench.build", *args]
    done = subprocess.run(command, cwd=ROOT, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode})")


def measure(url: str, out: Path, repeat_scale: float, only: str | None) -> dict:
    env = dict(os.environ, DATABASE_URL=url, OVERSIGHT_MEDIA_ROOT=str(VAR / "media"))
    command = [str(VENV_BIN / "python"), "-m", "bench.measure", "--out", str(out)]
    command += ["--repeat-scale", str(repeat_scale)]
    if only:
        command += ["--only", only]
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"measuring {url.split('@')[-1]} failed ({done.returncode})")
    return json.loads(out.read_text())


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = ""
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "RAM": ram,
        "Load average at the start (1, 5, 15 min)": load,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite (Python's)": sqlite3.sqlite_version,
    }


# --- Judging and writing ------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def judge(
    key: str, kind: str, small: dict, full: dict, *, cpu: bool
) -> list[tuple[str, bool | None, str]]:
    """(target, met?, figures) for one measured thing at both scales. With `cpu`, the time
    checks use CPU time (SQLite runs in the process: its work is counted), which a machine
    shared with other work does not distort as it does wall-clock time."""
    p95, median = ("cpu_p95", "cpu_median") if cpu else ("p95", "median")
    clock = " (CPU)" if cpu else ""
    checks: list[tuple[str, bool | None, str]] = []
    if kind == "page":
        q1, q2 = small.get("queries"), full.get("queries")
        checks.append(
            (
                f"queries ≤ {MAX_QUERIES} and equal",
                q1 is not None and q1 == q2 and q2 <= MAX_QUERIES,
                f"{q1} / {q2}",
            )
        )
    if kind == "page" and small.get(p95) and full.get(p95):
        growth = full[p95] / small[p95]
        checks.append(
            (
                f"p95{clock} at 1.0 ≤ {MAX_P95_GROWTH:g}× at 0.1",
                growth <= MAX_P95_GROWTH,
                f"{growth:.2f}×",
            )  # fmt: skip
        )
    if "floor" in full:
        ratio = full[median] / full["floor"][median]
        limit = EXPORT_FLOOR_RATIO.get(key, MAX_FLOOR_RATIO)
        checks.append(
            (
                f"≤ {limit:g}× the raw {'floor' if kind == 'export' else 'SQL floor'}{clock} "
                "at 1.0",
                ratio <= limit,
                f"{ratio:.2f}× ({ms(full['floor'][median])} floor)",
            )
        )
    if full.get("outside_weasyprint") is not None:
        outside = full["outside_weasyprint"]
        checks.append(
            (
                f"≤ {OUTSIDE_WEASYPRINT_AT_FULL_SCALE:g} s outside WeasyPrint at 1.0",
                outside <= OUTSIDE_WEASYPRINT_AT_FULL_SCALE,
                f"{outside:.2f} s",
            )
        )
    if key in SECONDS_AT_FULL_SCALE and full.get("median") is not None:
        limit = SECONDS_AT_FULL_SCALE[key]
        checks.append(
            (f"≤ {limit:g} s at 1.0", full["median"] <= limit, f"{full['median']:.2f} s median")
        )
    if key in PEAK_MB_AT_FULL_SCALE and full.get("peak_mb") is not None:
        limit = PEAK_MB_AT_FULL_SCALE[key]
        streamed = small.get("peak_mb") and full["peak_mb"] < 3 * small["peak_mb"]
        checks.append(
            (
                f"peak < {limit:g} MB at 1.0, streamed",
                full["peak_mb"] < limit and bool(streamed),
                f"{small.get('peak_mb', 0):.0f} MB / {full['peak_mb']:.0f} MB "
                f"for {small.get('rows', '?'):,} / {full.get('rows', '?'):,} rows",
            )
        )
    return checks


def table_for(engine: str, runs: dict[float, dict], scales: list[float]) -> list[str]:
    small, full = runs[scales[0]], runs[scales[-1]]
    head = f"{label(scales[0])} → {label(scales[-1])}"
    loads = ", ".join(f"{runs[s]['load'][0]:.1f}" for s in scales)
    lines = [
        f"### {engine}: {small['database']}",
        "",
        f"Load average (1 min) when each scale's measuring ended: {loads} on "
        f"{os.cpu_count()} cores.",
        "",
        f"| Target | Queries ({head}) | Median ({head}) | p95 ({head}) | p95 CPU ({head}) | "
        "Peak memory | Checks |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    missed = []
    for target in TARGETS:
        a = small["targets"].get(target.key, {"status": "not measured"})
        b = full["targets"].get(target.key, {"status": "not measured"})
        if a["status"] != "ok" or b["status"] != "ok":
            status = a["status"] if a["status"] != "ok" else b["status"]
            note = a.get("note") or b.get("note") or ""
            lines.append(f"| {target.title} | {status} {note} | | | | | |")
            continue
        checks = judge(target.key, target.kind, a, b, cpu=small["vendor"] == "sqlite")
        text = "; ".join(f"{name}: {figures} — {verdict(ok)}" for name, ok, figures in checks)
        missed += [
            f"{target.title}: {name} ({figures})" for name, ok, figures in checks if ok is False
        ]
        if b.get("peak_mb") is not None:
            peak = f"{a['peak_mb']:.0f} / {b['peak_mb']:.0f} MB (traced)"
        elif b.get("rss_mb") is not None:
            peak = f"+{a['rss_mb']:.0f} / +{b['rss_mb']:.0f} MB (RSS)"
        else:
            peak = "–"
        if target.traced:  # timed under tracemalloc: its time says nothing
            times = "– (traced) | – | –"
        else:
            times = (
                f"{ms(a['median'])} / {ms(b['median'])} | {ms(a['p95'])} / {ms(b['p95'])} | "
                f"{ms(a['cpu_p95'])} / {ms(b['cpu_p95'])}"
            )
        lines.append(
            f"| {target.title} | {a.get('queries', '–')} / {b.get('queries', '–')} | "
            f"{times} | {peak} | {text or '–'} |"
        )
    lines.append("")
    if missed:
        lines += [f"Missed on {engine}:", ""] + [f"- {m}" for m in missed] + [""]
    else:
        lines += [f"Every target met on {engine}.", ""]
    return lines


def counts_table(runs: dict[float, dict], scales: list[float]) -> list[str]:
    metas = [runs[s]["meta"] for s in scales]
    counts = [json.loads(m["counts"]) for m in metas]
    seconds = [json.loads(m["seconds"]) for m in metas]
    lines = [
        "| Table | " + " | ".join(f"scale {label(s)}" for s in scales) + " |",
        "| --- | " + " | ".join("---:" for _ in scales) + " |",
    ]
    for name in counts[-1]:
        lines.append(f"| {name} | " + " | ".join(f"{c.get(name, 0):,}" for c in counts) + " |")
    total = [sum(c.values()) for c in counts]
    lines.append("| **rows written** | " + " | ".join(f"**{t:,}**" for t in total) + " |")
    lines.append(
        "| build time (generating, papers, ANALYZE) | "
        + " | ".join(f"{m['build_seconds']} s" for m in metas)
        + " |"
    )
    for step in seconds[-1]:
        lines.append(
            f"| … {step} | " + " | ".join(f"{s.get(step, 0):.1f} s" for s in seconds) + " |"
        )
    return lines


def write(results: dict[str, dict[float, dict]], scales: list[float], info: dict) -> None:
    lines = [
        "# Benchmarks at national scale",
        "",
        f"Written by `make bench` (`python -m bench.run`) on {info['date']}; the whole run took "
        f"{info['total']:.0f} s (building {info['build']:.0f} s, measuring "
        f"{info['measure']:.0f} s). Re-run it after a change and commit this file with it.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {k} | {v} |" for k, v in info["machine"].items()]
    for engine, runs in results.items():
        lines.append(f"| {engine} | {runs[scales[-1]]['database']} |")
    lines += [
        "",
        "## How it is measured",
        "",
        "- Data: `python -m bench.build --scale S` (bench/data/), seeded and "
        "anchored to 30 September 2025; written with multi-row INSERT (SQLite) or COPY "
        "(PostgreSQL), history rows included, no services. 44 responding organisations at every "
        "scale (the 43 forces and the NPCC), so each organisation's record at 0.1 is a tenth "
        "of the one at 1.0.",
        "- Pages: Django's test Client in one process, signed in as the bench organisation's "
        "liaison (the Metropolitan Police Service, the largest record) or its busiest owner; "
        "3 warm-up requests, then repeated requests; median and 95th percentile. Queries: "
        "every SQL statement of one request (CaptureQueriesContext), session and sign-in "
        "included (on SQLite the session save is 3 statements: BEGIN, UPDATE, COMMIT).",
        "- Raw SQL floor: the register's first 25 rows (same joins, filter and order) fetched "
        "by one hand-written query through the same connection.",
        "- Exports: the function the download calls. The trackers (every response of every "
        "organisation, `oversight.papers.tracker.csv_lines` and `write_xlsx`, to a temporary "
        "file) are timed over repeated runs beside their raw floor: the same rows by one "
        "hand-written query (latest update included), written by csv.writer or XlsxWriter as "
        "they come, with none of our logic. The Excel export's peak Python memory is taken in "
        "a run of its own under tracemalloc, not timed. The papers (the bench organisation's "
        "draft, `papers.documents.build.export`, loaded as the download loads it) are timed "
        "over repeated runs, the PDF's seconds outside WeasyPrint's layout beside; their "
        "memory is the growth of the process's RSS.",
        "- Figures are `scale 0.1 / scale 1.0`.",
        "",
        "## Data",
        "",
    ]
    first = next(iter(results.values()))
    lines += counts_table(first, scales)
    lines += ["", "## Results", ""]
    for engine, runs in results.items():
        lines += table_for(engine, runs, scales)
    notes = ROOT / "bench" / "notes.md"
    if notes.exists():
        lines += ["## Findings", "", notes.read_text().strip(), ""]
    RESULTS.write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="0.1,1.0")
    parser.add_argument("--repeat-scale", type=float, default=1.0)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only", help="Comma-separated target keys (a partial run)")
    parser.add_argument("--no-write", action="store_true", help="Do not write bench/results.md")
    parser.add_argument(
        "--rewrite", action="store_true", help="Only write bench/results.md again from the last run"
    )
    args = parser.parse_args(argv)
    scales = [float(s) for s in args.scales.split(",")]
    engines: dict[str, dict[float, str]] = {"SQLite": {s: sqlite_url(s) for s in scales}}
    if not args.no_postgres and postgres_url(1.0):
        engines["PostgreSQL"] = {s: postgres_url(s) for s in scales}
    if args.rewrite:
        info = json.loads((VAR / "run-info.json").read_text())
        results = {
            engine: {
                s: json.loads((VAR / f"{engine.lower()}-{label(s)}.json").read_text())
                for s in scales
            }
            for engine in engines
            if (VAR / f"{engine.lower()}-{label(scales[-1])}.json").exists()
        }
        write(results, scales, info)
        return 0
    started = time.perf_counter()
    info = {"machine": machine(), "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    for engine, urls in engines.items():
        for scale in urls:
            print(f"{engine}, scale {label(scale)}: bench data", flush=True)
            extra = ["--postgres"] if engine == "PostgreSQL" else []
            build("--scale", str(scale), *extra)
    info["build"] = time.perf_counter() - started
    results: dict[str, dict[float, dict]] = {}
    for engine, urls in engines.items():
        results[engine] = {}
        for scale, url in urls.items():
            print(f"{engine}, scale {label(scale)}: measuring", flush=True)
            out = VAR / f"{engine.lower()}-{label(scale)}.json"
            results[engine][scale] = measure(url, out, args.repeat_scale, args.only)
    info["total"] = time.perf_counter() - started
    info["measure"] = info["total"] - info["build"]
    (VAR / "run-info.json").write_text(json.dumps(info))
    if not args.no_write:
        write(results, scales, info)
        print(f"Wrote {RESULTS.relative_to(ROOT)} in {info['total']:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
