"""Recording inspections and moving them through their lifecycle, each step dated; who takes
part; the hot debrief and the follow-up actions it leads to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Max

from oversight import audit, clock
from oversight.accounts.choices import OrganisationKind
from oversight.accounts.models import Organisation, User
from oversight.conflicts import bump
from oversight.inspections.models import (
    FollowUpAction,
    Inspection,
    InspectionEvent,
    InspectionKind,
    InspectionParticipant,
    InspectionStatus,
    next_steps,
)
from oversight.inspections.services.access import checked, clean_lines, require_liaison
from oversight.rules.partial_dates import PartialDate, Precision


class Refused(ValueError):
    """Input a service will not write, with the message to show and the field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _today_as_date() -> PartialDate:
    return PartialDate(clock.today(), Precision.DAY, "")


def _set_when(instance, prefix: str, when: PartialDate | None) -> None:
    when = when or PartialDate(None, Precision.TBC, "")
    setattr(instance, f"{prefix}_on", when.on)
    setattr(instance, f"{prefix}_precision", when.precision)
    setattr(instance, f"{prefix}_text", when.text.strip())


def _check_details(title: str, kind: str) -> str:
    title = (title or "").strip()
    if not title:
        raise Refused("Enter the title of the inspection", "title")
    if kind not in InspectionKind.values:
        raise Refused("Choose what kind of inspection it is", "kind")
    return title


def _check_people(
    organisation: Organisation,
    lead_inspectorates: Sequence[Organisation],
    participants: Sequence[tuple[Organisation, str, str]],
    force_lead: User | None,
) -> None:
    for lead in lead_inspectorates:
        if lead.kind != OrganisationKind.INSPECTORATE:
            raise Refused(f"{lead.name} is not an inspectorate", "lead_inspectorates")
    seen: set[int] = set()
    for org, _, _ in participants:
        if org.pk == organisation.pk:
            raise Refused(
                "Your own organisation is the one inspected: choose only the others taking part",
                "participants",
            )
        if org.pk in seen:
            raise Refused(f"{org.name} is listed twice", "participants")
        seen.add(org.pk)
    if force_lead is not None and force_lead.organisation_id != organisation.pk:
        raise Refused("Choose our lead from the people in your organisation", "force_lead")


def _sync_participants(
    inspection: Inspection,
    participants: Sequence[tuple[Organisation, str, str]],
    actor: User | None,
    reason: str,
) -> None:
    existing = {p.organisation_id: p for p in inspection.participants.all()}
    for position, (org, name_as_written, note) in enumerate(participants):
        name_as_written, note = name_as_written.strip(), note.strip()
        participant = existing.pop(org.pk, None)
        if participant is None:
            participant = InspectionParticipant(inspection=inspection, organisation=org)
        elif (participant.name_as_written, participant.note, participant.position) == (
            name_as_written,
            note,
            position,
        ):
            continue
        participant.name_as_written, participant.note = name_as_written, note
        participant.position = position
        audit.save(participant, actor=actor, reason=reason)
    for gone in existing.values():
        audit.delete(gone, actor=actor, reason=reason)


def _add_event(
    inspection: Inspection,
    status: str,
    when: PartialDate,
    note: str,
    actor: User | None,
    reason: str,
) -> InspectionEvent:
    last = inspection.events.aggregate(last=Max("position"))["last"] or 0
    event = InspectionEvent(
        inspection=inspection,
        status=status,
        on=when.on,
        precision=when.precision,
        text=when.text.strip(),
        note=(note or "").strip(),
        position=last + 1,
        recorded_by=actor,
    )
    return audit.save(event, actor=actor, reason=reason)


