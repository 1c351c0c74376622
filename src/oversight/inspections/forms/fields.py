"""Fields the inspection programme's forms share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from oversight.forms import GovUKDateField

if TYPE_CHECKING:
    from oversight.accounts.models import Organisation


class DateField(GovUKDateField):
    """GOV.UK's day, month and year boxes, saying which part is missing ("must include a
    year") rather than Django's "Enter a complete value"."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for part in self.fields:
            part.required = False


class WhenField(forms.CharField):
    """One text box for a date as people write it ("W/C 4th April", "October – date TBC").

    It refuses nothing but overlong text: the view reads it with `read_when` against the record
    it edits, and says back how it was understood.
    """

    def __init__(self, *, label_for_errors: str = "the date", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter {label_for_errors}"
        self.error_messages["max_length"] = (
            f"{label_for_errors.capitalize()} must be 100 characters or fewer"
        )


class OrganisationChoiceField(forms.TypedChoiceField):
    """A choice of one organisation from a given list; cleans to the Organisation."""

    def __init__(self, *, organisations=(), empty_label: str | None = None, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.set_organisations(organisations, empty_label)

    def set_organisations(self, organisations, empty_label: str | None = None) -> None:
        self._organisations = {o.pk: o for o in organisations}
        choices = [(str(o.pk), o.name) for o in organisations]
        self.choices = ([("", empty_label)] if empty_label else []) + choices

    def clean(self, value):
        pk = super().clean(value)
        if pk is None:
            return None
        return self._organisations[pk]


class OrganisationsField(forms.TypedMultipleChoiceField):
    """Several organisations from a list (checkboxes that work without JavaScript)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, organisations=(), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(coerce=int, **kwargs)
        self.set_organisations(organisations)

    def set_organisations(self, organisations) -> None:
        self._organisations = {o.pk: o for o in organisations}
        self.choices = [(str(o.pk), o.name) for o in organisations]

    def clean(self, value) -> list[Organisation]:
        return [self._organisations[pk] for pk in super().clean(value)]


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def lines_text(items) -> str:
    return "\n".join(items or [])
