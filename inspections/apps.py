from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


def _editor_group_sync(sender, **kwargs):
    from inspections.editors import editor_group_sync

    editor_group_sync()


def _finding_counts_install(sender, using, **kwargs):
    from django.db import connections

    from inspections.finding_counts import KEPT, finding_counts_install

    # Not when migrated back to before a table of counts: the triggers would name a missing table.
    tables = connections[using].introspection.table_names()
    if all(kept.table in tables for kept in KEPT):
        finding_counts_install(using)


def _finding_counts_uninstall(sender, using, **kwargs):
    from django.db import connections

    from inspections.finding_counts import finding_counts_uninstall

    if "inspections_findingcount" in connections[using].introspection.table_names():
        finding_counts_uninstall(using)


def _data_version_uninstall(sender, using, **kwargs):
    from django.db import connections

    from inspections.data_version import data_version_uninstall

    if "inspections_dataversion" in connections[using].introspection.table_names():
        data_version_uninstall(using)


def _data_version_install(sender, using, **kwargs):
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections

    from inspections.data_version import data_version_install

    call_command("createcachetable", database=using, verbosity=0)
    if "inspections_dataversion" in connections[using].introspection.table_names():
        data_version_install(using)
    # A flush (tests) empties the version row, which starts again from where it started before.
    cache.clear()


def _latest_judgements_install(sender, using, **kwargs):
    from django.db import connections

    from inspections.latest_judgements import latest_judgements_install

    if "inspections_latestjudgement" in connections[using].introspection.table_names():
        latest_judgements_install(using)


def _latest_judgements_uninstall(sender, using, **kwargs):
    from django.db import connections

    from inspections.latest_judgements import latest_judgements_uninstall

    if "inspections_latestjudgement" in connections[using].introspection.table_names():
        latest_judgements_uninstall(using)


def _finding_visit_columns_present(using) -> bool:
    """Whether the findings have their copied column (not before its migration, or migrated back)."""
    from django.db import connections

    connection = connections[using]
    if "inspections_finding" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "inspections_finding")
    return any(column.name == "authority_name" for column in columns)


def _finding_visit_columns_install(sender, using, **kwargs):
    from inspections.finding_visit_columns import finding_visit_columns_install

    if _finding_visit_columns_present(using):
        finding_visit_columns_install(using)


def _finding_visit_columns_uninstall(sender, using, **kwargs):
    from inspections.finding_visit_columns import finding_visit_columns_uninstall

    if _finding_visit_columns_present(using):
        finding_visit_columns_uninstall(using)


def _text_index_repair(sender, using, **kwargs):
    from django.db import connections

    from inspections.text_index import text_index_ensure

    text_index_ensure(connections[using], repair_only=True)


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"

    def ready(self):
        # After `migrate` (and a test database's flush): permissions exist by then (auth's
        # handler runs first, being installed earlier), and the editor group is kept complete.
        post_migrate.connect(_editor_group_sync, sender=self)
        # The kept finding counts' triggers, written again and the counts rebuilt: a migration
        # that rebuilds a table on SQLite drops its triggers, a flush empties the counts.
        # Before `migrate` they are dropped: on SQLite a migration that rebuilds the findings table
        # cannot rename it back while other tables' triggers name it.
        pre_migrate.connect(_finding_counts_uninstall, sender=self)
        post_migrate.connect(_finding_counts_install, sender=self)
        # The findings' copies of their authority's name likewise (inspections/finding_visit_columns.py),
        # before the data version's triggers are written: putting every copy right moves it once.
        pre_migrate.connect(_finding_visit_columns_uninstall, sender=self)
        post_migrate.connect(_finding_visit_columns_install, sender=self)
        # The data version's triggers likewise; after `migrate` the cache's table is made where it
        # is missing (CACHES), and the cache emptied.
        pre_migrate.connect(_data_version_uninstall, sender=self)
        post_migrate.connect(_data_version_install, sender=self)
        # The kept latest judgements likewise (inspections/latest_judgements.py).
        pre_migrate.connect(_latest_judgements_uninstall, sender=self)
        post_migrate.connect(_latest_judgements_install, sender=self)
        # A migration that rebuilds the findings table on SQLite drops the text index's triggers.
        post_migrate.connect(_text_index_repair, sender=self)