@transaction.atomic
def inspection_create(
    *,
    organisation: Organisation,
    title: str,
    kind: str,
    status: str = InspectionStatus.NOTIFIED,
    start: PartialDate,
    end: PartialDate | None = None,
    summary: str = "",
    lead_inspectorates: Iterable[Organisation] = (),
    participants: Sequence[tuple[Organisation, str, str]] = (),
    participants_note: str = "",
    force_lead: User | None = None,
    hmicfrs_contact: str = "",
    debrief_strengths: Sequence[str] = (),
    debrief_areas_to_consider: Sequence[str] = (),
    debrief_notes: str = "",
    status_when: PartialDate | None = None,
    status_note: str = "",
    actor: User | None = None,
    reason: str = "",
) -> Inspection:
    """Record an inspection at the step it has reached, dated `status_when` (today if not given).

    `participants` are (organisation, name as written, note).
    """
    require_liaison(actor, organisation.pk)
    title = _check_details(title, kind)
    if status not in InspectionStatus.values:
        raise Refused("Choose the step the inspection has reached", "status")
    lead_inspectorates = list(lead_inspectorates)
    _check_people(organisation, lead_inspectorates, participants, force_lead)
    inspection = Inspection(
        organisation=organisation,
        title=title,
        kind=kind,
        status=status,
        summary=summary.strip(),
        participants_note=participants_note.strip(),
        force_lead=force_lead,
        hmicfrs_contact=hmicfrs_contact.strip(),
        debrief_strengths=clean_lines(debrief_strengths),
        debrief_areas_to_consider=clean_lines(debrief_areas_to_consider),
        debrief_notes=debrief_notes.strip(),
    )
    _set_when(inspection, "start", start)
    _set_when(inspection, "end", end)
    reason = reason or "Inspection recorded"
    audit.save(inspection, actor=actor, reason=reason)
    inspection.lead_inspectorates.set(lead_inspectorates)
    _sync_participants(inspection, participants, actor, reason)
    _add_event(inspection, status, status_when or _today_as_date(), status_note, actor, reason)
    return inspection


@transaction.atomic
def inspection_edit(
    *,
    inspection: Inspection,
    actor: User,
    expected_version: int | None,
    title: str,
    kind: str,
    summary: str,
    start: PartialDate,
    end: PartialDate | None,
) -> Inspection:
    """Correct what the inspection is and when it happens. Its step is moved separately."""
    require_liaison(actor, inspection.organisation_id)
    title = _check_details(title, kind)
    current = checked(inspection, expected_version)
    current.title, current.kind, current.summary = title, kind, summary.strip()
    _set_when(current, "start", start)
    _set_when(current, "end", end)
    return audit.save(bump(current), actor=actor, reason="Inspection edited")


@transaction.atomic
def inspection_people_set(
    *,
    inspection: Inspection,
    actor: User,
    expected_version: int | None,
    lead_inspectorates: Sequence[Organisation],
    participants: Sequence[tuple[Organisation, str, str]],
    participants_note: str,
    force_lead: User | None,
    hmicfrs_contact: str,
) -> Inspection:
    """Say who leads, who else takes part (with their names as written), our lead and the
    inspectorate's liaison contact."""
    require_liaison(actor, inspection.organisation_id)
    _check_people(inspection.organisation, lead_inspectorates, participants, force_lead)
    current = checked(inspection, expected_version)
    reason = "Who takes part changed"
    audit.update(
        current,
        actor=actor,
        reason=reason,
        participants_note=participants_note.strip(),
        force_lead=force_lead,
        hmicfrs_contact=hmicfrs_contact.strip(),
    )
    audit.stamp(current, actor=actor, reason=reason)
    current.lead_inspectorates.set(list(lead_inspectorates))
    _sync_participants(current, participants, actor, reason)
    return current


def _refuse_out_of_order(
    when: PartialDate,
    previous: InspectionEvent | None,
    following: InspectionEvent | None = None,
) -> None:
    if when.on is None:
        return
    if previous is not None and previous.on is not None and (when.end or when.on) < previous.on:
        raise Refused(
            f"The date, {when.display()}, is before the step before it "
            f"({previous.get_status_display()}, {previous.when.display()}). Check the date",
            "when",
        )
    if following is not None and following.on is not None:
        following_end = following.when.end or following.on
        if when.on > following_end:
            raise Refused(
                f"The date, {when.display()}, is after the step that follows it "
                f"({following.get_status_display()}, {following.when.display()}). Check the date",
                "when",
            )


