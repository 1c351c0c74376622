"""The inspection programme's pages, split by what they are for:

- reading:  inspections, reports and their history (everyone in the organisation)
- manage:   recording inspections, their steps, who takes part, the debrief, actions (liaison)
- reports:  recording reports and findings (liaison)
- forward:  the printable forward look (everyone)
- peel:     PEEL grades and their comparison across cycles (everyone reads, liaison records)
- engagement: the monitoring stage and the engagement log (everyone reads, liaison records)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.urls import reverse

from oversight.accounts.choices import Role
from oversight.accounts.policies import role_required
from oversight.conflicts import EditConflict
from oversight.inspections.services import Refused

LIAISON = role_required(Role.LIAISON)
T = TypeVar("T")


def posted(request):
    """The data of a POST, even an empty one, else None: an empty POST is validated (and gets
    the error summary), never mistaken for a first visit to the form."""
    return request.POST if request.method == "POST" else None


def attempt(form, write: Callable[[], T]) -> tuple[T | None, EditConflict | None]:
    """Run a service. Input it refuses becomes an error on the form (and nothing is written);
    someone else's save in between becomes the conflict to show."""
    try:
        return write(), None
    except EditConflict as conflict:
        return None, conflict
    except Refused as refused:
        field = refused.field if refused.field in form.fields else None
        form.add_error(field, str(refused))
        return None, None


def url_for(name: str, *args) -> str:
    return reverse(name, args=args or None)


def is_liaison(user) -> bool:
    return getattr(user, "role", None) == Role.LIAISON
