"""Public findings counted per region, visit type, polarity, area and theme, for the findings
explorer's facets. The triggers that keep the counts, and the first count, are written after every
`migrate` (inspections/apps.py, inspections/finding_counts.py)."""

import django.db.models.deletion
from django.db import migrations, models


def triggers_drop(apps, schema_editor):
    from inspections.finding_counts import finding_counts_uninstall

    finding_counts_uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0015_finding_theme_count_index")]

    operations = [
        migrations.CreateModel(
            name="FindingCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("region", models.CharField(max_length=40)),
                ("visit_type", models.CharField(max_length=30)),
                ("polarity", models.CharField(max_length=20)),
                ("area", models.CharField(max_length=40)),
                (
                    "theme",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="inspections.theme",
                    ),
                ),
                ("n", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("region", "visit_type", "polarity", "area", "theme"),
                        name="unique_finding_count",
                    )
                ]
            },
        ),
        # Forwards the triggers are written after `migrate`; backwards they go before the table.
        migrations.RunPython(migrations.RunPython.noop, triggers_drop),
    ]
