"""The index of the listings' order, newest first, holds whether a finding is hidden too: with the
source_id it already holds, a page of public findings is read from the index alone, however deep
(FindingQuerySet.public checks the document against the few unpublished ones)."""

from django.db import migrations

INDEX = "finding_newest_first"


def _create(schema_editor, *, covering: bool) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    order = f"sort_date DESC{' NULLS LAST' if postgresql else ''}, visit_id DESC, source_id, position"
    if covering:
        # SQLite's index holds the rowid (the id) already.
        order += ") INCLUDE (hidden, id" if postgresql else ", hidden"
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON inspections_finding ({order})")


def index_with_hidden(apps, schema_editor):
    _create(schema_editor, covering=True)


def index_without_hidden(apps, schema_editor):
    _create(schema_editor, covering=False)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0016_finding_counts")]

    operations = [migrations.RunPython(index_with_hidden, index_without_hidden)]
