"""The indexes of the findings' listing orders (FindingQuerySet.newest_first, oldest_first,
by_authority), as their migrations write them.

Each holds, after its order's columns, whether a finding is hidden, and its source_id is among the
order's columns: FindingQuerySet.public() reads nothing else of a finding, so a page of public
findings in that order is read from the index alone however deep it is, rather than every finding
stepped over being looked up in the table. PostgreSQL INCLUDEs the id too (SQLite keeps the rowid
in every index). SQLite's CREATE INDEX cannot say NULLS LAST: its DESC puts NULLs last anyway, and
it reads an ASC index for ASC NULLS LAST too.
"""

from __future__ import annotations

from django.db import migrations


def listing_index_sql(vendor: str, name: str, order: str, *, covering: bool = True) -> list[str]:
    """The statements (re)making the index `name` of the findings in `order` (columns, with
    `{nulls_last}` where PostgreSQL must be told NULLS LAST), holding hidden where `covering`."""
    postgresql = vendor == "postgresql"
    columns = order.format(nulls_last=" NULLS LAST" if postgresql else "")
    if covering:
        columns += ") INCLUDE (hidden, id" if postgresql else ", hidden"
    return [f"DROP INDEX IF EXISTS {name}", f"CREATE INDEX {name} ON inspections_finding ({columns})"]


def listing_index_operation(name: str, order: str, *, existed: bool) -> migrations.RunPython:
    """The migration operation (re)making the index `name` in `order`, holding hidden; backwards,
    the index as it was: without hidden where it `existed`, else none."""

    def statements(schema_editor, *, covering: bool) -> list[str]:
        return listing_index_sql(schema_editor.connection.vendor, name, order, covering=covering)

    def forwards(apps, schema_editor):
        for statement in statements(schema_editor, covering=True):
            schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        for statement in statements(schema_editor, covering=False)[: None if existed else 1]:
            schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)
