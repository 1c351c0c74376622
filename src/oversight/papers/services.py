"""The writes about committees and meetings."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from oversight import audit
from oversight.accounts.models import Organisation, User
from oversight.papers.models import Committee, Meeting


@transaction.atomic
def committee_create(
    *, organisation: Organisation, name: str, short_name: str = "", actor: User | None = None
) -> Committee:
    return audit.save(
        Committee(organisation=organisation, name=name, short_name=short_name), actor=actor
    )


@transaction.atomic
def meeting_create(*, committee: Committee, held_on: dt.date, actor: User | None = None) -> Meeting:
    return audit.save(Meeting(committee=committee, held_on=held_on), actor=actor)
