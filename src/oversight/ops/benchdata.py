"""The national-scale data generator behind `oversight bench_data` and `make bench`.

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
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections, models, transaction

GENERATOR_VERSION = 3
ANCHOR = dt.date(2025, 9, 30)  # "today" for the generated record
START = dt.date(2014, 1, 1)
BENCH_ORG_SLUG = "metropolitan-police-service"
NATIONAL_RESPONDER_SLUGS = ("national-police-chiefs-council",)
BIG_FORCES = {
    "metropolitan-police-service": 4.0,
    "greater-manchester-police": 2.0,
    "west-midlands-police": 2.0,
    "west-yorkshire-police": 2.0,
    "thames-valley-police": 1.6,
}
SHOWCASE_UPDATES = 60  # the bench response with many updates, the same at every scale
SHOWCASE_EVIDENCE = 30
BATCH = 5000

PER_SCALE = {
    "people": 1_000,
    "inspections": 2_000,
    "reports": 600,
    "recommendations": 20_000,
    "responses": 60_000,
    "updates": 300_000,
    "evidence": 100_000,
}

THEMES = [
    "Hate crime",
    "Domestic abuse",
    "Stalking and harassment",
    "Violence against women and girls",
    "Child protection",
    "Missing children",
    "Custody",
    "Vetting",
    "Counter-corruption",
    "Digital forensics",
    "Crime data integrity",
    "Call handling",
    "Neighbourhood policing",
    "Serious and organised crime",
    "Fraud",
    "Mental health",
    "Disproportionality",
    "Stop and search",
    "Use of force",
    "Wellbeing",
    "Leadership",
    "Professional standards",
    "Investigation standards",
    "Victim care",
    "Rape and serious sexual offences",
    "Roads policing",
    "Firearms licensing",
    "Cyber crime",
    "Workforce planning",
    "Information management",
]
VERBS = ["review", "improve", "make sure that", "establish", "put in place", "evaluate"]
THINGS = [
    "its arrangements for supervising investigations",
    "the quality of risk assessments at first contact",
    "how it records and reviews crimes",
    "the training given to call handlers",
    "its use of data to understand demand",
    "the way it safeguards vulnerable people",
    "its governance of the vetting process",
    "how it works with partner agencies",
    "the timeliness of its digital forensic examinations",
    "its processes for managing registered sex offenders",
]
OUTCOMES = [
    "victims receive a consistent service",
    "risk is identified and managed",
    "the public can have confidence in it",
    "officers and staff have the support they need",
    "crimes are recorded accurately",
    "it meets the requirements of the Victims' Code",
]
PROGRESS = [
    "The working group met in {month} and agreed the revised terms of reference.",
    "A dip sample of {n} cases was reviewed by the portfolio lead; {m} met the standard.",
    "Training has been delivered to {n} officers and staff, with the rest booked by {month}.",
    "The new policy was approved at the {board} and published on the intranet.",
    "Performance data shows an improvement of {m} per cent since the last quarter.",
    "A business case for additional staff has gone to the Force Executive Team.",
    "The audit by the internal audit team found {m} of {n} actions complete.",
    "Delays in the IT supplier's work have moved the go-live to {month}.",
    "The action plan was refreshed after feedback from HMICFRS at the liaison meeting.",
    "Evidence of the completed actions has been gathered for the closure submission.",
]
NEXT_STEPS = [
    "Present the dip sample results to the board.",
    "Complete the remaining training sessions.",
    "Agree the closure statement with the portfolio lead.",
    "Review the performance data again next quarter.",
    "Submit the evidence to the liaison lead for checking.",
]
FIRST_NAMES = [
    "Alex", "Sam", "Jo", "Chris", "Pat", "Kim", "Lee", "Morgan", "Jamie", "Robin", "Ali",
    "Priya", "Tom", "Sarah", "David", "Helen", "Mark", "Rachel", "James", "Fatima", "Owen",
    "Grace", "Daniel", "Aisha", "Paul", "Claire", "Ian", "Nadia", "Gareth", "Emma",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Khan", "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Hughes", "Edwards",
]  # fmt: skip
PORTFOLIOS = ["Crime", "Public Protection", "Operations", "Local Policing", "People", "Digital"]
BOARDS = ["Force Executive Board", "Public Protection Board", "Crime Board", "Audit Board"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

BENCH_USERS = ("bench-liaison", "bench-owner", "bench-executive", "bench-viewer")


def counts_for(scale: float) -> dict[str, int]:
    """How many of each record a scale asks for (evidence and updates are approximate)."""
    counts = {k: max(1, round(v * scale)) for k, v in PER_SCALE.items()}
    counts["reports"] = max(4, counts["reports"])
    counts["recommendations"] = max(counts["reports"] * 2, counts["recommendations"])
    return counts


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
    digest.update(Path(__file__).read_bytes())
    for module in (compose, selectors):  # what the papers say, and the facts they say it from
        digest.update(Path(module.__file__).read_bytes())
    digest.update(schema_hash().encode())
    digest.update(f"{GENERATOR_VERSION}:{scale}:{seed}".encode())
    return digest.hexdigest()[:16]


# --- Writing rows fast ---------------------------------------------------------------------


def _default(f: models.Field):
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return dt.datetime.combine(ANCHOR, dt.time(12))
    if f.has_default():
        return f.get_default()
    if f.null:
        return None
    if isinstance(f, (models.CharField, models.TextField)):
        return ""
    return None


class _Table:
    """One table's columns, defaults and value conversions; rows are dicts by attname."""

    def __init__(self, model: type[models.Model], vendor: str, skip: Iterable[str] = ()):
        skip = set(skip)
        fields = [f for f in model._meta.concrete_fields if f.attname not in skip]
        self.name = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.index = {a: i for i, a in enumerate(self.attnames)}
        self.defaults = [_default(f) for f in fields]
        self.vendor = vendor
        self.json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        self.datetimes = [i for i, f in enumerate(fields) if isinstance(f, models.DateTimeField)]
        self.dates = [
            i
            for i, f in enumerate(fields)
            if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
        ]
        self.rows: list[tuple] = []
        self.count = 0

    def values(self, row: dict) -> list:
        values = list(self.defaults)
        index = self.index
        for key, value in row.items():
            values[index[key]] = value
        return values

    def convert(self, values: list) -> tuple:
        for i in self.json:
            values[i] = json.dumps(values[i])
        if self.vendor == "sqlite":
            for i in self.datetimes:
                v = values[i]
                if v is not None:
                    values[i] = str(v)  # "YYYY-MM-DD HH:MM:SS[.ffffff]", as Django stores it
            for i in self.dates:
                v = values[i]
                if v is not None:
                    values[i] = v.isoformat()
        else:
            for i in self.datetimes:
                v = values[i]
                if v is not None:
                    values[i] = v.replace(tzinfo=dt.UTC)
        return tuple(values)


