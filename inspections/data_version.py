"""The data version (DataVersion) and the database triggers that move it.

Every insert, update and delete of a table whose rows a public page shows moves the one number in
the statement's own transaction, whatever path made the change: ingest, reparse, retag, a
correction, publishing, the admin, sync, load_authorities, import_outcomes, a cascade. What is
cached for everyone is filed under the version a request reads before it reads the data. No
reader sees a version before its writer commits, so the data read is never older than the
version it is filed under; a write committed meanwhile can make it newer, filed under a version
that requests starting after that commit no longer ask for.

On PostgreSQL the version moves before the statement's rows change: a writer locks the version
row before any kept count's row, so two writers queue at the version instead of each holding a
count row the other waits for (a deadlock). It moves for the statements a client runs, not for
those a row trigger runs inside them (the kept copies and counts, one statement a row): their
outer statement, on a table listed here, has moved it already. Moving it again for each of
250,000 rows in one transaction walks a longer chain of the version row's dead copies each time.

Like the kept finding counts' triggers (inspections/finding_counts.py) they are dropped before
`migrate` and written again after it (SQLite drops a table's triggers when a migration rebuilds it).
"""

from __future__ import annotations

from django.db import connections

from authorities.models import Authority, AuthorityAlias, StatisticalNeighbour, WorkforceFigure
from inspections.models import (
    DataVersion,
    Disagreement,
    Finding,
    FindingTheme,
    Judgement,
    RecurringOccurrence,
    RecurringWeakness,
    SourceDocument,
    Theme,
    Visit,
    VisitSource,
)

# What the public pages show. Not: the kept counts (moved with the findings), labels, the audit
# log, sync runs and providers (staff pages, never cached).
VERSIONED_MODELS = (
    Authority,
    AuthorityAlias,
    StatisticalNeighbour,
    WorkforceFigure,
    Theme,
    SourceDocument,
    Visit,
    VisitSource,
    Judgement,
    Disagreement,
    Finding,
    FindingTheme,
    RecurringWeakness,
    RecurringOccurrence,
)

_VERSION = DataVersion._meta.db_table
_MOVE = f"UPDATE {_VERSION} SET version = version + 1 WHERE id = 1"
_FUNCTION = "data_version_move"


def _tables() -> list[str]:
    return [model._meta.db_table for model in VERSIONED_MODELS]


def _trigger_sql(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":  # SQLite has row triggers only: one for each kind of write
        return [
            statement
            for event in ("insert", "update", "delete")
            for statement in (
                f"DROP TRIGGER IF EXISTS data_version_{table}_{event}",
                f"CREATE TRIGGER data_version_{table}_{event} AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW BEGIN {_MOVE}; END",
            )
        ]
    return [
        f"DROP TRIGGER IF EXISTS data_version ON {table}",
        f"CREATE TRIGGER data_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()",
    ]


def data_version_install(using: str = "default") -> None:
    """Write the triggers (again), make the version row where it is missing, and move it."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"a data version on {connection.vendor}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF pg_trigger_depth() = 1 THEN {_MOVE}; END IF; RETURN NULL; END $$"
            )
        for table in _tables():
            for statement in _trigger_sql(connection.vendor, table):
                cursor.execute(statement)
        cursor.execute(f"INSERT INTO {_VERSION} (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING")
        cursor.execute(_MOVE)


def data_version_uninstall(using: str = "default") -> None:
    """Drop the triggers (before `migrate`, and before the version's table goes, migrating back)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS data_version_{table}_{event}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS data_version ON {table}")
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {_FUNCTION}()")


def data_version(using: str = "default") -> int | None:
    """The version now (one query); None where there is no version row (the triggers not yet
    written), when nothing may be cached."""
    return DataVersion.objects.using(using).filter(pk=1).values_list("version", flat=True).first()
