"""The operators' admin for organisations and people (see admin_site.py)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.contrib.auth.models import Group

from oversight.accounts.admin_site import LatestChangeCheckedForm, OperatorAdmin, ReadOnlyAdmin
from oversight.accounts.models import Board, Organisation, Portfolio, Role, User


@admin.register(Organisation)
class OrganisationAdmin(OperatorAdmin):
    """The reference list of organisations: kept by the operators."""

    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


class PersonChangeForm(LatestChangeCheckedForm, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class PersonCreationForm(UserCreationForm):
    """A person always belongs to an organisation, with a role in it (a person with none could
    be neither seen nor deactivated by its liaison lead)."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "organisation", "role", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["organisation"].error_messages["required"] = (
            "Choose the organisation the person belongs to"
        )
        self.fields["role"].choices = Role.choices


@admin.register(User)
class PersonAdmin(OperatorAdmin, UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "is_superuser", "organisation"]
    list_select_related = ["organisation"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Oversight", {"fields": ("organisation", "role")}),
        (
            "Access",
            {
                "fields": ("is_active", "is_superuser"),
                "description": "Deactivate rather than delete: a person's name stays on "
                "everything they did. A superuser is an operator of this instance.",
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "organisation",
                    "role",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        obj.is_staff = obj.is_superuser  # only operators reach the admin
        if not change:
            obj._change_reason = "Person added by an operator in the administration"
            return super(OperatorAdmin, self).save_model(request, obj, form, change)
        return super().save_model(request, obj, form, change)


@admin.register(Portfolio)
class PortfolioAdmin(ReadOnlyAdmin):
    list_display = ["name", "lead", "organisation"]
    list_filter = ["organisation"]


@admin.register(Board)
class BoardAdmin(ReadOnlyAdmin):
    list_display = ["name", "chair", "organisation"]
    list_filter = ["organisation"]


# Roles, not Django groups, say what a person may do.
admin.site.unregister(Group)
