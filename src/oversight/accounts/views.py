"""Sign in and sign out; single sign-on (see oidc.py); two-step verification."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views import View

from oversight import audit
from oversight.accounts import services, two_factor
from oversight.accounts.forms import CodeForm, SignInForm
from oversight.accounts.models import TwoFactor, User
from oversight.accounts.oidc import oidc_enabled
from oversight.forms import error_list

PENDING = "two_factor_pending"  # the person who gave the right password and now owes a code
SETUP_SECRET = "two_factor_setup_secret"


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        sso_url = None
        if oidc_enabled():
            sso_url = reverse("accounts:oidc-start")
            if context.get("next"):
                sso_url += "?" + urlencode({"next": context["next"]})
        context.update(
            title="Sign in",
            form_has_errors=form.is_bound and not form.is_valid(),
            demo_accounts=DEMO_ACCOUNTS if settings.DEMO_MODE else [],
            sso_url=sso_url,
        )
        return context

    def form_valid(self, form):
        person = form.get_user()
        self.request.session.pop(PENDING, None)
        if TwoFactor.objects.filter(user=person).exists():
            # Not signed in yet: the session only remembers who owes a code, for a few minutes.
            self.request.session[PENDING] = {
                "user": person.pk,
                "backend": person.backend,
                "next": self.get_success_url(),
                "at": time.time(),
            }
            return redirect("accounts:sign-in-code")
        return super().form_valid(form)


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


DEMO_ACCOUNTS = [
    ("liaison", "Liaison", "records inspections, assigns owners, reviews evidence"),
    ("owner", "Recommendation owner", "writes progress updates on their responses"),
    ("executive", "Executive", "decides extensions and closures"),
    ("viewer", "Viewer", "reads the register; changes nothing"),
]


def _check_code(request, person: User, form: CodeForm) -> bool | HttpResponse:
    """Whether the form's code is right for the person; wrong codes count towards the same
    django-axes lockout as wrong passwords, and a locked-out person gets the lockout page."""
    credentials = {"username": person.username}
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, None, credentials)
    if not form.is_valid():
        return False
    if services.two_factor_use_code(person=person, code=form.cleaned_data["code"]):
        return True
    form.wrong_code()
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return False


@method_decorator(login_not_required, name="dispatch")
class SignInCodeView(View):
    """'Enter the code from your authenticator app': the second step of signing in."""

    template_name = "accounts/sign_in_code.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        pending = request.session.get(PENDING)
        limit = 60 * settings.OVERSIGHT_TWO_FACTOR_PENDING_MINUTES
        self.person = None
        if isinstance(pending, dict) and time.time() - pending.get("at", 0) < limit:
            self.person = User.objects.filter(pk=pending.get("user"), is_active=True).first()
        if self.person is None or not TwoFactor.objects.filter(user=self.person).exists():
            if pending:
                request.session.pop(PENDING, None)
                messages.info(request, "Your sign-in timed out. Sign in again.")
            return redirect("accounts:sign-in")
        self.pending = pending
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "title": "Enter the code from your authenticator app",
                "form": form,
                "form_has_errors": bool(form.errors),
            },
        )

    def get(self, request):
        return self.render_form(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        checked = _check_code(request, self.person, form)
        if isinstance(checked, HttpResponse):
            return checked
        if not checked:
            return self.render_form(form)
        request.session.pop(PENDING, None)
        auth.login(request, self.person, backend=self.pending["backend"])
        return redirect(self.pending.get("next") or settings.LOGIN_REDIRECT_URL)


def _signs_in_with_provider(person: User) -> bool:
    return hasattr(person, "sso_identity") or not person.has_usable_password()


class TwoFactorView(View):
    """'Two-step verification' under the person's account: whether it is on; turning it off."""

    template_name = "accounts/two_factor.html"

    def render_page(self, form):
        person = self.request.user
        return render(
            self.request,
            self.template_name,
            {
                "title": "Two-step verification",
                "two_factor": TwoFactor.objects.filter(user=person).first(),
                "signs_in_with_provider": _signs_in_with_provider(person),
                "form": form,
                "form_has_errors": bool(form.errors),
            },
        )

    def get(self, request):
        return self.render_page(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not TwoFactor.objects.filter(user=request.user).exists():
            return redirect("accounts:two-factor")
        checked = _check_code(request, request.user, form)
        if isinstance(checked, HttpResponse):
            return checked
        if not checked:
            return self.render_page(form)
        services.two_factor_turn_off(person=request.user, actor=request.user)
        messages.success(request, "Two-step verification is off.")
        return redirect("accounts:two-factor")


class TwoFactorSetUpView(View):
    """Set up an authenticator app: its secret (QR code, key and URI), confirmed with a code."""

    template_name = "accounts/two_factor_set_up.html"

    def dispatch(self, request, *args, **kwargs):
        person = request.user
        if TwoFactor.objects.filter(user=person).exists() or _signs_in_with_provider(person):
            return redirect("accounts:two-factor")
        # The secret waits in the session until a code from the app confirms it.
        secret = request.session.get(SETUP_SECRET)
        if not secret:
            secret = request.session[SETUP_SECRET] = two_factor.new_secret()
        self.secret = secret
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form):
        uri = two_factor.provisioning_uri(self.secret, self.request.user.username)
        return render(
            self.request,
            self.template_name,
            {
                "title": "Set up two-step verification",
                "secret": two_factor.spaced(self.secret),
                "uri": uri,
                "qr_code": two_factor.qr_code_data_uri(uri),
                "form": form,
                "form_has_errors": bool(form.errors),
            },
        )

    def get(self, request):
        return self.render_page(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render_page(form)
        step = two_factor.matching_step(self.secret, form.cleaned_data["code"])
        if step is None:
            form.wrong_code()
            return self.render_page(form)
        services.two_factor_turn_on(person=request.user, secret=self.secret, step=step)
        request.session.pop(SETUP_SECRET, None)
        messages.success(
            request,
            "Two-step verification is on. Next time you sign in, you will be asked for a code "
            "from your authenticator app.",
        )
        return redirect("accounts:two-factor")


@method_decorator(login_not_required, name="dispatch")
class SetPasswordView(auth_views.PasswordResetConfirmView):
    """A person invited by their liaison lead chooses their password from the e-mailed link
    (Django's password-reset token: it works once, and for PASSWORD_RESET_TIMEOUT)."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:sign-in")
    post_reset_login = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        errors = error_list(form) if form is not None and form.is_bound and form.errors else []
        context.update(
            title="Choose your password" if context.get("validlink") else "This link has expired",
            errors=errors,
            form_has_errors=bool(errors),
        )
        return context

    def form_valid(self, form):
        audit.stamp(form.user, actor=form.user, reason="Password chosen from the invitation")
        response = super().form_valid(form)
        messages.success(self.request, "Your password was saved. Sign in with it now.")
        return response
