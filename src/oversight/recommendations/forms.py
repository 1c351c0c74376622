"""Forms for the recommendation lifecycle. Each validates with a clear message; services write."""

from __future__ import annotations

from django import forms

from oversight.accounts.choices import Role
from oversight.accounts.selectors import boards_in, people_in, portfolios_in
from oversight.forms import GovUKDateField, VersionedForm
from oversight.recommendations.models import (
    Recommendation,
    RecommendationKind,
    ReviewOutcome,
    SignOff,
)
from oversight.rules.rag import Rag

RAG_CHOICES = [(Rag.RED, "Red"), (Rag.AMBER, "Amber"), (Rag.GREEN, "Green")]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def people_choices(organisation_id: int, roles=(Role.OWNER, Role.LIAISON, Role.EXECUTIVE)):
    people = people_in(organisation_id, roles=roles, active=True)
    return [("", "Not assigned")] + [
        (str(p.pk), f"{p.display_name}{' – ' + p.job_title if p.job_title else ''}") for p in people
    ]


class UpdateForm(forms.Form):
    narrative = forms.CharField(
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter what progress has been made"},
    )
    proposed_rag = forms.ChoiceField(
        choices=RAG_CHOICES,
        error_messages={"required": "Choose the RAG rating you propose"},
    )
    next_steps = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    files = MultipleFileField(required=False)
    file_description = forms.CharField(required=False, max_length=500)

    def clean_files(self):
        from django.conf import settings

        files = self.cleaned_data.get("files") or []
        most = settings.OVERSIGHT_UPDATE_MAX_FILES
        if len(files) > most:
            raise forms.ValidationError(
                f"Attach at most {most} files to one update; add more with “Add evidence”"
            )
        return files


class EvidenceForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Choose a file to upload"})
    description = forms.CharField(required=False, max_length=500)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter why the evidence is withdrawn"},
    )


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter why the response is reopened"},
    )


class RagForm(VersionedForm):
    rag = forms.ChoiceField(choices=RAG_CHOICES, error_messages={"required": "Choose a RAG rating"})
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)


class ResponseForm(VersionedForm):
    owner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    portfolio = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    board = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    sign_off = forms.ChoiceField(choices=SignOff.choices)
    next_review_on = GovUKDateField(required=False, label_for_errors="the next review date")

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        self.fields["owner"].choices = people_choices(organisation_id)
        self.fields["portfolio"].choices = [("", "None")] + [
            (str(p.pk), p.name) for p in portfolios_in(organisation_id)
        ]
        self.fields["board"].choices = [("", "None")] + [
            (str(b.pk), b.name) for b in boards_in(organisation_id)
        ]

    def resolved(self) -> dict:
        data = self.cleaned_data
        org = self.organisation_id
        return {
            "owner": people_in(org).filter(pk=data["owner"]).first() if data["owner"] else None,
            "portfolio": portfolios_in(org).filter(pk=data["portfolio"]).first()
            if data["portfolio"]
            else None,
            "board": boards_in(org).filter(pk=data["board"]).first() if data["board"] else None,
            "sign_off": data["sign_off"],
            "next_review_on": data["next_review_on"],
        }


class RecommendationForm(VersionedForm):
    report = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Choose the report it comes from"}
    )
    kind = forms.ChoiceField(
        choices=RecommendationKind.choices, error_messages={"required": "Choose what kind it is"}
    )
    reference = forms.CharField(required=False, max_length=40)
    theme = forms.CharField(required=False, max_length=200)
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter what the report asks for"},
    )
    audience = forms.CharField(required=False, max_length=500)
    deadline_text = forms.CharField(required=False, max_length=200)
    cause_of_concern = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, reports, concerns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = [("", "Choose a report")] + [
            (str(r.pk), r.title) for r in reports
        ]
        self.fields["cause_of_concern"].choices = [("", "None")] + [
            (str(c.pk), str(c)) for c in concerns
        ]
        self._reports = {r.pk: r for r in reports}
        self._concerns = {c.pk: c for c in concerns}

    def clean_report(self):
        pk = self.cleaned_data["report"]
        if pk not in self._reports:
            raise forms.ValidationError("Choose a report from the list")
        return self._reports[pk]

    def clean_cause_of_concern(self):
        pk = self.cleaned_data.get("cause_of_concern")
        if pk is None:
            return None
        if pk not in self._concerns:
            raise forms.ValidationError("Choose a cause of concern from the list")
        return self._concerns[pk]

    def clean_audience(self):
        raw = self.cleaned_data.get("audience", "")
        return [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]

    @staticmethod
    def initial_from(recommendation: Recommendation) -> dict:
        return {
            "version": recommendation.version,
            "report": recommendation.report_id,
            "kind": recommendation.kind,
            "reference": recommendation.reference,
            "theme": recommendation.theme,
            "text": recommendation.text,
            "audience": ", ".join(recommendation.audience),
            "deadline_text": recommendation.deadline_text,
            "cause_of_concern": recommendation.cause_of_concern_id,
        }


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            (ReviewOutcome.ACCEPTED, "Accepted: progress is on track"),
            (ReviewOutcome.MORE_EVIDENCE, "More evidence needed"),
            (ReviewOutcome.ESCALATE, "Escalate to the board"),
        ],
        error_messages={"required": "Choose the outcome of the review"},
    )
    notes = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    reviewed_on = GovUKDateField(label_for_errors="the date of the review")


class ExtensionForm(forms.Form):
    proposed_due_on = GovUKDateField(label_for_errors="the new due date")
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why more time is needed"},
    )


class DueDateForm(forms.Form):
    due_on = GovUKDateField(label_for_errors="the due date")
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why this is the due date"},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        error_messages={"required": "Choose whether to approve or refuse"},
    )
    note = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why it is refused")
        return data


class ClosureRequestForm(forms.Form):
    statement = forms.CharField(
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter a closing statement"},
    )


class ClosureActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("check", "Evidence checked: send for sign-off"),
            ("sign_off", "Sign off: close the response"),
            ("submit", "Submitted to the inspectorate"),
            ("closed_by_inspectorate", "The inspectorate closed it"),
            ("not_accepted", "The inspectorate did not accept it"),
            ("return", "Return to the owner"),
        ],
        error_messages={"required": "Choose what to do"},
    )
    note = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)

    def __init__(self, *args, allowed: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            (value, label) for value, label in self.fields["action"].choices if value in allowed
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("action") in {"return", "not_accepted"}
            and not (data.get("note") or "").strip()
        ):
            self.add_error("note", "Enter what more is needed")
        return data


class ReassignForm(forms.Form):
    from_owner = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Choose whose responses to move"}
    )
    to_owner = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Choose who takes them on"}
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        choices = people_choices(organisation_id)[1:]
        self.fields["from_owner"].choices = [("", "Choose a person")] + choices
        self.fields["to_owner"].choices = [("", "Choose a person")] + choices

    def clean(self):
        data = super().clean()
        if data.get("from_owner") and data.get("from_owner") == data.get("to_owner"):
            self.add_error("to_owner", "Choose a different person to reassign to")
        return data


class DischargeForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter the inspectorate's decision"},
    )
    discharged_on = GovUKDateField(label_for_errors="the date it was discharged")


class RevisitForm(forms.Form):
    revisited_on = GovUKDateField(label_for_errors="the date of the revisit")
    finding = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter what the inspectorate found"},
    )


class NotApplicableForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why it does not apply"},
    )
