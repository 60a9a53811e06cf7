"""The findings' narrow facet rows (FindingFacetRow): what free text's facet counts read instead
of the wide findings. On PostgreSQL the rows also hold a copy of the finding's stored tsvector
(0019), with a GIN index of its own; SQLite's ids come from the FTS5 index (0018). The triggers
that keep the rows, and the rows of the findings already there, are written after every `migrate`
(inspections/apps.py, inspections/finding_facet_rows.py)."""

import django.db.models.deletion
from django.db import migrations, models


def create_table(apps, schema_editor):
    """By hand, for the key: on SQLite the finding's id is the row's own rowid (INTEGER PRIMARY KEY),
    so a match is one lookup, not one in the key's index and another in the table as Django's
    bigint key would make it. On PostgreSQL the rows also hold a copy of the finding's stored
    tsvector, with a GIN index."""
    postgresql = schema_editor.connection.vendor == "postgresql"
    key = "bigint" if postgresql else "integer"
    text_search = ", text_search tsvector" if postgresql else ""
    schema_editor.execute(
        f"CREATE TABLE inspections_findingfacetrow (finding_id {key} NOT NULL PRIMARY KEY, "
        "hidden boolean NOT NULL, polarity varchar(20) NOT NULL, area varchar(40) NOT NULL, "
        "region varchar(40) NOT NULL, visit_type varchar(30) NOT NULL, sort_date date NULL, "
        f"authority_id {key} NOT NULL, source_id {key} NOT NULL{text_search})"
    )
    schema_editor.execute(
        "CREATE INDEX finding_facet_row_authority ON inspections_findingfacetrow (authority_id)"
    )
    if postgresql:
        schema_editor.execute(
            "CREATE INDEX finding_facet_row_text_search ON inspections_findingfacetrow USING gin (text_search)"
        )


def drop_table(apps, schema_editor):
    from inspections.finding_facet_rows import finding_facet_rows_uninstall

    finding_facet_rows_uninstall(schema_editor.connection.alias)
    schema_editor.execute("DROP TABLE inspections_findingfacetrow")


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0003_workforce_figures"),
        ("inspections", "0025_finding_authority_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(create_table, drop_table, elidable=False)],
            state_operations=[
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
                # A join from a theme link to its finding's row, not a column.
                migrations.AddField(
                    model_name="findingtheme",
                    name="facet_row",
                    field=models.ForeignObject(
                        from_fields=["finding"],
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="theme_links",
                        to="inspections.findingfacetrow",
                        to_fields=["finding"],
                    ),
                ),
            ],
        ),
    ]
