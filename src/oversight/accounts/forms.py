from django import forms
from django.contrib.auth.forms import AuthenticationForm

from oversight.accounts.models import Role
from oversight.accounts.two_factor import CODE_DIGITS, normalise


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your HMICFRS liaison lead.",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username:
            self.add_error("username", "Enter your username")
        if not password:
            self.add_error("password", "Enter your password")
        if not username or not password:
            raise forms.ValidationError("")
        return super().clean()


class CodeForm(forms.Form):
    """A 6-digit code from an authenticator app (spaces are ignored)."""

    code = forms.CharField(
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = normalise(self.cleaned_data["code"])
        if len(code) != CODE_DIGITS or not (code.isascii() and code.isdigit()):
            raise forms.ValidationError("The code must be 6 digits, like 123456")
        return code

    def wrong_code(self) -> None:
        self.add_error(
            "code",
            "That code is not right. Enter the code your app shows now; each code works once.",
        )


class PersonForm(forms.Form):
    """A person's role and details; `username` only when inviting them."""

    username = forms.CharField(
        max_length=150,
        required=False,
        error_messages={"max_length": "The username must be 150 characters or fewer"},
    )
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(
        required=False,
        error_messages={"invalid": "Enter an e-mail address like name@example.police.uk"},
    )
    job_title = forms.CharField(max_length=200, required=False)
    role = forms.ChoiceField(error_messages={"required": "Choose their role"})
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, inviting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviting = inviting
        self.fields["role"].choices = Role.choices
        self.fields["role"].error_messages["invalid_choice"] = "Choose a role from the list"
        if inviting:
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = (
                "Enter their e-mail address: the invitation is sent to it"
            )
        else:
            del self.fields["username"]

    def clean_username(self):
        from django.contrib.auth.validators import UnicodeUsernameValidator

        name = self.cleaned_data.get("username", "").strip()
        if self.inviting and not name:
            raise forms.ValidationError("Enter a username, for example their work e-mail address")
        try:
            UnicodeUsernameValidator()(name)
        except forms.ValidationError as exc:
            raise forms.ValidationError(
                "A username can have only letters, numbers and @ . + - _"
            ) from exc
        return name

    def clean(self):
        data = super().clean()
        if not (data.get("first_name") or data.get("last_name")) and self.inviting:
            self.add_error("first_name", "Enter their first name or last name")
        return data


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Say why they are being deactivated, for the audit trail"},
    )


class SettingsForm(forms.Form):
    viewers_download_evidence = forms.TypedChoiceField(
        choices=[
            ("no", "No: viewers read the record, not the files"),
            ("yes", "Yes: viewers may download evidence files"),
        ],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Choose whether viewers may download evidence files"},
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NamedForm(forms.Form):
    """A portfolio (name and lead) or a board (name and chair)."""

    name = forms.CharField(max_length=200, error_messages={"required": "Enter a name"})
    person = forms.CharField(max_length=200, required=False)
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False)
