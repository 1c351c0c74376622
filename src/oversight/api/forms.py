"""The form on the API tokens page."""

from __future__ import annotations

from django import forms

LIFETIMES = [
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("365", "In a year"),
    ("never", "Never (revoke it yourself when it is no longer needed)"),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    lifetime = forms.ChoiceField(
        choices=LIFETIMES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when the token expires"},
    )

    def lifetime_days(self) -> int | None:
        value = self.cleaned_data["lifetime"]
        return None if value == "never" else int(value)
