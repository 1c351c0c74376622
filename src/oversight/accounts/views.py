"""Sign in and sign out."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views

from oversight.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            title="Sign in",
            form_has_errors=form.is_bound and not form.is_valid(),
            demo_accounts=DEMO_ACCOUNTS if settings.DEMO_MODE else [],
        )
        return context


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


DEMO_ACCOUNTS = [
    ("liaison", "Liaison", "records inspections, assigns owners, reviews evidence"),
    ("owner", "Recommendation owner", "writes progress updates on their responses"),
    ("executive", "Executive", "decides extensions and closures"),
    ("viewer", "Viewer", "reads the register; changes nothing"),
]
