"""Row triggers written alike on SQLite and PostgreSQL: how the kept tables (the finding counts,
the latest judgements) follow the rows they are derived from, in the writing statement's own
transaction. A trigger is (name, table, event, condition or "", statements)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connections

Trigger = tuple[str, str, str, str, Sequence[str]]


def trigger_sql(vendor: str, name: str, table: str, event: str, condition: str, statements) -> list[str]:
    when = f"WHEN ({condition}) " if condition else ""
    body = "".join(f"{statement}; " for statement in statements)
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}BEGIN {body}END",
        ]
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {body}RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}EXECUTE FUNCTION {name}()",
    ]


def triggers_install(using: str, kept: str, triggers: Iterable[Trigger], rebuild: Iterable[str]) -> None:
    """Write the triggers (again), then run `rebuild`, the statements that derive the kept table
    afresh, on the same connection."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"{kept} on {connection.vendor}")
    with connection.cursor() as cursor:
        for trigger in triggers:
            for statement in trigger_sql(connection.vendor, *trigger):
                cursor.execute(statement)
        for statement in rebuild:
            cursor.execute(statement)


def triggers_uninstall(using: str, triggers: Iterable[Trigger]) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for name, table, *_ in triggers:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
