"""What a finding keeps of its visit's authority (Finding.authority_name), and the database
triggers that keep it.

The explorer lists findings by their authority's name; a column of the finding, unlike one of a
joined table, can head an index in that order (finding_by_authority), so a page, however deep, is
read from the index rather than every matching finding sorted. The copy follows its source in the
writing statement's own transaction, whatever path made the change (the ingest's executemany, a
queryset's update(), the admin, a correction): a finding inserted or moved to another visit, a
visit moved to another authority, an authority renamed. A finding saved with a stale copy in
memory is put right by the same trigger.

After `migrate` (and a test database's flush) the triggers are written again and every finding's
copy put right: SQLite drops a table's triggers when a migration rebuilds the table.
"""

from __future__ import annotations

from inspections.row_triggers import triggers_install, triggers_uninstall

_FINDING = "inspections_finding"
_VISIT = "inspections_visit"
_AUTHORITY = "authorities_authority"

# The finding's column: what it copies, of its visit v and that visit's authority a.
COPIED = {"authority_name": "a.name"}


def _copy(findings: str) -> str:
    """The statement putting right the copies of the findings `findings` (a condition on the
    findings' table, its visit v or its authority a) where they differ."""
    sets = ", ".join(f"{column} = {value}" for column, value in COPIED.items())
    stale = " OR ".join(f"{_FINDING}.{column} <> {value}" for column, value in COPIED.items())
    return (
        f"UPDATE {_FINDING} SET {sets} FROM {_VISIT} v JOIN {_AUTHORITY} a ON a.id = v.authority_id "
        f"WHERE v.id = {_FINDING}.visit_id AND ({findings}) AND ({stale})"
    )


# (name, table, event, condition or "", statements)
TRIGGERS = [
    ("finding_visit_columns_finding_insert", _FINDING, "INSERT", "", [_copy(f"{_FINDING}.id = NEW.id")]),
    (
        # Not only when the visit changes: a save of the whole row writes the copy in memory back.
        "finding_visit_columns_finding_update",
        _FINDING,
        f"UPDATE OF visit_id, {', '.join(COPIED)}",
        "",
        [_copy(f"{_FINDING}.id = NEW.id")],
    ),
    (
        "finding_visit_columns_visit_update",
        _VISIT,
        "UPDATE OF authority_id",
        "OLD.authority_id <> NEW.authority_id",
        [_copy(f"{_FINDING}.visit_id = NEW.id")],
    ),
    (
        "finding_visit_columns_authority_update",
        _AUTHORITY,
        "UPDATE OF name",
        "OLD.name <> NEW.name",
        [_copy("v.authority_id = NEW.id")],
    ),
]


def finding_visit_columns_install(using: str = "default") -> None:
    """Write the triggers (again) and put every finding's copy right."""
    triggers_install(using, "findings' copies of their authority", TRIGGERS, [_copy("1 = 1")])


def finding_visit_columns_uninstall(using: str = "default") -> None:
    """Drop the triggers (before `migrate`, and before the column goes, migrating back)."""
    triggers_uninstall(using, TRIGGERS)
