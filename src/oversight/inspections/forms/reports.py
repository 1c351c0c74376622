"""Forms for a report and its findings."""

from __future__ import annotations

from django import forms

from oversight.forms import VersionedForm
from oversight.inspections.forms.fields import DateField, OrganisationChoiceField
from oversight.inspections.models import Finding, Inspection, Report

OWN, NATIONAL = "own", "national"


class ReportForm(VersionedForm):
    title = forms.CharField(
        max_length=400, error_messages={"required": "Enter the title of the report"}
    )
    inspectorate = OrganisationChoiceField(
        error_messages={
            "required": "Choose the inspectorate that published it",
            "invalid_choice": "Choose the inspectorate from the list",
        }
    )
    about = forms.ChoiceField(
        error_messages={
            "required": "Choose whether the report is about your organisation or national",
        }
    )
    inspection = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the inspection from the list"},
    )
    published_on = DateField(required=False, label_for_errors="the publication date")
    url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )
    reference = forms.CharField(required=False, max_length=40)
    summary = forms.CharField(widget=forms.Textarea, required=False, max_length=50000)

    def __init__(self, *args, organisation, inspectorates, inspections: list[Inspection], **kw):
        super().__init__(*args, **kw)
        self.fields["inspectorate"].set_organisations(inspectorates, "Choose an inspectorate")
        self.fields["about"].choices = [
            (OWN, f"{organisation.name} only"),
            (NATIONAL, "National: it is not about one force or service"),
        ]
        self.fields["inspection"].choices = [("", "None: the report stands on its own")] + [
            (str(i.pk), f"{i.title} ({i.when})") for i in inspections
        ]
        self._inspections = {i.pk: i for i in inspections}
        self.organisation = organisation

    def clean_inspection(self):
        pk = self.cleaned_data.get("inspection")
        return self._inspections.get(pk) if pk is not None else None

    def clean(self):
        data = super().clean()
        if data.get("inspection") is not None and data.get("about") == NATIONAL:
            self.add_error(
                "about",
                "A report from an inspection of your organisation is about your organisation",
            )
        return data

    def resolved(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "inspectorate": data["inspectorate"],
            "organisation": self.organisation if data["about"] == OWN else None,
            "inspection": data["inspection"],
            "published_on": data["published_on"],
            "url": data["url"],
            "reference": data["reference"],
            "summary": data["summary"],
        }

    @staticmethod
    def initial_from(report: Report) -> dict:
        return {
            "version": report.version,
            "title": report.title,
            "inspectorate": report.inspectorate_id,
            "about": NATIONAL if report.organisation_id is None else OWN,
            "inspection": report.inspection_id,
            "published_on": report.published_on,
            "url": report.url,
            "reference": report.reference,
            "summary": report.summary,
        }


class FindingForm(forms.Form):
    heading = forms.CharField(required=False, max_length=200)
    text = forms.CharField(
        widget=forms.Textarea, max_length=20000, error_messages={"required": "Enter the finding"}
    )
    about = forms.ChoiceField(
        error_messages={"required": "Choose whether the finding is about your organisation"}
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [
            (OWN, f"About {organisation.name}"),
            (NATIONAL, "General: not about one organisation"),
        ]
        self.organisation = organisation

    def about_organisation(self):
        return self.organisation if self.cleaned_data["about"] == OWN else None

    @staticmethod
    def initial_from(finding: Finding) -> dict:
        return {
            "heading": finding.heading,
            "text": finding.text,
            "about": OWN if finding.organisation_id else NATIONAL,
        }
