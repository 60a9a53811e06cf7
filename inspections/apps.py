from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


def _tables(*names: str):
    """Whether these tables exist: any of them (`every=False`, before migrate: triggers to drop) or
    all of them (`every=True`, after: triggers that can be written)."""

    def exist(connection, tables: set[str], *, every: bool) -> bool:
        return tables.issuperset(names) if every else bool(tables.intersection(names))

    return exist


def _authority_name_column(connection, tables: set[str], *, every: bool) -> bool:
    """Whether the findings have their copy of the authority's name (not before its migration)."""
    if "inspections_finding" not in tables:
        return False
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "inspections_finding")
    return any(column.name == "authority_name" for column in columns)


def _kept_by_triggers() -> list:
    """(whether it exists, drop its triggers, write them again) of each thing database triggers keep,
    in the order they are written again."""
    from inspections.data_version import data_version_install, data_version_uninstall
    from inspections.finding_counts import KEPT, finding_counts_install, finding_counts_uninstall
    from inspections.finding_facet_rows import finding_facet_rows_install, finding_facet_rows_uninstall
    from inspections.finding_visit_columns import (
        finding_visit_columns_install,
        finding_visit_columns_uninstall,
    )
    from inspections.latest_judgements import latest_judgements_install, latest_judgements_uninstall

    return [
        # The kept finding counts (inspections/finding_counts.py).
        (_tables(*(kept.table for kept in KEPT)), finding_counts_uninstall, finding_counts_install),
        # The findings' copies of their authority's name (inspections/finding_visit_columns.py),
        # before the data version's triggers are written: putting every copy right moves it once.
        (_authority_name_column, finding_visit_columns_uninstall, finding_visit_columns_install),
        # The findings' facet rows (inspections/finding_facet_rows.py).
        (_tables("inspections_findingfacetrow"), finding_facet_rows_uninstall, finding_facet_rows_install),
        # The data version (inspections/data_version.py).
        (_tables("inspections_dataversion"), data_version_uninstall, data_version_install),
        # The kept latest judgements (inspections/latest_judgements.py).
        (_tables("inspections_latestjudgement"), latest_judgements_uninstall, latest_judgements_install),
    ]


def _before_migrate(sender, using, **kwargs):
    """Triggers dropped where any of their tables exists: on SQLite a migration that rebuilds the
    findings table cannot rename it back while other tables' triggers name it."""
    from django.db import connections

    connection = connections[using]
    tables = set(connection.introspection.table_names())
    for exists, uninstall, _ in _kept_by_triggers():
        if exists(connection, tables, every=False):
            uninstall(using)


def _after_migrate(sender, using, **kwargs):
    """After `migrate` (and a test database's flush), what it may have left broken or empty is
    repaired. Permissions exist by then (auth's handler runs first, being installed earlier)."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections

    from inspections.editors import editor_group_sync
    from inspections.text_index import text_index_ensure

    editor_group_sync()  # the editor group kept complete
    call_command("createcachetable", database=using, verbosity=0)  # CACHES' table, where missing
    # Triggers written again (a migration that rebuilds a table on SQLite drops them) and what they
    # keep worked out afresh (a flush empties it), where every table they write exists: not when
    # migrated back to before one.
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    for exists, _, install in _kept_by_triggers():
        if exists(connection, tables, every=True):
            install(using)
    text_index_ensure(connection, repair_only=True)  # SQLite's text index's triggers likewise
    # A flush (tests) empties the version row, which starts again from where it started before.
    cache.clear()


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"

    def ready(self):
        pre_migrate.connect(_before_migrate, sender=self)
        post_migrate.connect(_after_migrate, sender=self)
