"""Who may do what to a response. Views use these to show or hide actions; services enforce them.

Organisation scoping is done by the selectors (another organisation's record is not found);
these rules are about roles within the organisation.
"""

from __future__ import annotations

from oversight.accounts.choices import Role
from oversight.accounts.models import User
from oversight.recommendations.models import ClosureRequest, ClosureStage, Response, SignOff


def _same_org(user: User, response: Response) -> bool:
    return bool(user.organisation_id) and user.organisation_id == response.organisation_id


def is_liaison(user: User) -> bool:
    return user.role == Role.LIAISON


def can_manage(user: User, response: Response) -> bool:
    """Create and edit recommendations and responses, assign, confirm RAG, review."""
    return _same_org(user, response) and user.role == Role.LIAISON


def can_contribute(user: User, response: Response) -> bool:
    """Write updates, attach evidence, propose RAG, request closure or an extension."""
    if not _same_org(user, response):
        return False
    return user.role == Role.LIAISON or (user.role == Role.OWNER and response.owner_id == user.pk)


def can_decide(user: User, response: Response) -> bool:
    """Approve or refuse extensions; sign off closures under delegated authority."""
    return _same_org(user, response) and user.role == Role.EXECUTIVE


# Who may download evidence files, by role: the people who do the work and decide on it;
# viewers (committee members and others who only read) when their organisation allows it.
EVIDENCE_READERS = frozenset({Role.LIAISON, Role.OWNER, Role.EXECUTIVE})


def can_download_evidence(user: User, response: Response) -> bool:
    """Liaison, owners and executives of the response's organisation may download its evidence
    files; viewers only where the organisation's setting lets them (by default they may not:
    they read the record, and see each file's name, size and SHA-256, not its contents)."""
    if not _same_org(user, response):
        return False
    if user.role in EVIDENCE_READERS:
        return True
    organisation = user.organisation
    return bool(
        user.role == Role.VIEWER and organisation and organisation.viewers_download_evidence
    )


def closure_actions(user: User, closure: ClosureRequest) -> set[str]:
    """What this person may do next with a closure request."""
    response = closure.response
    actions: set[str] = set()
    if closure.stage == ClosureStage.REQUESTED and can_manage(user, response):
        actions |= {"check", "return"}
    if closure.stage == ClosureStage.EVIDENCE_CHECKED:
        if response.sign_off == SignOff.CHIEF_CONSTABLE and can_decide(user, response):
            actions |= {"sign_off", "return"}
        if response.sign_off == SignOff.INSPECTORATE and can_manage(user, response):
            actions |= {"submit", "return"}
    if closure.stage == ClosureStage.SUBMITTED and can_manage(user, response):
        actions |= {"inspectorate_decision"}
    return actions
