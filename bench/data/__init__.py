"""The national-scale data generator behind `python -m bench.build` and `make bench`.

Deterministic: the same scale and seed give the same rows (a seeded `random.Random`, dates
anchored to ANCHOR, not to today). Fast: rows are written with one multi-row INSERT per batch
(SQLite `executemany`) or `COPY` (PostgreSQL) straight from tuples, history rows beside them;
no model `save()`, no services, no signals, one transaction. The only records made through
the services are the bench committee's meetings and papers (a handful).

At scale 1.0: 44 responding organisations (the 43 territorial forces and the NPCC, from the
reference list every instance loads), 1,000 people, 2,000 inspections, 600 reports, 20,000
recommendations, about 60,000 responses (national recommendations fanned out to all 44),
about 300,000 updates, about 100,000 evidence records and a history row for every record
(a second one where a response or an inspection moved on). Scale 0.1 is a tenth of
everything except the organisations, so each organisation's record is ten times smaller.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections, transaction

from bench.data.organisations import Structure
from bench.data.record import Record
from bench.data.vocabulary import (
    ANCHOR,
    BENCH_ORG_SLUG,
    BENCH_USERS,
    BIG_FORCES,
    GENERATOR_VERSION,
    NATIONAL_RESPONDER_SLUGS,
    SHOWCASE_EVIDENCE,
    SHOWCASE_UPDATES,
    counts_for,
)
from bench.data.writer import Writer, _Search

__all__ = [
    "ANCHOR",
    "SHOWCASE_EVIDENCE",
    "SHOWCASE_UPDATES",
    "Result",
    "counts_for",
    "ensure_meta_table",
    "generate",
    "schema_hash",
    "version_hash",
    "write_meta",
]


def schema_hash() -> str:
    """Changes when any migration file does."""
    import oversight

    root = Path(oversight.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def version_hash(scale: float, seed: int) -> str:
    """Changes when the generator, the schema (the migration files), the parameters or the
    paper composer or its facts (the bench papers are composed when the data is built) do."""
    from oversight.papers import compose, selectors

    digest = hashlib.sha256()
    for part in sorted(Path(__file__).parent.glob("*.py")):  # the generator's own code
        digest.update(part.read_bytes())
    for module in (compose, selectors):  # what the papers say, and the facts they say it from
        digest.update(Path(module.__file__).read_bytes())
    digest.update(schema_hash().encode())
    digest.update(f"{GENERATOR_VERSION}:{scale}:{seed}".encode())
    return digest.hexdigest()[:16]


@dataclass
class Result:
    scale: float
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    bench_organisation_id: int = 0
    showcase_response_id: int = 0


def generate(
    *,
    scale: float,
    seed: int = 1,
    media_root: Path,
    using: str = "default",
    log: Callable[[str], None] = lambda _: None,
    papers: bool = True,
) -> Result:
    """Write the bench record into `using` (migrated, with the reference organisations)."""
    result = Result(scale=scale, seed=seed)
    started = time.perf_counter()
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cur:  # a file being built: a failed build is discarded
            cur.execute("PRAGMA journal_mode=MEMORY")
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-262144")  # 256 MB: index pages stay in memory
    with transaction.atomic(using=using):
        _Generator(scale, seed, media_root, using, log, result).run()
    result.seconds["rows"] = round(time.perf_counter() - started, 2)
    if papers:
        t = time.perf_counter()
        _committee_papers(result)
        result.seconds["papers"] = round(time.perf_counter() - t, 2)
    return result


class _Generator(Structure, Record):
    def __init__(self, scale, seed, media_root, using, log, result: Result):
        self.scale = scale
        self.rng = random.Random(seed)
        self.n = counts_for(scale)
        self.media_root = Path(media_root)
        self.w = Writer(using)
        self.log = log
        self.result = result
        self.password = ""
        self.search = _Search(self.w)
        self.rec_objs: dict = {}

    def run(self) -> None:
        from oversight.accounts.models import Organisation

        w = self.w
        orgs = {o.slug: o for o in Organisation.objects.using(w.connection.alias).all()}
        forces = sorted((o for o in orgs.values() if o.kind == "force"), key=lambda o: o.slug)
        self.forces = forces
        self.responders = forces + [orgs[s] for s in NATIONAL_RESPONDER_SLUGS]
        self.hmicfrs = next(o for o in orgs.values() if o.short_name == "HMICFRS")
        self.bench_org = orgs[BENCH_ORG_SLUG]
        self.result.bench_organisation_id = self.bench_org.pk
        self.weight = {o.pk: BIG_FORCES.get(o.slug, 1.0) for o in self.responders}
        from django.contrib.auth.hashers import make_password

        self.password = make_password("bench-password")
        steps = [
            ("people", self.people),
            ("structure", self.structure),
            ("inspections", self.inspections),
            ("reports", self.reports),
            ("recommendations", self.recommendations),
            ("responses", self.responses),
            ("updates and evidence", self.updates),
        ]
        for name, step in steps:
            t = time.perf_counter()
            step()
            w.flush_all()
            self.result.seconds[name] = round(time.perf_counter() - t, 2)
            self.log(f"  {name}: {self.result.seconds[name]:.1f} s")
        from oversight.accounts.models import Board, Portfolio, User
        from oversight.inspections.models import Inspection, InspectionEvent, Report
        from oversight.recommendations.models import Evidence, Recommendation, Response, Update

        all_models = [
            User, Portfolio, Board, Inspection, InspectionEvent, Report, Recommendation,
            Response, Update, Evidence,
        ]  # fmt: skip
        if w.vendor == "postgresql":
            w.reset_sequences(all_models)
            for model in all_models:
                w.reset_sequences([model.history.model])
        if self.search.model is not None:
            t = w.tables.get(self.search.model)
            self.result.counts[self.search.model._meta.db_table] = t.count if t else 0
        for model in all_models:
            t = w.tables.get(model)
            self.result.counts[model._meta.db_table] = t.count if t else 0
            h = w.histories.get(model)
            self.result.counts[model.history.model._meta.db_table] = h[0].count if h else 0


def _committee_papers(result: Result) -> None:
    """The bench organisation's committee, two meetings, an issued paper and a draft (through
    the services: a handful of records, and the draft is what `make bench` exports)."""
    from oversight.accounts.models import Organisation, User
    from oversight.papers import services

    organisation = Organisation.objects.get(pk=result.bench_organisation_id)
    liaison = User.objects.get(username=BENCH_USERS[0])
    committee = services.committee_create(
        organisation=organisation, name="Joint Audit Committee", short_name="JAC", actor=liaison
    )
    first = services.meeting_create(committee=committee, held_on=dt.date(2025, 6, 26))
    paper = services.paper_draft_create(meeting=first, actor=liaison)
    services.paper_issue(paper=paper, actor=liaison)
    second = services.meeting_create(committee=committee, held_on=ANCHOR)
    services.paper_draft_create(meeting=second, actor=liaison)


def ensure_meta_table(connection) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (name VARCHAR(40) PRIMARY KEY, value TEXT)"
        )


def write_meta(connection, values: dict[str, str]) -> None:
    ensure_meta_table(connection)
    with connection.cursor() as cur:
        for name, value in values.items():
            cur.execute("DELETE FROM bench_meta WHERE name = %s", [name])
            cur.execute("INSERT INTO bench_meta (name, value) VALUES (%s, %s)", [name, value])
