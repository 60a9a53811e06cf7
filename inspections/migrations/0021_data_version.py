"""The data version, moved by every write to what the public pages show. The triggers that move it
are written after every `migrate` (inspections/apps.py, inspections/data_version.py)."""

from django.db import migrations, models


def triggers_drop(apps, schema_editor):
    from inspections.data_version import data_version_uninstall

    data_version_uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0020_finding_oldest_first_index"), ("authorities", "0003_workforce_figures")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        # Forwards the triggers are written after `migrate`; backwards they go before the table.
        migrations.RunPython(migrations.RunPython.noop, triggers_drop),
    ]
