"""The audit trail of the inspection programme, readable: who, when, what changed (old → new).

The wording lives in `oversight.history` (shared with recommendations and edit conflicts); the
inspection programme uses its defaults: derived dates and positions hidden, organisations by
name, lists as lists, dates as dates.
"""

from __future__ import annotations

from oversight.history import ACTIONS, HIDDEN_FIELDS, describe_changes, entries, label, show

__all__ = ["ACTIONS", "HIDDEN_FIELDS", "describe_changes", "entries", "label", "show"]
