"""The full-text machinery beside the SearchEntry table, by database.

- SQLite: an FTS5 virtual table over SearchEntry (external content), kept in step by SQLite
  triggers on SearchEntry, so every write to SearchEntry (ORM, bulk or raw) reaches it.
- PostgreSQL: a generated tsvector column (title weighted A, body B) with a GIN index.
- Anything else: nothing; search falls back to icontains.

`install(connection)` is idempotent: the migration calls it, and so does
`oversight search_index` (a later migration that rebuilds the SearchEntry table on SQLite
would drop its triggers; rebuilding the index puts them back).
"""

from __future__ import annotations

FTS_TABLE = "dashboards_search_fts"
ENTRY_TABLE = "dashboards_searchentry"
PG_COLUMN = "document"
PG_CONFIG = "english"

SQLITE_INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        title, body, content='{ENTRY_TABLE}', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {ENTRY_TABLE}_fts_insert AFTER INSERT ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {ENTRY_TABLE}_fts_delete AFTER DELETE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {ENTRY_TABLE}_fts_update AFTER UPDATE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
SQLITE_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_fts_insert",
    f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_fts_delete",
    f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_fts_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

PG_INSTALL = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('{PG_CONFIG}', coalesce(title, '')), 'A')
            || setweight(to_tsvector('{PG_CONFIG}', coalesce(body, '')), 'B')
        ) STORED""",
    f"CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_document ON {ENTRY_TABLE} USING gin ({PG_COLUMN})",
]
PG_UNINSTALL = [
    f"DROP INDEX IF EXISTS {ENTRY_TABLE}_document",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS {PG_COLUMN}",
]


def sqlite_has_fts5(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        if cursor.fetchone()[0]:
            return True
        try:  # some builds load FTS5 without the compile option being reported
            cursor.execute("CREATE VIRTUAL TABLE temp.oversight_fts5_probe USING fts5(x)")
            cursor.execute("DROP TABLE temp.oversight_fts5_probe")
            return True
        except Exception:  # noqa: BLE001 — no FTS5 in this SQLite: fall back to icontains
            return False


def install(connection) -> str:
    """Create what this database needs for full-text search; return the engine in use."""
    statements: list[str] = []
    engine = "icontains"
    if connection.vendor == "sqlite" and sqlite_has_fts5(connection):
        statements, engine = [*SQLITE_INSTALL, SQLITE_REBUILD], "fts5"
    elif connection.vendor == "postgresql":
        engine = "postgresql"
        # Only what is missing: ALTER TABLE fails inside a transaction that has written rows
        # with deferred foreign keys to this table (its rebuild does), even when it changes
        # nothing.
        statements = [] if _pg_installed(connection) else PG_INSTALL
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return engine


def _pg_installed(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [ENTRY_TABLE, PG_COLUMN],
        )
        has_column = cursor.fetchone() is not None
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [f"{ENTRY_TABLE}_document"])
        return has_column and cursor.fetchone() is not None


def uninstall(connection) -> None:
    statements = {"sqlite": SQLITE_UNINSTALL, "postgresql": PG_UNINSTALL}.get(connection.vendor)
    with connection.cursor() as cursor:
        for sql in statements or []:
            cursor.execute(sql)


def engine(connection) -> str:
    """Which search this database offers: "fts5", "postgresql" or "icontains"."""
    cached = getattr(connection, "_oversight_search_engine", None)
    if cached:
        return cached
    found = "icontains"
    if connection.vendor == "postgresql":
        found = "postgresql"
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
            )
            if cursor.fetchone():
                found = "fts5"
    connection._oversight_search_engine = found
    return found
