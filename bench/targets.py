"""What `make bench` measures: one small entry per target.

A page is a list of URL names tried in order (the first that exists is measured; none →
"not built yet"), the person who asks for it, and its query string. Other targets are
functions in bench/measure.py named by `run`. To measure a new page, add a line here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    key: str
    title: str
    kind: str = "page"  # page | export | ingest
    urls: tuple[str, ...] = ()
    user: str = "bench-liaison"
    query: dict[str, str] = field(default_factory=dict)
    args: str = ""  # "showcase": the response with many updates
    floor: str = ""  # the raw SQL floor to compare with (register pages)
    run: str = ""  # export / ingest: the function in bench.measure
    repeat: int = 0  # 0: the default for the kind
    traced: bool = False  # one run only, under tracemalloc (peak Python memory), not timed
    export_floor: str = ""  # an export's raw floor: the function in bench.measure


OPEN_OVERDUE = {"status": "any_open", "overdue": "1"}

TARGETS: list[Target] = [
    Target("register", "Register, first page", urls=("recommendations:register",), floor="due"),
    Target(
        "register_filtered",
        "Register, open and overdue",
        urls=("recommendations:register",),
        query=OPEN_OVERDUE,
        floor="overdue",
    ),
    Target(
        "register_sorted",
        "Register, recently changed first",
        urls=("recommendations:register",),
        query={"sort": "-updated"},
        floor="updated",
    ),
    Target(
        "response",
        "Response with 60 updates",
        urls=("recommendations:response-detail",),
        user="bench-owner",
        args="showcase",
    ),
    Target("home", "Home (what needs your attention)", urls=("dashboards:home",)),
    Target(
        "dashboard",
        "Dashboard",
        urls=("dashboards:dashboard", "dashboards:overview", "dashboards:charts"),
    ),
    Target(
        "search",
        "Search",
        urls=("dashboards:search", "search:search", "search:results"),
        query={"q": "force training"},
    ),
    Target("inspections", "Inspection list", urls=("inspections:list",)),
    Target(
        "mine",
        "My responses (the busiest owner)",
        urls=("recommendations:mine",),
        user="bench-owner",
    ),  # fmt: skip
    Target(
        "api_list",
        "API: responses, first page",
        urls=("api:response-list", "api:responses-list", "api:responses", "api:v1:response-list"),
    ),
    Target(
        "csv",
        "CSV tracker, every response",
        kind="export",
        run="export_csv",
        repeat=3,
        export_floor="export_csv_floor",
    ),  # fmt: skip
    Target(
        "xlsx",
        "Excel tracker, every response",
        kind="export",
        run="export_xlsx",
        repeat=2,
        export_floor="export_xlsx_floor",
    ),  # fmt: skip
    Target(
        "xlsx_memory",
        "Excel tracker, memory (a run of its own, traced)",
        kind="export",
        run="export_xlsx",
        repeat=1,
        traced=True,
    ),  # fmt: skip
    Target("docx", "Committee paper, Word", kind="export", run="export_docx", repeat=4),
    Target("pdf", "Committee paper, PDF", kind="export", run="export_pdf", repeat=3),
    Target(
        "facts",
        "Committee paper, drawn from the record",
        kind="export",
        run="paper_facts",
        repeat=3,
    ),  # fmt: skip
    Target(
        "ingest", "Ingest of a long report (reading)", kind="ingest", run="ingest_long", repeat=3
    ),  # fmt: skip
]

# Absolute targets at scale 1.0, in seconds (median) or MB (peak traced memory).
SECONDS_AT_FULL_SCALE = {"docx": 2.0, "pdf": 3.0}
OUTSIDE_WEASYPRINT_AT_FULL_SCALE = 0.2  # the PDF's seconds not spent laying it out
PEAK_MB_AT_FULL_SCALE = {"xlsx_memory": 300.0}
# An export against its raw floor (the same rows by one hand-written query, written by the
# same library with no logic of ours), at 1.0.
EXPORT_FLOOR_RATIO = {"csv": 2.0, "xlsx": 1.2}
MAX_QUERIES = 15
MAX_P95_GROWTH = 2.0
MAX_FLOOR_RATIO = 5.0
