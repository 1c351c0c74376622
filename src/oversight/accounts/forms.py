from django import forms
from django.contrib.auth.forms import AuthenticationForm


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
        from oversight.accounts.two_factor import CODE_DIGITS, normalise

        code = normalise(self.cleaned_data["code"])
        if len(code) != CODE_DIGITS or not code.isdigit():
            raise forms.ValidationError("The code must be 6 digits, like 123456")
        return code

    def wrong_code(self) -> None:
        self.add_error(
            "code",
            "That code is not right. Enter the code your app shows now; each code works once.",
        )
