"""Each authority's latest public judgement in each area, for the pages' latest grades. The
triggers that keep it, and its first rows, are written after every `migrate` (inspections/apps.py,
inspections/latest_judgements.py)."""

import django.db.models.deletion
from django.db import migrations, models


def triggers_drop(apps, schema_editor):
    from inspections.latest_judgements import latest_judgements_uninstall

    latest_judgements_uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0001_initial"),
        ("inspections", "0022_visit_theme_counts"),
    ]

    operations = [
        migrations.CreateModel(
            name="LatestJudgement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("area", models.CharField(max_length=40)),
                ("grade", models.CharField(max_length=30)),
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
                    "judgement",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="inspections.judgement",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="inspections.visit",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("authority", "area"), name="unique_latest_judgement")
                ]
            },
        ),
        # Forwards the triggers are written after `migrate`; backwards they go before the table.
        migrations.RunPython(migrations.RunPython.noop, triggers_drop),
    ]
