"""Committees and meetings: operators read them here; liaison leads change them on the pages."""

from django.contrib import admin

from oversight.accounts.admin_site import ReadOnlyAdmin
from oversight.papers.models import Committee, Meeting, Paper, WordTemplate


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["committee", "held_on"]


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "version", "status"]


@admin.register(WordTemplate)
class WordTemplateAdmin(ReadOnlyAdmin):
    list_display = ["organisation"]
