"""Loads the 43 territorial forces, the national bodies and the inspectorates."""

from django.db import migrations
from django.utils.text import slugify

from oversight.accounts.reference_data import INSPECTORATES, NATIONAL_BODIES, TERRITORIAL_FORCES


def load(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    for kind, rows in (
        ("force", TERRITORIAL_FORCES),
        ("national_body", NATIONAL_BODIES),
        ("inspectorate", INSPECTORATES),
    ):
        for name, short_name, aliases in rows:
            Organisation.objects.update_or_create(
                slug=slugify(short_name if kind == "inspectorate" else name),
                defaults={"name": name, "short_name": short_name, "kind": kind, "aliases": aliases},
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
