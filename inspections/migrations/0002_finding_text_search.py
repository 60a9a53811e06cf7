"""A GIN index for the findings explorer's full-text search on PostgreSQL; nothing elsewhere.

Its expression is the one Django writes for SearchVector("text", config="english"), so the
planner uses it for Finding.objects.search().
"""

from django.db import migrations

INDEX = "inspections_finding_text_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON inspections_finding "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
