"""Committee papers: the liaison drafts, edits and issues; everyone reads issued papers.

- committees: the committees, their settings, standing words and meetings; the Word template
- papers:     the list, a paper and its sections, issuing, downloads, the tracker
"""

from __future__ import annotations

from oversight.accounts.choices import Role
from oversight.accounts.policies import role_required

LIAISON = role_required(Role.LIAISON)


def posted(request):
    """The data of a POST, even an empty one, else None (a first visit to the form)."""
    return request.POST if request.method == "POST" else None
