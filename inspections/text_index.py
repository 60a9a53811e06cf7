"""The findings' text index on SQLite: an FTS5 table over inspections_finding.text with the Porter
stemmer (PostgreSQL's `english` configuration stems alike; it has its own stored tsvector and GIN
index, migration 0014), kept by triggers on every insert, delete and change of a finding's text.

The table stores no text of its own (external content): it reads the finding's row. SQLite drops
a table's triggers when a migration rebuilds the table (its way to alter most columns), so
`text_index_ensure` runs after every `migrate` too: it makes what is missing and, when anything
was, rebuilds the index from the findings.
"""

from __future__ import annotations

TABLE = "inspections_finding_fts"
FINDINGS = "inspections_finding"

_CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, content='{FINDINGS}', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
_REMOVE = f"INSERT INTO {TABLE}({TABLE}, rowid, text) VALUES ('delete', old.id, old.text);"
_ADD = f"INSERT INTO {TABLE}(rowid, text) VALUES (new.id, new.text);"
TRIGGERS = {
    f"{TABLE}_insert": f"AFTER INSERT ON {FINDINGS} BEGIN {_ADD} END",
    f"{TABLE}_delete": f"AFTER DELETE ON {FINDINGS} BEGIN {_REMOVE} END",
    f"{TABLE}_update": f"AFTER UPDATE OF text ON {FINDINGS} BEGIN {_REMOVE} {_ADD} END",
}


def _existing(cursor, kind: str, names) -> set[str]:
    placeholders = ", ".join("%s" for _ in names)
    cursor.execute(
        f"SELECT name FROM sqlite_master WHERE type = %s AND name IN ({placeholders})", [kind, *names]
    )
    return {name for (name,) in cursor.fetchall()}


def text_index_ensure(connection, *, repair_only: bool = False) -> bool:
    """Make the index and its triggers where any is missing, and then fill the index from the
    findings; with `repair_only`, only where the index exists (its migration is applied). True
    when anything was missing. Nothing on PostgreSQL."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        has_table = bool(_existing(cursor, "table", [TABLE]))
        missing = [name for name in TRIGGERS if name not in _existing(cursor, "trigger", list(TRIGGERS))]
        if (has_table and not missing) or (repair_only and not has_table):
            return False
        if not has_table:
            cursor.execute(_CREATE_TABLE)
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {TRIGGERS[name]}")
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    return True


def text_index_drop(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
