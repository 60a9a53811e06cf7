"""Full-text search of findings on SQLite: an FTS5 index of their text with the Porter stemmer,
kept by triggers (inspections/text_index.py); nothing on PostgreSQL, whose GIN index is 0002's."""

from django.db import migrations

from inspections.text_index import text_index_drop, text_index_ensure


def create_index(apps, schema_editor):
    text_index_ensure(schema_editor.connection)


def drop_index(apps, schema_editor):
    text_index_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0017_finding_newest_first_covers_public")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
