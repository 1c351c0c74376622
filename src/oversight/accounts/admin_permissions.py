"""The liaison role edits its organisation's records in the Django admin: this grants the rights."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

LIAISON_GROUP = "Liaison"
APPS = ["accounts", "inspections", "recommendations", "papers"]


def liaison_group() -> Group:
    group, _ = Group.objects.get_or_create(name=LIAISON_GROUP)
    perms = (
        Permission.objects.filter(content_type__app_label__in=APPS)
        .exclude(codename__startswith="delete_")
        .exclude(content_type__model__startswith="historical")
    )
    group.permissions.set(perms)
    return group


def grant_liaison_admin(person) -> None:
    person.groups.add(liaison_group())
