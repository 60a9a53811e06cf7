"""The findings' narrow facet rows (FindingFacetRow): what free text's facet counts read instead
of the wide findings. On PostgreSQL the rows also hold a copy of the finding's stored tsvector
(0019), with a GIN index of its own; SQLite's ids come from the FTS5 index (0018). The triggers
that keep the rows, and the rows of the findings already there, are written after every `migrate`
(inspections/apps.py, inspections/finding_facet_rows.py)."""

import django.db.models.deletion
from django.db import migrations, models

TEXT_SEARCH = [
    "ALTER TABLE inspections_findingfacetrow ADD COLUMN text_search tsvector",
    "CREATE INDEX finding_facet_row_text_search ON inspections_findingfacetrow USING gin (text_search)",
]


def on_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in TEXT_SEARCH:
            schema_editor.execute(statement)


def triggers_drop(apps, schema_editor):
    from inspections.finding_facet_rows import finding_facet_rows_uninstall

    finding_facet_rows_uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0003_workforce_figures"),
        ("inspections", "0025_finding_authority_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="FindingFacetRow",
            fields=[
                (
                    "finding",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="inspections.finding",
                    ),
                ),
                ("hidden", models.BooleanField()),
                ("polarity", models.CharField(max_length=20)),
                ("area", models.CharField(max_length=40)),
                ("region", models.CharField(max_length=40)),
                ("visit_type", models.CharField(max_length=30)),
                ("sort_date", models.DateField(null=True)),
                (
                    "authority",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="authorities.authority",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="inspections.sourcedocument",
                    ),
                ),
            ],
        ),
        migrations.RunPython(on_postgresql, triggers_drop, elidable=False),
    ]
