"""`make load`: simulated people using Oversight at once, then its throughput beside the
stack's ceiling, against gunicorn on loopback.

    .venv/bin/python -m bench.load [--users 50] [--seconds 120] [--workers N]
        [--servers 2 --database postgresql] [--rounds 3] [--round-seconds 10] [--profile]

1. Loads the demo into a throwaway database: SQLite (WAL) in a temporary folder, or with
   `--database postgresql` a database of its own on the PostgreSQL of DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
2. Starts the app servers (gunicorn) on 127.0.0.1. With `--servers 2` (or more) they share
   what a deployment on several machines shares: the one database, a Redis for the caches
   (Debian's redis-server) and an S3 API server for evidence (moto's), each started here.
3. People (bench/load/people.py): each signs in through the real form and reads, opens,
   adds updates with evidence and downloads, with a pause between actions; with several
   servers each person's requests go to them in turn. Two liaisons meet in an edit conflict
   every few seconds, on different servers where there are several.
4. Throughput (bench/load/throughput.py): as many connections as people asking without a
   pause, kind by kind in turns — the constant page (the ceiling), the register, a response
   page, the API's list — and with several servers the same against one of them alone.
5. Checks the record: every update the servers acknowledged is there once, with its evidence
   and the same SHA-256; every edit conflict was told and the first save kept.

Prints, and writes to bench/load.md (bench/load-2-servers.md for several), the people's
requests per kind (median, p95), the throughput table with each kind's share of the
ceiling, and with --profile where the workers' time went. Exits 1 on any error or lost update.
Talks to 127.0.0.1 only.
"""
