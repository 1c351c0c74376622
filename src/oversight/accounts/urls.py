from django.urls import path

from oversight.accounts import oidc, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views.SignInCodeView.as_view(), name="sign-in-code"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("two-step-verification/", views.TwoFactorView.as_view(), name="two-factor"),
    path(
        "two-step-verification/set-up/",
        views.TwoFactorSetUpView.as_view(),
        name="two-factor-set-up",
    ),
    # An invited person chooses their password (the link in their invitation e-mail).
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set-password"),
    # Single sign-on (404 unless configured); the provider's redirect URI is the callback.
    path("oidc/authenticate/", oidc.OIDCStartView.as_view(), name="oidc-start"),
    path("oidc/callback/", oidc.OIDCCallbackView.as_view(), name="oidc-callback"),
]
