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
