"""An index in the order of FindingQuerySet.oldest_first (oldest visit first, undated visits last).
SQLite's CREATE INDEX cannot say NULLS LAST; SQLite reads its ASC index for that order anyway."""

from django.db import migrations

INDEX = "finding_oldest_first"


def create_index(apps, schema_editor):
    nulls_last = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON inspections_finding (sort_date{nulls_last}, visit_id, source_id, position)"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0019_finding_text_search_stored")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