@transaction.atomic
def inspection_move(
    *,
    inspection: Inspection,
    actor: User | None,
    expected_version: int | None,
    status: str,
    when: PartialDate,
    note: str = "",
) -> InspectionEvent:
    """Move the inspection to its next step (forward only, or cancelled), dated as written."""
    require_liaison(actor, inspection.organisation_id)
    current = checked(inspection, expected_version)
    allowed = next_steps(current.status)
    if status not in allowed:
        if not allowed:
            raise Refused(
                f"The inspection is {current.get_status_display().lower()}: it has no next step",
                "status",
            )
        names = ", ".join(InspectionStatus(s).label.lower() for s in allowed)
        raise Refused(
            f"An inspection that is {current.get_status_display().lower()} can move only to: "
            f"{names}",
            "status",
        )
    previous = current.events.exclude(on=None).order_by("-position", "-id").first()
    _refuse_out_of_order(when, previous)
    label = InspectionStatus(status).label
    reason = f"Moved to {label.lower()}: {when.display()}"
    event = _add_event(current, status, when, note, actor, reason)
    current.status = status
    if status == InspectionStatus.DEBRIEFED:
        current.debrief_on = when.on if when.precision == Precision.DAY else None
    audit.save(bump(current), actor=actor, reason=reason)
    return event


@transaction.atomic
def inspection_step_edit(
    *, event: InspectionEvent, actor: User, when: PartialDate, note: str
) -> InspectionEvent:
    """Correct the date or note of a step already taken; it stays between its neighbours."""
    inspection = event.inspection
    require_liaison(actor, inspection.organisation_id)
    steps = list(inspection.events.order_by("position", "id"))
    index = next(i for i, e in enumerate(steps) if e.pk == event.pk)
    previous = next((e for e in reversed(steps[:index]) if e.on is not None), None)
    following = next((e for e in steps[index + 1 :] if e.on is not None), None)
    _refuse_out_of_order(when, previous, following)
    event.on, event.precision, event.text = when.on, when.precision, when.text.strip()
    event.note = (note or "").strip()
    return audit.save(event, actor=actor, reason=f"Date of {event.get_status_display()} corrected")


@transaction.atomic
def inspection_debrief_record(
    *,
    inspection: Inspection,
    actor: User,
    expected_version: int | None,
    strengths: Sequence[str] | str,
    areas_to_consider: Sequence[str] | str,
    notes: str,
) -> Inspection:
    """Record what the hot debrief said: strengths and areas to consider, one item a line."""
    require_liaison(actor, inspection.organisation_id)
    strengths, areas = clean_lines(strengths), clean_lines(areas_to_consider)
    notes = (notes or "").strip()
    if not (strengths or areas or notes):
        raise Refused("Enter at least one strength, area to consider or note", "strengths")
    current = checked(inspection, expected_version)
    return audit.update(
        current,
        actor=actor,
        reason="Hot debrief recorded",
        debrief_strengths=strengths,
        debrief_areas_to_consider=areas,
        debrief_notes=notes,
    )


def _check_action(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Refused("Enter what is to be done", "text")
    return text


@transaction.atomic
def action_add(
    *,
    inspection: Inspection,
    actor: User | None,
    text: str,
    owner: str = "",
    due: PartialDate | None = None,
    done: bool = False,
) -> FollowUpAction:
    """Record a follow-up action, e.g. a statement of proposed actions due "by May 2022"."""
    require_liaison(actor, inspection.organisation_id)
    text = _check_action(text)
    last = inspection.actions.aggregate(last=Max("position"))["last"] or 0
    action = FollowUpAction(
        inspection=inspection,
        text=text,
        owner=owner.strip(),
        done=done,
        done_on=clock.today() if done else None,
        position=last + 1,
    )
    _set_when(action, "due", due)
    return audit.save(action, actor=actor, reason="Follow-up action recorded")


@transaction.atomic
def action_edit(
    *,
    action: FollowUpAction,
    actor: User,
    expected_version: int | None,
    text: str,
    owner: str,
    due: PartialDate | None,
    done: bool,
) -> FollowUpAction:
    require_liaison(actor, action.inspection.organisation_id)
    text = _check_action(text)
    current = checked(action, expected_version)
    if done and not current.done:
        current.done_on = clock.today()
    if not done:
        current.done_on = None
    current.text, current.owner, current.done = text, owner.strip(), done
    _set_when(current, "due", due)
    reason = "Follow-up action done" if done and not action.done else "Follow-up action edited"
    return audit.save(bump(current), actor=actor, reason=reason)
