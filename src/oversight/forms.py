"""Form pieces shared by every app: the GOV.UK date input, and errors in GOV.UK's shape."""

from __future__ import annotations

import datetime as dt

from django import forms


class GovUKDateWidget(forms.MultiWidget):
    """Three boxes (day, month, year) named NAME-day, NAME-month, NAME-year, as GOV.UK does."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovUKDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = GovUKDateWidget

    def __init__(self, *, label_for_errors: str = "the date", **kwargs):
        self.label_for_errors = label_for_errors
        fields = [forms.CharField(), forms.CharField(), forms.CharField()]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter {label_for_errors}"
        self.error_messages["incomplete"] = f"Enter {label_for_errors} as a day, month and year"

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(
                f"{self.label_for_errors.capitalize()} must include a {' and '.join(missing)}"
            )
        if not all(p.isascii() and p.isdigit() for p in (day, month, year)) or len(year) != 4:
            raise forms.ValidationError(
                f"{self.label_for_errors.capitalize()} must be a real date, like 31 3 2023"
            )
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise forms.ValidationError(
                f"{self.label_for_errors.capitalize()} must be a real date"
            ) from exc


def error_list(form: forms.Form) -> list[dict]:
    """The errors of a form for govukErrorSummary, each linking to its field."""
    items = []
    for message in form.non_field_errors():
        items.append({"text": message, "href": "#main-content"})
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        field = form.fields.get(name)
        anchor = f"id_{name}"
        if isinstance(field, GovUKDateField):
            anchor = f"id_{name}-day"
        elif isinstance(field, forms.ChoiceField) and isinstance(
            field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            anchor = f"id_{name}_0" if field.choices else f"id_{name}"
        for message in errors:
            items.append({"text": message, "href": f"#{anchor}"})
    return items


class VersionedForm(forms.Form):
    """A form that edits a record: carries the version it was drawn from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
