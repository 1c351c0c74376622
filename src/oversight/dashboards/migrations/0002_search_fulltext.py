"""Full-text search beside SearchEntry: FTS5 on SQLite, a tsvector column and GIN index on
PostgreSQL, nothing elsewhere (search falls back to icontains). Vendor-specific SQL only here,
never in the models."""

from django.db import migrations


def forwards(apps, schema_editor):
    from oversight.dashboards.search import fulltext

    fulltext.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from oversight.dashboards.search import fulltext

    fulltext.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
