"""Forms for PEEL grades, the monitoring stage and the engagement log."""

from __future__ import annotations

from django import forms

from oversight.forms import VersionedForm
from oversight.inspections.forms.fields import DateField, WhenField
from oversight.inspections.models import (
    Engagement,
    EngagementKind,
    Grade,
    MonitoringStage,
    MonitoringStageChange,
    PeelAssessment,
    PeelCycle,
)

GRADE_CHOICES = [("", "No grade recorded"), *Grade.choices]


def _choose_one(field: forms.TypedChoiceField, things, label, empty: str) -> dict:
    field.choices = [("", empty)] + [(str(t.pk), label(t)) for t in things]
    return {t.pk: t for t in things}


class PeelForm(VersionedForm):
    """The grades of one cycle (a select per graded question area) and where they came from."""

    inspection = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the inspection from the list"},
    )
    report = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the report from the list"},
    )
    published_on = DateField(required=False, label_for_errors="the publication date")
    summary = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)

    def __init__(self, *args, cycle: PeelCycle, inspections, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.areas = list(cycle.areas.order_by("position"))
        for area in self.areas:
            if area.graded:
                self.fields[f"area_{area.pk}"] = forms.ChoiceField(
                    choices=GRADE_CHOICES,
                    required=False,
                    label=area.name,
                    error_messages={"invalid_choice": f"Choose a grade for {area.name}"},
                )
        self._inspections = _choose_one(
            self.fields["inspection"], inspections, lambda i: i.title, "None"
        )
        self._reports = _choose_one(self.fields["report"], reports, lambda r: r.title, "None")

    def area_fields(self):
        """(area, bound field or None when the area is not graded), in the cycle's order."""
        return [(a, self[f"area_{a.pk}"] if a.graded else None) for a in self.areas]

    def clean_inspection(self):
        pk = self.cleaned_data.get("inspection")
        return self._inspections.get(pk) if pk is not None else None

    def clean_report(self):
        pk = self.cleaned_data.get("report")
        return self._reports.get(pk) if pk is not None else None

    def grades(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"area_{a.pk}", "") for a in self.areas if a.graded}

    @staticmethod
    def initial_from(assessment: PeelAssessment) -> dict:
        initial = {
            "version": assessment.version,
            "inspection": assessment.inspection_id,
            "report": assessment.report_id,
            "published_on": assessment.published_on,
            "summary": assessment.summary,
        }
        for grade in assessment.grades.all():
            initial[f"area_{grade.area_id}"] = grade.grade
        return initial


class MonitoringForm(VersionedForm):
    stage = forms.ChoiceField(
        choices=MonitoringStage.choices,
        error_messages={
            "required": "Choose the monitoring stage",
            "invalid_choice": "Choose the monitoring stage",
        },
    )
    started_on = DateField(label_for_errors="the date the stage started")
    letter = forms.CharField(required=False, max_length=300)
    letter_on = DateField(required=False, label_for_errors="the date of the letter")
    letter_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )
    note = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)

    @staticmethod
    def initial_from(change: MonitoringStageChange) -> dict:
        return {
            "version": change.version,
            "stage": change.stage,
            "started_on": change.started_on,
            "letter": change.letter,
            "letter_on": change.letter_on,
            "letter_url": change.letter_url,
            "note": change.note,
        }


class EngagementForm(VersionedForm):
    kind = forms.ChoiceField(
        choices=EngagementKind.choices,
        error_messages={
            "required": "Choose what kind of contact it was",
            "invalid_choice": "Choose what kind of contact it was",
        },
    )
    when = WhenField(label_for_errors="when it happened")
    subject = forms.CharField(
        max_length=300, error_messages={"required": "Enter what the contact was about"}
    )
    with_whom = forms.CharField(required=False, max_length=200)
    summary = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)
    inspection = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the inspection from the list"},
    )
    recommendation = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the recommendation from the list"},
    )

    def __init__(self, *args, inspections, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self._inspections = _choose_one(
            self.fields["inspection"], inspections, lambda i: i.title, "None"
        )
        self._recommendations = _choose_one(
            self.fields["recommendation"],
            recommendations,
            lambda r: f"{r.title}: {r.theme}" if r.theme else r.title,
            "None",
        )

    def clean_inspection(self):
        pk = self.cleaned_data.get("inspection")
        return self._inspections.get(pk) if pk is not None else None

    def clean_recommendation(self):
        pk = self.cleaned_data.get("recommendation")
        return self._recommendations.get(pk) if pk is not None else None

    @staticmethod
    def initial_from(engagement: Engagement) -> dict:
        return {
            "version": engagement.version,
            "kind": engagement.kind,
            "when": engagement.text,
            "subject": engagement.subject,
            "with_whom": engagement.with_whom,
            "summary": engagement.summary,
            "inspection": engagement.inspection_id,
            "recommendation": engagement.recommendation_id,
        }
