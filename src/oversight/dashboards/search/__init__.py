"""Search over recommendations, updates, inspections, reports and findings.

- index:     what text each record contributes, written after each commit; rebuild
- fulltext:  the database's full-text machinery (FTS5 on SQLite, tsvector on PostgreSQL)
- query:     `search(user, query, limit=, offset=)`, the one selector every page uses
- highlight: excerpts with the matching words in <mark>, escaped first
"""

from oversight.dashboards.search.query import SearchHit, SearchResults, search

__all__ = ["SearchHit", "SearchResults", "search"]
