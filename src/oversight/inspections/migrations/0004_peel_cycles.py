"""The PEEL cycles (2021/22, 2023–25, 2025–27) and their question areas, as data."""

from django.db import migrations

from oversight.inspections.peel_data import load_peel_cycles


def load(apps, schema_editor):
    load_peel_cycles(
        apps.get_model("inspections", "PeelCycle"),
        apps.get_model("inspections", "PeelQuestionArea"),
    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0003_programme")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
