"""On SQLite, a document's original bytes and extracted text become the last columns of its row.

SQLite stores a row's columns in order and a column after a large value is reached only by
walking that value's overflow pages: every query that checked a document's status or date read
its whole original (about 340 KB) to get there (BENCHMARKS.md, "National scale"). The table is
rebuilt once with the two at the end; PostgreSQL keeps large values apart already (TOAST), so
nothing changes there. The model state moves the two fields last, so that a later rebuild of the
table keeps them there.
"""

from django.db import migrations

LAST = ("original", "extracted_text")


class StoreLargeColumnsLast(migrations.operations.base.Operation):
    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, fields: tuple[str, ...]):
        self.model_name = model_name
        self.fields = fields

    def deconstruct(self):
        return (self.__class__.__name__, [], {"model_name": self.model_name, "fields": self.fields})

    def state_forwards(self, app_label, state):
        model_state = state.models[app_label, self.model_name]
        for name in self.fields:
            model_state.fields[name] = model_state.fields.pop(name)
        state.reload_model(app_label, self.model_name, delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            # The SQLite editor's own rebuild: a new table in the state's column order, rows copied.
            schema_editor._remake_table(to_state.apps.get_model(app_label, self.model_name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Store {', '.join(self.fields)} last in {self.model_name}'s rows"


class Migration(migrations.Migration):
    dependencies = [("inspections", "0011_finding_sort_date")]

    operations = [StoreLargeColumnsLast("sourcedocument", LAST)]
