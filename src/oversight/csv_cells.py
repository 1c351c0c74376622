"""Text for a cell of a CSV file that people open in Excel.

A cell that starts with "=", "+", "-", "@", a tab or a carriage return is read by Excel as a
formula, which can run commands or send data elsewhere (CSV injection). Such text is written
with a leading apostrophe, which Excel shows as text and hides. Used by every CSV download.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str | None) -> str:
    value = value or ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
