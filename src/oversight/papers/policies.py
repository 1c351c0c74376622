"""Who may do what with committee papers. Views use these to show or hide actions; the
selectors use them to find a paper (a draft the person may not read is not found)."""

from __future__ import annotations

from oversight.accounts.choices import Role
from oversight.accounts.models import User

# Drafts are the liaison's work in progress, and the executives' to see before issue;
# owners and committee members (viewers) read only issued papers.
READERS_OF_DRAFTS = frozenset({Role.LIAISON, Role.EXECUTIVE})


def can_read_drafts(user: User) -> bool:
    return user.role in READERS_OF_DRAFTS


def can_prepare(user: User) -> bool:
    """Set up committees and meetings, draft, edit and issue papers: the liaison lead."""
    return user.role == Role.LIAISON
