"""Reading inspections: lists, one inspection with everything about it, its history."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.choices import OrganisationKind, Role
from oversight.accounts.models import Organisation, User
from oversight.accounts.policies import organisation_id_of
from oversight.inspections import history
from oversight.inspections.models import (
    FollowUpAction,
    Inspection,
    InspectionEvent,
    InspectionKind,
    InspectionParticipant,
    InspectionStatus,
)


def inspections_for(user: User) -> QuerySet[Inspection]:
    return Inspection.objects.filter(organisation_id=organisation_id_of(user)).prefetch_related(
        "lead_inspectorates", "participants__organisation"
    )


def inspections_of(organisation_id: int) -> QuerySet[Inspection]:
    """An organisation's inspections, for a reader that has the organisation, not a person
    (the import matches a file's inspections against them)."""
    return Inspection.objects.filter(organisation_id=organisation_id)


def inspection_list(user: User, *, status: str = "", kind: str = "") -> QuerySet[Inspection]:
    qs = inspections_for(user)
    if status in InspectionStatus.values:
        qs = qs.filter(status=status)
    if kind in InspectionKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by(F("start_on").desc(nulls_last=True), "title")


def inspection_detail(user: User, pk: int) -> Inspection:
    qs = (
        inspections_for(user)
        .select_related("force_lead")
        .prefetch_related(
            "reports",
            Prefetch("events", queryset=InspectionEvent.objects.select_related("recorded_by")),
            "actions",
            "engagements",
        )
    )
    return get_object_or_404(qs, pk=pk)


def inspection_for_action(user: User, pk: int) -> Inspection:
    """An inspection of the person's organisation, for a form; 404 otherwise."""
    own = Inspection.objects.filter(organisation_id=organisation_id_of(user))
    return get_object_or_404(own, pk=pk)


def action_for(user: User, pk: int) -> FollowUpAction:
    return get_object_or_404(
        FollowUpAction.objects.select_related("inspection"),
        pk=pk,
        inspection__organisation_id=organisation_id_of(user),
    )


def event_for(user: User, pk: int) -> InspectionEvent:
    return get_object_or_404(
        InspectionEvent.objects.select_related("inspection"),
        pk=pk,
        inspection__organisation_id=organisation_id_of(user),
    )


def inspectorates() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.INSPECTORATE).order_by("name")


KIND_ORDER: dict[str, int] = {
    OrganisationKind.FORCE: 0,
    OrganisationKind.FIRE_SERVICE: 1,
    OrganisationKind.NATIONAL_BODY: 2,
    OrganisationKind.INSPECTORATE: 3,
    OrganisationKind.PCC_OFFICE: 4,
}


def possible_participants(user: User) -> list[Organisation]:
    """Every organisation in the reference list but the person's own: forces first."""
    orgs = Organisation.objects.exclude(pk=organisation_id_of(user))
    return sorted(orgs, key=lambda o: (KIND_ORDER.get(o.kind, 9), o.name))


def people_of(user: User) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=organisation_id_of(user),
        is_active=True,
        role__in=[Role.LIAISON, Role.OWNER, Role.EXECUTIVE],
    ).order_by("first_name", "last_name")


def _subject(record) -> str:
    model = record.instance_type
    if model is Inspection:
        return "The inspection"
    if model is InspectionParticipant:
        organisation = Organisation.objects.filter(pk=record.organisation_id).first()
        return f"Taking part: {record.name_as_written or organisation or 'an organisation'}"
    if model is InspectionEvent:
        when = record.text or "date to be confirmed"
        return f"Step: {InspectionStatus(record.status).label} ({when})"
    if model is FollowUpAction:
        text = record.text if len(record.text) <= 60 else record.text[:57] + "…"
        return f"Follow-up action: {text}"
    return model._meta.verbose_name.capitalize()


def inspection_history(inspection: Inspection) -> list[dict]:
    """Every change to the inspection and to who takes part, its steps and its actions."""
    records = [
        *inspection.history.select_related("history_user"),
        *InspectionParticipant.history.filter(inspection_id=inspection.pk).select_related(
            "history_user"
        ),
        *InspectionEvent.history.filter(inspection_id=inspection.pk).select_related("history_user"),
        *FollowUpAction.history.filter(inspection_id=inspection.pk).select_related("history_user"),
    ]
    return history.entries(records, subject=_subject)
