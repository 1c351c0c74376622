"""`oversight search_index`: rebuild the search index from the record.

Signals keep the index in step with every save; run this after restoring a backup, after
a bulk change made outside the services, or after an upgrade that changes what is indexed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection

from oversight.dashboards.search import fulltext, index


class Command(BaseCommand):
    help = "Rebuild the search index (SQLite FTS5 / PostgreSQL full text) from the record."

    def handle(self, *args, **options):
        counts = index.rebuild()
        listed = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(
            f"Search index rebuilt ({fulltext.engine(connection)}): {listed or 'nothing'}."
        )