class Writer:
    """Buffers rows per table and writes them in batches on one connection."""

    def __init__(self, using: str = "default"):
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        self.tables: dict[type, _Table] = {}
        self.histories: dict[type, tuple[_Table, list[int | None]]] = {}

    def table(self, model) -> _Table:
        if model not in self.tables:
            self.tables[model] = _Table(model, self.vendor)
        return self.tables[model]

    def history(self, model) -> tuple[_Table, list[int | None]]:
        if model not in self.histories:
            h = _Table(model.history.model, self.vendor, skip={"history_id"})
            main = self.table(model)
            mapping = [main.index.get(a) for a in h.attnames]
            self.histories[model] = (h, mapping)
        return self.histories[model]

    def add(
        self, model, row: dict, *, history: Iterable[tuple[str, dt.datetime, int | None]] = ()
    ) -> None:
        """One row, and one history row per (type, date, user) in `history`."""
        table = self.table(model)
        converted = table.convert(table.values(row))
        table.rows.append(converted)
        if len(table.rows) >= BATCH:
            self.flush(table)
        if not history:
            return
        h, mapping = self.history(model)
        at = h.index["history_date"]
        kind_at, user_at = h.index["history_type"], h.index["history_user_id"]
        sqlite = self.vendor == "sqlite"
        for kind, when, user_id in history:
            hv = [converted[m] if m is not None else None for m in mapping]
            hv[at] = str(when) if sqlite else when.replace(tzinfo=dt.UTC)
            hv[kind_at] = kind
            hv[user_at] = user_id
            h.rows.append(tuple(hv))
            if len(h.rows) >= BATCH:
                self.flush(h)

    def add_plain(self, table_name: str, columns: list[str], rows: list[tuple]) -> None:
        self._write(table_name, columns, rows)

    def flush(self, table: _Table) -> None:
        if table.rows:
            self._write(table.name, table.columns, table.rows)
            table.count += len(table.rows)
            table.rows = []

    def flush_all(self) -> None:
        for table in self.tables.values():
            self.flush(table)
        for h, _ in self.histories.values():
            self.flush(h)

    def _write(self, name: str, columns: list[str], rows: list[tuple]) -> None:
        qn = self.connection.ops.quote_name
        cols = ", ".join(qn(c) for c in columns)
        raw = self.connection.connection
        if self.vendor == "postgresql":
            with raw.cursor() as cur, cur.copy(f"COPY {qn(name)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            cur = raw.cursor()
            cur.executemany(f"INSERT INTO {qn(name)} ({cols}) VALUES ({marks})", rows)
            cur.close()

    def next_id(self, model) -> int:
        with self.connection.cursor() as cur:
            qn = self.connection.ops.quote_name
            cur.execute(f"SELECT MAX({qn('id')}) FROM {qn(model._meta.db_table)}")
            return (cur.fetchone()[0] or 0) + 1

    def reset_sequences(self, models_: list) -> None:
        from django.core.management.color import no_style

        statements = self.connection.ops.sequence_reset_sql(no_style(), models_)
        with self.connection.cursor() as cur:
            for sql in statements:
                cur.execute(sql)


class _Search:
    """The dashboards' search index, written beside the records (rows written in bulk skip
    the signals that keep it). Nothing when the search is not there."""

    def __init__(self, writer: Writer):
        self.w = writer
        try:
            from oversight.dashboards.models import SearchEntry
            from oversight.dashboards.search.index import document
        except ImportError:
            self.model = None
            return
        from oversight.dashboards.search.index import organisation_of, recommendation_title

        self.model, self.document = SearchEntry, document
        self.organisation_of = organisation_of
        self.recommendation_title = recommendation_title
        self.pk = writer.next_id(SearchEntry)
        self.titles: dict[int, str] = {}
        self.fast: bool | None = None

    def add(self, kind: str, obj) -> None:
        if self.model is None:
            return
        self.row(kind, obj.pk, *self.document(kind, obj), self.organisation_of(kind, obj))

    def update(self, pk: int, row: dict, rec, organisation_id: int) -> None:
        """An update's entry without building model instances: the same words as the search's
        own `document()` (checked on the first update; its own way is used if they differ)."""
        if self.model is None:
            return
        day = row["written_on"]
        if rec.pk not in self.titles:
            self.titles[rec.pk] = self.recommendation_title(rec)
        title = f"Update of {day.day} {day:%B %Y} on {self.titles[rec.pk]}"
        body = "\n\n".join(p for p in (row["narrative"], row["next_steps"]) if p)
        if self.fast is None:
            from oversight.recommendations.models import Response, Update

            update = Update(**row)
            update.response = Response(id=row["response_id"])
            update.response.recommendation = rec
            self.fast = self.document("update", update) == (title, body, day)
        if not self.fast:
            from oversight.recommendations.models import Response, Update

            update = Update(**row)
            update.response = Response(id=row["response_id"])
            update.response.recommendation = rec
            title, body, _ = self.document("update", update)
        self.row("update", pk, title, body, day, organisation_id)

    def row(self, kind: str, pk: int, title: str, body: str, on, organisation_id) -> None:
        self.w.add(
            self.model,
            {
                "id": self.pk,
                "kind": kind,
                "object_id": pk,
                "title": title[:600],
                "body": body,
                "dated": on,
                "organisation_id": organisation_id,
            },
        )
        self.pk += 1


# --- The generator -------------------------------------------------------------------------


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8 + rng.randrange(10), rng.randrange(60)))


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _between(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    span = (b - a).days
    return a + dt.timedelta(days=rng.randrange(span + 1)) if span > 0 else a


def _shares(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, exactly (largest remainders)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


def tiny_pdf(label: str) -> bytes:
    """A small, valid one-page PDF that says `label`."""
    text = label.replace("(", "[").replace(")", "]")
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


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


class _Generator:
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

    # people ---------------------------------------------------------------------------

    def people(self) -> None:
        from oversight.accounts.models import User

        rng, w = self.rng, self.w
        total = self.n["people"]
        per_org = _shares(
            max(0, total - 2 * len(self.responders)),
            [self.weight[o.pk] for o in self.responders],
        )
        pk = w.next_id(User)
        self.owners: dict[int, list[int]] = {}
        self.staff: dict[int, dict[str, list[int]]] = {}
        joined = dt.datetime.combine(START, dt.time(9))
        for org, extra in zip(self.responders, per_org, strict=True):
            size = 2 + extra
            roles = ["liaison", "owner"]
            for i in range(2, size):
                roles.append("executive" if i % 7 == 2 else "viewer" if i % 7 == 3 else "owner")
            if org.pk == self.bench_org.pk:
                roles = ["liaison", "owner", "executive", "viewer"] + roles[4:]
            self.staff[org.pk] = {}
            for i, role in enumerate(roles):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if org.pk == self.bench_org.pk and i < 4:
                    username = BENCH_USERS[i]
                else:
                    username = f"{org.slug[:30]}-{i + 1}"
                w.add(
                    User,
                    {
                        "id": pk,
                        "password": self.password,
                        "username": username,
                        "first_name": first,
                        "last_name": last,
                        "email": f"{username}@example.police.uk",
                        "date_joined": joined,
                        "organisation_id": org.pk,
                        "role": role,
                        "job_title": f"{role.capitalize()} officer",
                        "is_active": True,
                    },
                    history=[("+", joined, None)],
                )
                self.staff[org.pk].setdefault(role, []).append(pk)
                pk += 1
            owners = self.staff[org.pk].get("owner", [])
            self.owners[org.pk] = owners

    def structure(self) -> None:
        from oversight.accounts.models import Board, Portfolio

        w = self.w
        ppk, bpk = w.next_id(Portfolio), w.next_id(Board)
        when = dt.datetime.combine(START, dt.time(9))
        self.portfolios: dict[int, list[int]] = {}
        self.boards: dict[int, list[int]] = {}
        for org in self.responders:
            self.portfolios[org.pk] = []
            self.boards[org.pk] = []
            for name in PORTFOLIOS:
                w.add(
                    Portfolio,
                    {"id": ppk, "organisation_id": org.pk, "name": name, "lead": "ACC Lead"},
                    history=[("+", when, None)],
                )
                self.portfolios[org.pk].append(ppk)
                ppk += 1
            for name in BOARDS:
                w.add(
                    Board,
                    {"id": bpk, "organisation_id": org.pk, "name": name, "chair": "DCC Chair"},
                    history=[("+", when, None)],
                )
                self.boards[org.pk].append(bpk)
                bpk += 1

    # inspections and reports ----------------------------------------------------------

    def inspections(self) -> None:
        from oversight.inspections.models import Inspection, InspectionEvent

        rng, w = self.rng, self.w
        kinds = [
            ("peel", 3), ("national_thematic", 4), ("jtai", 1), ("data_request", 2),
            ("rocu", 1), ("revisit", 1), ("super_complaint", 1), ("workshop", 1),
        ]  # fmt: skip
        kind_names, kind_weights = zip(*kinds, strict=True)
        per_force = _shares(self.n["inspections"], [self.weight[f.pk] for f in self.forces])
        pk, epk = w.next_id(Inspection), w.next_id(InspectionEvent)
        self.inspections_of: dict[int, list[tuple[int, dt.date]]] = {}
        lifecycle = ["notified", "scheduled", "fieldwork", "debriefed", "awaiting_report"]
        through = []
        tpk = 1
        for force, count in zip(self.forces, per_force, strict=True):
            self.inspections_of[force.pk] = []
            liaison = self.staff[force.pk]["liaison"][0]
            for _ in range(count):
                kind = rng.choices(kind_names, kind_weights)[0]
                start = _between(rng, START, _add_months(ANCHOR, 9))
                if start > ANCHOR:
                    status = rng.choice(["notified", "scheduled"])
                elif (ANCHOR - start).days < 120:
                    status = rng.choice(["fieldwork", "debriefed", "awaiting_report"])
                else:
                    status = "cancelled" if rng.random() < 0.03 else "published"
                end = start + dt.timedelta(days=rng.choice([0, 4, 11, 25]))
                published = status == "published"
                created = _at(min(start, ANCHOR) - dt.timedelta(days=60), rng)
                history = [("+", created, liaison)]
                if status != "notified":
                    history.append(("~", _at(min(end, ANCHOR), rng), liaison))
                row = {
                    "id": pk,
                    "organisation_id": force.pk,
                    "title": f"{kind.replace('_', ' ').capitalize()} inspection of "
                    f"{force.short_name} {start.year} ({pk})",
                    "kind": kind,
                    "status": status,
                    "summary": f"Inspection of the force's work on {rng.choice(THINGS)}.",
                    "start_on": start,
                    "start_precision": "day",
                    "start_text": f"{start.day} {start:%B %Y}",
                    "end_on": end,
                    "end_precision": "day",
                    "end_text": f"{end.day} {end:%B %Y}",
                    "force_lead_id": liaison,
                    "hmicfrs_contact": "Force liaison lead",
                    "debrief_strengths": ["Committed workforce"] if published else [],
                    "debrief_areas_to_consider": ["Supervision"] if published else [],
                    "created_at": created,
                    "updated_at": history[-1][1],
                }
                w.add(Inspection, row, history=history)
                self.search.add("inspection", Inspection(**row))
                through.append((tpk, pk, self.hmicfrs.pk))
                tpk += 1
                steps = (
                    lifecycle[: lifecycle.index(status) + 1]
                    if status in lifecycle
                    else (
                        [*lifecycle, status] if status == "published" else ["notified", "cancelled"]
                    )
                )
                for position, step in enumerate(steps):
                    on = start - dt.timedelta(days=60) if step == "notified" else start
                    if step in {"awaiting_report", "published"}:
                        on = end + dt.timedelta(days=30 * position)
                    on = min(on, ANCHOR)
                    w.add(
                        InspectionEvent,
                        {
                            "id": epk,
                            "inspection_id": pk,
                            "status": step,
                            "on": on,
                            "precision": "day",
                            "text": f"{on.day} {on:%B %Y}",
                            "position": position,
                            "recorded_by_id": liaison,
                            "recorded_at": _at(on, rng),
                        },
                        history=[("+", _at(on, rng), liaison)],
                    )
                    epk += 1
                self.inspections_of[force.pk].append((pk, start))
                pk += 1
        w.flush_all()
        table = Inspection.lead_inspectorates.through._meta.db_table
        for i in range(0, len(through), BATCH):
            w.add_plain(table, ["id", "inspection_id", "organisation_id"], through[i : i + BATCH])

    def reports(self) -> None:
        from oversight.inspections.models import Report

        rng, w = self.rng, self.w
        total = self.n["reports"]
        national = max(1, round(total * 0.15))
        pk = w.next_id(Report)
        self.national_reports: list[tuple[int, dt.date]] = []
        self.force_reports: list[tuple[int, int, dt.date]] = []
        for i in range(national):
            published = _between(rng, START, ANCHOR - dt.timedelta(days=20))
            theme = THEMES[i % len(THEMES)]
            self._report(pk, f"{theme}: a national thematic inspection ({published.year})",
                         None, None, published)  # fmt: skip
            self.national_reports.append((pk, published))
            pk += 1
        per_force = _shares(total - national, [self.weight[f.pk] for f in self.forces])
        for force, count in zip(self.forces, per_force, strict=True):
            done = [x for x in self.inspections_of[force.pk] if x[1] < ANCHOR]
            for j in range(count):
                inspection, start = done[j % len(done)] if done else (None, START)
                published = min(ANCHOR - dt.timedelta(days=10), start + dt.timedelta(days=90))
                if j >= len(done):
                    published = _between(rng, START, ANCHOR - dt.timedelta(days=10))
                title = f"{force.short_name}: inspection report {published.year} ({pk})"
                self._report(pk, title, force.pk, inspection, published)
                self.force_reports.append((pk, force.pk, published))
                pk += 1
        self.force_reports.sort(key=lambda r: r[0])

    def _report(self, pk, title, organisation_id, inspection_id, published) -> None:
        from oversight.inspections.models import Report

        created = _at(published, self.rng)
        row = {
            "id": pk,
            "title": title,
            "inspectorate_id": self.hmicfrs.pk,
            "organisation_id": organisation_id,
            "inspection_id": inspection_id,
            "reference": f"R{pk:05d}",
            "published_on": published,
            "url": f"https://hmicfrs.example/reports/{pk}",
            "summary": f"How the force handles {self.rng.choice(THINGS)}.",
            "created_at": created,
            "updated_at": created,
        }
        self.w.add(Report, row, history=[("+", created, None)])
        self.search.add("report", Report(**row))

    # recommendations and responses ----------------------------------------------------

    def recommendations(self) -> None:
        from oversight.recommendations.models import Recommendation

        rng, w = self.rng, self.w
        total = self.n["recommendations"]
        fan = len(self.responders)
        national = max(1, min(total, round((self.n["responses"] - total) / (fan - 1))))
        pk = w.next_id(Recommendation)
        # (rec id, organisation id or None for national, published, due, kind)
        self.recs: list[tuple[int, int | None, dt.date, dt.date | None, str]] = []
        ref = 9000
        for i in range(national):
            report, published = self.national_reports[i % len(self.national_reports)]
            ref += 1
            due = self._rec(pk, report, "national_recommendation", str(ref), published, i)
            self.recs.append((pk, None, published, due, "national_recommendation"))
            pk += 1
        force_total = total - national
        weights = [self.weight[f_org] for _, f_org, _ in self.force_reports]
        per_report = _shares(force_total, weights)
        for (report, org, published), count in zip(self.force_reports, per_report, strict=True):
            concern = None
            for j in range(count):
                roll = rng.random()
                kind = (
                    "cause_of_concern"
                    if roll < 0.04
                    else "recommendation"
                    if roll < 0.30
                    else "area_for_improvement"
                )
                reference = ""
                if kind != "area_for_improvement":
                    ref += 1
                    reference = str(ref)
                under = concern if kind == "recommendation" and concern and roll < 0.15 else None
                due = self._rec(pk, report, kind, reference, published, j, under=under)
                if kind == "cause_of_concern":
                    concern = pk
                self.recs.append((pk, org, published, due, kind))
                pk += 1

    def _rec(self, pk, report, kind, reference, published, j, *, under=None) -> dt.date | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            months = rng.choice([3, 6, 9, 12, 18, 24])
            words = ["three", "six", "nine", "twelve", "eighteen", "twenty-four"]
            deadline = f"Within {words[[3, 6, 9, 12, 18, 24].index(months)]} months"
            due, dkind = _add_months(published, months), "relative"
        elif roll < 0.8:
            due = _add_months(published, rng.choice([6, 12, 18]))
            due = dt.date(due.year, due.month, 28)
            deadline, dkind = f"By {due.day} {due:%B %Y}", "fixed"
        elif roll < 0.85:
            due, deadline, dkind = published, "Immediately", "immediate"
        else:
            due, deadline, dkind = None, "", "none"
        theme = rng.choice(THEMES)
        text = (
            f"By {deadline.lower() or 'the next inspection'}, the force should "
            f"{rng.choice(VERBS)} {rng.choice(THINGS)} so that {rng.choice(OUTCOMES)}."
        )
        created = _at(published, rng)
        from oversight.recommendations.models import Recommendation

        row = {
            "id": pk,
            "report_id": report,
            "kind": kind,
            "reference": reference,
            "number": str(j + 1),
            "theme": theme,
            "text": text,
            "audience": ["Chief constables"] if kind == "national_recommendation" else [],
            "deadline_text": deadline,
            "deadline_kind": dkind,
            "due_on": due,
            "cause_of_concern_id": under,
            "concern_status": rng.choice(["open", "revisited", "discharged"])
            if kind == "cause_of_concern"
            else "",
            "created_at": created,
            "updated_at": created,
        }
        self.w.add(Recommendation, row, history=[("+", created, None)])
        if self.search.model is not None:
            from oversight.inspections.models import Report

            obj = Recommendation(**row)
            obj.report = Report(id=report, published_on=published)
            self.search.add("recommendation", obj)
            self.rec_objs[pk] = obj
        return due

    def responses(self) -> None:
        from oversight.recommendations.models import Response

        rng, w = self.rng, self.w
        pk = w.next_id(Response)
        # (response id, org, owner, created, end (closed_on or ANCHOR), recommendation id)
        self.resps: list[tuple[int, int, int | None, dt.date, dt.date, str]] = []
        zipf = {org: [1 / (r + 1) ** 1.1 for r in range(len(o))] for org, o in self.owners.items()}
        self.showcase = None
        for rec, org, published, due, _kind in self.recs:
            for responder in [org] if org else [o.pk for o in self.responders]:
                owners = self.owners[responder]
                owner = (
                    rng.choices(owners, zipf[responder])[0]
                    if owners and rng.random() > 0.04
                    else None
                )
                age = (ANCHOR - published).days / 365
                closed = rng.random() < min(0.96, 0.2 + 0.17 * age)
                if self.showcase is None and responder == self.bench_org.pk:
                    # the bench response with many updates: open, owned by the busiest owner
                    self.showcase, owner, closed = pk, owners[0], False
                closed_on = None
                if closed:
                    status = rng.choices(
                        ["closed", "closed_by_inspectorate", "superseded"], [75, 15, 10]
                    )[0]
                    closed_on = min(ANCHOR, _add_months(published, rng.randrange(3, 48)))
                    rag = "blue"
                else:
                    status = rng.choices(
                        ["open", "in_progress", "ready_for_closure", "submitted"], [25, 55, 12, 8]
                    )[0]
                    rag = rng.choices(["red", "amber", "green", ""], [15, 45, 35, 5])[0]
                revised = None
                if not closed and due and rng.random() < 0.1:
                    revised = _add_months(due, rng.choice([3, 6, 12]))
                created = _at(published + dt.timedelta(days=rng.randrange(1, 30)), rng)
                end = closed_on or ANCHOR
                updated = _at(max(created.date(), end - dt.timedelta(days=rng.randrange(90))), rng)
                liaison = self.staff[responder]["liaison"][0]
                history = [("+", created, liaison)]
                if status != "open":
                    history.append(("~", updated, liaison))
                w.add(
                    Response,
                    {
                        "id": pk,
                        "organisation_id": responder,
                        "recommendation_id": rec,
                        "owner_id": owner,
                        "portfolio_id": rng.choice(self.portfolios[responder]),
                        "board_id": rng.choice(self.boards[responder]),
                        "rag": rag,
                        "status": status,
                        "revised_due_on": revised,
                        "revised_due_reason": "Supplier delay" if revised else "",
                        "next_review_on": None
                        if closed
                        else ANCHOR + dt.timedelta(days=rng.randrange(-60, 91)),
                        "closed_on": closed_on,
                        "version": len(history),
                        "created_at": created,
                        "updated_at": updated,
                    },
                    history=history,
                )
                self.resps.append((pk, responder, owner, created.date(), end, rec))
                pk += 1
        self.result.showcase_response_id = self.showcase or 0

    def updates(self) -> None:
        from oversight.recommendations.models import Evidence, Update

        rng, w = self.rng, self.w
        n_resp = len(self.resps)
        weights = [min(12.0, rng.paretovariate(2.2)) for _ in range(n_resp)]
        per = _shares(max(0, self.n["updates"] - SHOWCASE_UPDATES), weights)
        p_evidence = self.n["evidence"] / max(1, self.n["updates"])
        pool = self._evidence_pool()
        upk, epk = w.next_id(Update), w.next_id(Evidence)
        searching = self.search.model is not None
        narratives = [self._narrative() for _ in range(min(5000, max(200, self.n["updates"])))]
        for (rpk, org, owner, created, end, rec), count in zip(self.resps, per, strict=True):
            evidence_left = 0
            if rpk == self.showcase:
                count, evidence_left = SHOWCASE_UPDATES, SHOWCASE_EVIDENCE
            if not count:
                continue
            author = owner or self.staff[org]["liaison"][0]

            span = max(1, (end - created).days)
            for j in range(count):
                written = created + dt.timedelta(days=span * (j + 1) // count)
                when = _at(written, rng)
                narrative = narratives[rng.randrange(len(narratives))]
                row = {
                    "id": upk,
                    "response_id": rpk,
                    "author_id": author,
                    "written_on": written,
                    "narrative": narrative,
                    "proposed_rag": rng.choice(["red", "amber", "green"]),
                    "next_steps": rng.choice(NEXT_STEPS),
                    "created_at": when,
                }
                w.add(Update, row, history=[("+", when, author)])
                if searching:
                    self.search.update(upk, row, self.rec_objs[rec], org)
                files = 0
                if evidence_left:
                    files = 1 if j < evidence_left else 0
                elif rng.random() < p_evidence:
                    files = 1
                for _ in range(files):
                    name, size, sha = pool[rng.randrange(len(pool))]
                    w.add(
                        Evidence,
                        {
                            "id": epk,
                            "response_id": rpk,
                            "update_id": upk,
                            "file": name,
                            "original_name": f"evidence-{epk}.pdf",
                            "description": "Minutes and action log",
                            "content_type": "application/pdf",
                            "size": size,
                            "sha256": sha,
                            "uploaded_by_id": author,
                            "uploaded_at": when,
                        },
                        history=[("+", when, author)],
                    )
                    epk += 1
                upk += 1

    def _narrative(self) -> str:
        rng = self.rng
        return " ".join(
            rng.choice(PROGRESS).format(
                month=MONTHS[rng.randrange(12)], n=rng.randrange(10, 200),
                m=rng.randrange(1, 90), board=rng.choice(BOARDS),
            )
            for _ in range(rng.randrange(2, 5))
        )  # fmt: skip

    def _evidence_pool(self) -> list[tuple[str, int, str]]:
        """Small real files the evidence rows point at (shared: a pool, not one per row)."""
        size = max(20, min(1000, round(1000 * self.scale)))
        folder = self.media_root / "evidence" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        pool = []
        for i in range(size):
            content = tiny_pdf(f"Oversight bench evidence file {i}")
            path = folder / f"{i:04d}.pdf"
            if not path.exists() or path.stat().st_size != len(content):
                path.write_bytes(content)
            pool.append(
                (f"evidence/bench/{i:04d}.pdf", len(content), hashlib.sha256(content).hexdigest())
            )
        return pool


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
