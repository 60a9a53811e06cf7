from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


def _kept_by_triggers() -> list[tuple[tuple[str, ...], object, object]]:
    """(its tables, drop its triggers, write them again) of each thing database triggers keep."""
    from inspections.data_version import data_version_install, data_version_uninstall
    from inspections.finding_counts import KEPT, finding_counts_install, finding_counts_uninstall
    from inspections.latest_judgements import latest_judgements_install, latest_judgements_uninstall

    return [
        # The kept finding counts (inspections/finding_counts.py).
        (tuple(kept.table for kept in KEPT), finding_counts_uninstall, finding_counts_install),
        # The data version (inspections/data_version.py).
        (("inspections_dataversion",), data_version_uninstall, data_version_install),
        # The kept latest judgements (inspections/latest_judgements.py).
        (("inspections_latestjudgement",), latest_judgements_uninstall, latest_judgements_install),
    ]


def _before_migrate(sender, using, **kwargs):
    """Triggers dropped where any of their tables exists: on SQLite a migration that rebuilds the
    findings table cannot rename it back while other tables' triggers name it."""
    from django.db import connections

    tables = set(connections[using].introspection.table_names())
    for kept_tables, uninstall, _ in _kept_by_triggers():
        if tables.intersection(kept_tables):
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
    tables = set(connections[using].introspection.table_names())
    for kept_tables, _, install in _kept_by_triggers():
        if tables.issuperset(kept_tables):
            install(using)
    text_index_ensure(connections[using], repair_only=True)  # SQLite's text index's triggers likewise
    # A flush (tests) empties the version row, which starts again from where it started before.
    cache.clear()


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"

    def ready(self):
        pre_migrate.connect(_before_migrate, sender=self)
        post_migrate.connect(_after_migrate, sender=self)
