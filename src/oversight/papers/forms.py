from __future__ import annotations

from django import forms

from oversight.forms import GovUKDateField
from oversight.papers.models import ItemOrder


class MeetingForm(forms.Form):
    committee = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Choose the committee"}
    )
    held_on = GovUKDateField(label_for_errors="the date of the meeting")

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "Choose a committee")] + [
            (str(c.pk), c.name) for c in committees
        ]
        self._committees = {c.pk: c for c in committees}

    def clean_committee(self):
        pk = self.cleaned_data["committee"]
        if pk not in self._committees:
            raise forms.ValidationError("Choose a committee from the list")
        return self._committees[pk]


class DraftForm(forms.Form):
    period_start = GovUKDateField(label_for_errors="the start of the period")
    period_end = GovUKDateField(label_for_errors="the end of the period")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "The end of the period must be after its start")
        return data


class SectionForm(forms.Form):
    heading = forms.CharField(max_length=200, error_messages={"required": "Enter a heading"})
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=100_000,
        error_messages={"required": "Enter the text of the section"},
    )
    expected = forms.CharField(widget=forms.HiddenInput, required=False)


class TemplateForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Choose a Word document (.docx)"})


class StandingTextForm(forms.Form):
    """The words every paper for a committee repeats; empty means the product's default."""

    purpose = forms.CharField(widget=forms.Textarea, required=False, max_length=5_000)
    peel = forms.CharField(widget=forms.Textarea, required=False, max_length=20_000)
    governance = forms.CharField(widget=forms.Textarea, required=False, max_length=20_000)
    review_note = forms.CharField(widget=forms.Textarea, required=False, max_length=5_000)
    closing = forms.CharField(widget=forms.Textarea, required=False, max_length=5_000)
    expected = forms.CharField(widget=forms.HiddenInput, required=False)


class CommitteeForm(forms.Form):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the committee's name"}
    )
    short_name = forms.CharField(
        max_length=20,
        required=False,
        error_messages={"max_length": "The short name must be 20 characters or fewer"},
    )
    # Not given (an older form, a script): a new committee gets the defaults, a committee
    # being renamed keeps its settings.
    item_order = forms.ChoiceField(
        choices=ItemOrder.choices,
        required=False,
        error_messages={"invalid_choice": "Choose the order the paper sets out recommendations in"},
    )
    names_owners = forms.TypedChoiceField(
        choices=[
            ("no", "No: the paper names no individuals (for a committee that meets in public)"),
            ("yes", "Yes: the paper names each recommendation's owner"),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose whether the paper names owners"},
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)
