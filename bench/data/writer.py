"""Writing the bench rows fast: multi-row INSERT (SQLite) or COPY (PostgreSQL), history rows
included, no services; and the search index and small helpers the generator uses."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterable

from django.db import connections, models

from bench.data.vocabulary import ANCHOR, BATCH


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
    audit.save, which notes each record for the index). Nothing when the search is not
    there."""

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


# --- Small helpers the generator uses --------------------------------------------------------


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
