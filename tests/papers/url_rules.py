"""Who may open each committee-paper page (merged into tests/test_permissions.py)."""

from __future__ import annotations

import datetime as dt


def rules(*, EVERYONE, OWN_ORG_ONLY, LIAISON_OBJECT, LIAISON_PAGE, ROLES, OTHER, ANON, **_):
    liaison, owner, executive, viewer = ROLES
    # drafts: the liaison and executives read them; owners and viewers do not see they exist
    draft_readers = {liaison: 200, executive: 200, owner: 404, viewer: 404, OTHER: 404, ANON: 302}
    return {
        "papers:list": (None, EVERYONE, "get"),
        "papers:meeting-add": (None, LIAISON_PAGE, "get"),
        "papers:committees": (None, LIAISON_PAGE, "get"),
        "papers:committee-add": (None, LIAISON_PAGE, "get"),
        "papers:committee-edit": ("committee", LIAISON_OBJECT, "get"),
        "papers:standing-text": ("committee", LIAISON_OBJECT, "get"),
        "papers:draft-create": ("meeting", LIAISON_OBJECT, "get"),
        "papers:detail": ("draft_paper", draft_readers, "get"),
        "papers:section-edit": ("draft_section", LIAISON_OBJECT, "get"),
        "papers:section-undo": ("draft_section", {**LIAISON_OBJECT, liaison: 302}, "post"),
        "papers:regenerate": ("draft_paper", {**LIAISON_OBJECT, liaison: 302}, "post"),
        "papers:issue": ("draft_paper", LIAISON_OBJECT, "get"),
        "papers:new-version": ("draft_paper", {**LIAISON_OBJECT, liaison: 302}, "post"),
        "papers:download": ("draft_download", draft_readers, "get"),
        "papers:word-template": (None, LIAISON_PAGE, "get"),
        "papers:tracker": (None, EVERYONE, "get"),
    }


def _meeting(home, people):
    from oversight.papers.models import Committee, Meeting

    committee, _ = Committee.objects.get_or_create(
        organisation=home, name="Audit Committee", short_name="AC"
    )
    meeting, _ = Meeting.objects.get_or_create(committee=committee, held_on=dt.date(2022, 7, 28))
    return meeting


def _draft(home, people):
    from oversight.papers import services
    from oversight.papers.models import Paper

    meeting = _meeting(home, people)
    return Paper.objects.filter(meeting=meeting).first() or services.paper_draft_create(
        meeting=meeting, actor=None
    )


BUILDERS = {
    "committee": lambda home, people: {"pk": _meeting(home, people).committee_id},
    "meeting": lambda home, people: {"pk": _meeting(home, people).pk},
    "draft_paper": lambda home, people: {"pk": _draft(home, people).pk},
    "draft_section": lambda home, people: {"pk": _draft(home, people).pk, "key": "purpose"},
    "draft_download": lambda home, people: {"pk": _draft(home, people).pk, "fmt": "html"},
}
