"""Helpers every app's views share: render a form page with its error summary."""

from __future__ import annotations

from django.shortcuts import render

from oversight.forms import error_list


def render_form(request, template: str, form, *, status: int | None = None, **context):
    errors = error_list(form) if form.is_bound and form.errors else []
    context.update(form=form, errors=errors, form_has_errors=bool(errors))
    if status is None:
        status = 400 if errors else 200
    return render(request, template, context, status=status)
