"""Forms for an inspection: what it is and when, its next step, who takes part, the hot debrief
and the follow-up actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from oversight.accounts.choices import OrganisationKind
from oversight.forms import VersionedForm
from oversight.inspections.forms.fields import (
    OrganisationsField,
    WhenField,
    lines,
    lines_text,
)
from oversight.inspections.models import (
    LIFECYCLE,
    FollowUpAction,
    Inspection,
    InspectionKind,
    InspectionStatus,
)

if TYPE_CHECKING:
    from oversight.accounts.models import Organisation, User


class InspectionForm(VersionedForm):
    title = forms.CharField(
        max_length=300, error_messages={"required": "Enter the title of the inspection"}
    )
    kind = forms.ChoiceField(
        choices=InspectionKind.choices,
        error_messages={
            "required": "Choose what kind of inspection it is",
            "invalid_choice": "Choose what kind of inspection it is",
        },
    )
    when = WhenField(label_for_errors="when it happens")
    until = WhenField(label_for_errors="when it ends")
    summary = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)

    @staticmethod
    def initial_from(inspection: Inspection) -> dict:
        return {
            "version": inspection.version,
            "title": inspection.title,
            "kind": inspection.kind,
            "when": inspection.start_text,
            "until": inspection.end_text,
            "summary": inspection.summary,
        }


class InspectionCreateForm(InspectionForm):
    """Recording an inspection: also the step it has reached, and who leads it."""

    status = forms.ChoiceField(
        choices=[(s, InspectionStatus(s).label) for s in LIFECYCLE],
        error_messages={
            "required": "Choose the step the inspection has reached",
            "invalid_choice": "Choose the step the inspection has reached",
        },
    )
    status_when = WhenField(label_for_errors="when it reached that step")
    lead_inspectorates = OrganisationsField()

    def __init__(self, *args, inspectorates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_inspectorates"].set_organisations(inspectorates)


class MoveForm(VersionedForm):
    status = forms.ChoiceField(
        error_messages={
            "required": "Choose the step the inspection has moved to",
            "invalid_choice": "Choose one of the steps listed",
        }
    )
    when = WhenField(label_for_errors="when it happened")
    note = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, steps: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, InspectionStatus(s).label) for s in steps]


class StepForm(forms.Form):
    when = WhenField(label_for_errors="when it happened")
    note = forms.CharField(required=False, max_length=500)


GROUPS = (
    (OrganisationKind.FORCE, "Police forces"),
    (OrganisationKind.FIRE_SERVICE, "Fire and rescue services"),
    (OrganisationKind.NATIONAL_BODY, "National bodies"),
    (OrganisationKind.INSPECTORATE, "Other inspectorates"),
    (OrganisationKind.PCC_OFFICE, "Police and crime commissioners' offices"),
)


class PeopleForm(VersionedForm):
    """Who leads, who else takes part (each with the name as written and a note), our lead and
    the inspectorate's liaison contact. One text box pair per organisation: shown under its
    checkbox when ticked (all shown without JavaScript)."""

    lead_inspectorates = OrganisationsField()
    participants = OrganisationsField()
    participants_note = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    force_lead = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose our lead from the list"},
    )
    hmicfrs_contact = forms.CharField(required=False, max_length=200)

    def __init__(
        self,
        *args,
        inspectorates: list[Organisation],
        organisations: list[Organisation],
        people: list[User],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["lead_inspectorates"].set_organisations(inspectorates)
        self.fields["participants"].set_organisations(organisations)
        self.fields["participants"].error_messages["invalid_choice"] = (
            "Choose the organisations taking part from the list"
        )
        self.fields["force_lead"].choices = [("", "Not recorded")] + [
            (str(p.pk), f"{p.display_name}{' – ' + p.job_title if p.job_title else ''}")
            for p in people
        ]
        self._people = {p.pk: p for p in people}
        self.organisations = organisations
        for org in organisations:
            self.fields[f"name_{org.pk}"] = forms.CharField(required=False, max_length=200)
            self.fields[f"note_{org.pk}"] = forms.CharField(required=False, max_length=300)

    def groups(self) -> list[tuple[str, list[Organisation]]]:
        """The organisations to choose from, by kind, for one set of checkboxes each."""
        return [
            (label, [o for o in self.organisations if o.kind == kind])
            for kind, label in GROUPS
            if any(o.kind == kind for o in self.organisations)
        ]

    def clean_force_lead(self):
        pk = self.cleaned_data.get("force_lead")
        return self._people.get(pk) if pk is not None else None

    def participant_rows(self, existing_order: list[int]) -> list[tuple[Organisation, str, str]]:
        """(organisation, name as written, note) for each ticked organisation: those already
        taking part keep their order, new ones follow."""
        chosen = self.cleaned_data["participants"]
        order = {pk: i for i, pk in enumerate(existing_order)}
        chosen = sorted(chosen, key=lambda o: (order.get(o.pk, len(order)), 0))
        return [
            (
                org,
                self.cleaned_data.get(f"name_{org.pk}", ""),
                self.cleaned_data.get(f"note_{org.pk}", ""),
            )
            for org in chosen
        ]

    @staticmethod
    def initial_from(inspection: Inspection) -> dict:
        initial = {
            "version": inspection.version,
            "lead_inspectorates": [str(o.pk) for o in inspection.lead_inspectorates.all()],
            "participants": [str(p.organisation_id) for p in inspection.participants.all()],
            "participants_note": inspection.participants_note,
            "force_lead": inspection.force_lead_id,
            "hmicfrs_contact": inspection.hmicfrs_contact,
        }
        for p in inspection.participants.all():
            initial[f"name_{p.organisation_id}"] = p.name_as_written
            initial[f"note_{p.organisation_id}"] = p.note
        return initial


class DebriefForm(VersionedForm):
    strengths = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)
    areas_to_consider = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)
    notes = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)

    def clean(self):
        data = super().clean()
        if not (
            lines(data.get("strengths", ""))
            or lines(data.get("areas_to_consider", ""))
            or (data.get("notes") or "").strip()
        ):
            self.add_error("strengths", "Enter at least one strength, area to consider or note")
        return data

    @staticmethod
    def initial_from(inspection: Inspection) -> dict:
        return {
            "version": inspection.version,
            "strengths": lines_text(inspection.debrief_strengths),
            "areas_to_consider": lines_text(inspection.debrief_areas_to_consider),
            "notes": inspection.debrief_notes,
        }


class ActionForm(VersionedForm):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter what is to be done"},
    )
    owner = forms.CharField(required=False, max_length=200)
    due = WhenField(label_for_errors="when it is due")
    done = forms.BooleanField(required=False)

    @staticmethod
    def initial_from(action: FollowUpAction) -> dict:
        return {
            "version": action.version,
            "text": action.text,
            "owner": action.owner,
            "due": action.due_text,
            "done": action.done,
        }
