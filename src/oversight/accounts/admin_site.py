"""The Django admin is for the operators who run the instance (superusers), not for a force.

Everything a force does has a page of the service, scoped to its organisation and written
through the services. What is left here, for operators only:

- the reference list of organisations and people's accounts (the first liaison lead of a new
  organisation, an account to deactivate), each edit checked against a change saved since the
  form was opened, and written to the audit trail;
- every other record read-only, workflow records included (responses, updates, evidence,
  reviews, extensions, closures, papers): their changes have rules that only the services keep;
- history read-only everywhere: the history pages show, they never save;
- nothing deleted.

Anyone else signed in gets 403 from every admin URL; a visitor is sent to the sign-in page
(the admin's own sign-in form is not used: it would skip two-step verification and lockout).
"""

from __future__ import annotations

from functools import update_wrapper

from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import resolve_url
from django.utils.decorators import method_decorator
from simple_history.admin import SimpleHistoryAdmin

from oversight.conflicts import latest_change

NOT_FOR_YOU = "The administration is for the people who run Oversight."


def is_operator(user) -> bool:
    """The people who run the instance: active superusers."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


class OperatorAdminSite(admin.AdminSite):
    site_header = "Oversight: operators' administration"
    site_title = "Oversight administration"
    index_title = "Records (operators only)"
    enable_nav_sidebar = False

    def has_permission(self, request) -> bool:
        return is_operator(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:  # the service's sign-in, not the admin's
                return redirect_to_login(request.get_full_path(), resolve_url("accounts:sign-in"))
            if not self.has_permission(request):
                raise PermissionDenied(NOT_FOR_YOU)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """The service's own sign-in page, with its lockout and two-step verification."""
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied(NOT_FOR_YOU)
        return redirect_to_login(
            request.GET.get("next") or resolve_url("admin:index"), resolve_url("accounts:sign-in")
        )


class LatestChangeCheckedForm(forms.ModelForm):
    """An admin form that refuses to save over a change someone saved after it was opened.

    It carries the id of the record's latest history row when it was drawn; on saving, the row
    is locked and that id compared, as the service pages compare versions.
    """

    loaded_change = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_change"] = latest_change(self.instance)

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            current = latest_change(self.instance, lock=True)
            if data.get("loaded_change") != current:
                raise forms.ValidationError(
                    "Someone else changed this record after you opened it. Nothing of yours "
                    "was saved: open it again to see their change, then make yours again.",
                    code="edit_conflict",
                )
        return data


class OperatorAdmin(SimpleHistoryAdmin):
    """Records an operator may correct: edits conflict-checked and in the trail; no deletes;
    history shown, never saved."""

    form = LatestChangeCheckedForm
    change_reason = "Changed by an operator in the administration"

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets.append((None, {"fields": ["loaded_change"]}))
        return fieldsets

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])  # history is never written from here
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        obj._change_reason = self.change_reason
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        return {}  # no bulk actions (the only built-in one deletes)


class ReadOnlyAdmin(OperatorAdmin):
    """Shown to operators, changed only through the service's pages and their rules."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_operator(request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None and request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])  # shown, never saved
        return super().changeform_view(request, object_id, form_url, extra_context)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
