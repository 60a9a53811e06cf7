"""Each finding keeps its authority's name, with an index in the order by authority (A to Z, then
newest first; FindingQuerySet.by_authority) that holds what public() reads
(inspections/listing_indexes.py). The triggers that keep the name, and the names of the findings
already there, are written after every `migrate` (inspections/apps.py,
inspections/finding_visit_columns.py).

The column is added with its default by ALTER TABLE on both databases: Django's own AddField
would rebuild the findings table on SQLite (a column NOT NULL), and with it the text index."""

from django.db import migrations, models

from inspections.listing_indexes import listing_index_operation

COLUMN = "ALTER TABLE inspections_finding ADD COLUMN authority_name varchar(100) DEFAULT '' NOT NULL"


def triggers_drop(apps, schema_editor):
    from inspections.finding_visit_columns import finding_visit_columns_uninstall

    finding_visit_columns_uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0024_finding_oldest_first_covers_public")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(COLUMN, "ALTER TABLE inspections_finding DROP COLUMN authority_name")
            ],
            state_operations=[
                migrations.AddField(
                    model_name="finding",
                    name="authority_name",
                    field=models.CharField(db_default="", editable=False, max_length=100),
                )
            ],
        ),
        listing_index_operation(
            "finding_by_authority",
            "authority_name, sort_date DESC{nulls_last}, visit_id DESC, source_id, position",
            existed=False,
        ),
        migrations.RunPython(migrations.RunPython.noop, triggers_drop),
    ]
