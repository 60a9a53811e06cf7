"""Each finding keeps its visit's sort_date, with an index in the listings' order, newest first
(FindingQuerySet.newest_first). SQLite's CREATE INDEX cannot say NULLS LAST; its DESC puts them last."""

from django.db import migrations, models

INDEX = "finding_newest_first"


def copy_visit_dates(apps, schema_editor):
    Finding = apps.get_model("inspections", "Finding")
    Visit = apps.get_model("inspections", "Visit")
    Finding.objects.update(
        sort_date=models.Subquery(Visit.objects.filter(pk=models.OuterRef("visit_id")).values("sort_date")[:1])
    )


def create_index(apps, schema_editor):
    nulls_last = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON inspections_finding "
        f"(sort_date DESC{nulls_last}, visit_id DESC, source_id, position)"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0010_editor_group")]

    operations = [
        migrations.AddField(
            model_name="finding",
            name="sort_date",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copy_visit_dates, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
