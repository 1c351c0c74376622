"""Loads the 43 territorial forces, the national bodies and the inspectorates."""

from django.db import migrations

from oversight.accounts.reference_data import load_reference_organisations


def load(apps, schema_editor):
    load_reference_organisations(apps.get_model("accounts", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
