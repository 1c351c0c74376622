"""The accounts app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.accounts.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class OrganisationKind(models.TextChoices):
    FORCE = "force", "Police force"
    FIRE_SERVICE = "fire_service", "Fire and rescue service"
    NATIONAL_BODY = "national_body", "National body"
    INSPECTORATE = "inspectorate", "Inspectorate"
    PCC_OFFICE = "pcc_office", "Police and crime commissioner's office"


class Role(models.TextChoices):
    LIAISON = "liaison", "Liaison"
    OWNER = "owner", "Recommendation owner"
    EXECUTIVE = "executive", "Executive"
    VIEWER = "viewer", "Viewer"
