"""The HTML pages of the API: a person's API tokens, and the API documentation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from oversight.api import docs, exports, selectors, services
from oversight.api.forms import TokenForm
from oversight.pages import render_form


def _no_store(answer):
    answer["Cache-Control"] = "no-store"
    return answer


@require_http_methods(["GET", "POST"])
def tokens(request):
    """List, make (the secret is shown once, on the answer to the POST) and revoke tokens."""
    form = TokenForm(request.POST or None, initial={"lifetime": "90"})
    if request.method == "POST" and form.is_valid():
        try:
            made = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                lifetime_days=form.lifetime_days(),
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            return _no_store(
                render(
                    request,
                    "api/token_created.html",
                    {
                        "title": "Your new API token",
                        "token": made.token,
                        "secret": made.secret,
                        "active_section": "",
                    },
                )
            )
    return _no_store(
        render_form(
            request,
            "api/tokens.html",
            form,
            title="API tokens",
            tokens=selectors.tokens_of(request.user),
            active_section="",
        )
    )


@require_http_methods(["GET", "POST"])
def token_revoke(request, pk: int):
    token = selectors.token_of(request.user, pk)
    if request.method == "POST":
        services.token_revoke(token=token, actor=request.user)
        messages.success(request, f"The token ‘{token.name}’ was revoked. It no longer works.")
        return redirect("api:tokens")
    return render(
        request,
        "api/token_revoke.html",
        {"title": f"Revoke {token.name}", "token": token, "active_section": ""},
    )


@require_http_methods(["GET"])
def documentation(request):
    """The API reference, drawn on the server from the OpenAPI schema (no script needed)."""
    return render(
        request,
        "api/docs.html",
        {
            "title": "API documentation",
            "active_section": "",
            "reference": docs.reference(),
            "csv_files": [
                (name, request.build_absolute_uri(f"/api/v1/{name}.csv"), columns)
                for name, columns in exports.FILES.items()
            ],
            "base_url": request.build_absolute_uri("/api/v1/"),
        },
    )
