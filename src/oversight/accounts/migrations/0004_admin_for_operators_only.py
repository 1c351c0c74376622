"""The admin is for operators (superusers) only: liaison leads lose the staff flag and the
"Liaison" group that gave them the admin's rights; their pages are the service's own."""

from django.db import migrations


def operators_only(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Group = apps.get_model("auth", "Group")
    User.objects.filter(is_superuser=False, is_staff=True).update(is_staff=False)
    Group.objects.filter(name="Liaison").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sso_identity_two_factor"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(operators_only, migrations.RunPython.noop)]
