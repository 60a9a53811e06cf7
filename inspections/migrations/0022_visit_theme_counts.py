"""Public findings counted per visit and theme, by polarity, for compare's heat map. The triggers that
keep the counts, and the first count, are written after every `migrate` (inspections/apps.py,
inspections/finding_counts.py)."""

import django.db.models.deletion
from django.db import migrations, models


def triggers_drop(apps, schema_editor):
    from inspections.finding_counts import finding_counts_uninstall

    finding_counts_uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0021_data_version")]

    operations = [
        migrations.CreateModel(
            name="VisitThemeCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "visit",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="inspections.visit",
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="inspections.theme",
                    ),
                ),
                ("strengths", models.IntegerField()),
                ("concerns", models.IntegerField()),
                ("mixed", models.IntegerField()),
                ("neutral", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("visit", "theme"), name="unique_visit_theme_count")
                ]
            },
        ),
        # Forwards the triggers are written after `migrate`; backwards they go before the table.
        migrations.RunPython(migrations.RunPython.noop, triggers_drop),
    ]
