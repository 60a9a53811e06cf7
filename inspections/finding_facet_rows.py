"""The findings' narrow facet rows (FindingFacetRow), and the database triggers that keep them.

Free text matches findings anywhere in the table (`supervision`: 9,265 of 250,000). Counting
their facets from the findings reads each match's wide row, text and all: on PostgreSQL ~8,200
heap blocks of a 535 MB table that shared_buffers cannot hold, on SQLite a row looked up by
rowid, its text in overflow pages. A finding's facet row holds only what the explorer filters
and counts by, and on PostgreSQL a copy of the finding's stored tsvector with its own GIN index:
free text's facets and total read these rows (and the themes' links) alone. The listing still
reads the page's findings by id.

A row follows its finding in the writing statement's own transaction, whatever path made the
change (the ingest's executemany, a queryset's update() or delete(), a cascade, the admin, a
correction): a finding inserted, deleted, or changed in what the row copies (its text too, for
the tsvector), a visit moved to another authority or retyped, an authority's region changed.
Whether a finding is public is worked out when read, as for the findings (its document's
status, one small set): a document published or withdrawn writes no row.

After `migrate` (and a test database's flush, which empties the table beneath the triggers)
the triggers are written again and the rows made afresh from the findings: SQLite drops a
table's triggers when a migration rebuilds the table.
"""

from __future__ import annotations

from django.db import connections

from inspections.models import Finding, FindingFacetRow
from inspections.row_triggers import triggers_install, triggers_uninstall

_ROWS = FindingFacetRow._meta.db_table
_FINDING = Finding._meta.db_table
_VISIT = "inspections_visit"
_AUTHORITY = "authorities_authority"

# The row's columns: what each copies, of the finding {f}, its visit v and that visit's authority a.
COPIED = {
    "finding_id": "{f}.id",
    "source_id": "{f}.source_id",
    "hidden": "{f}.hidden",
    "polarity": "{f}.polarity",
    "area": "{f}.area",
    "sort_date": "{f}.sort_date",
    "region": "a.region",
    "visit_type": "v.visit_type",
    "authority_id": "v.authority_id",
}
# And on PostgreSQL the finding's stored tsvector (migrations 0019 and 0026).
TEXT_SEARCH = {"text_search": "{f}.text_search"}


def _copied(vendor: str) -> dict[str, str]:
    return {**COPIED, **TEXT_SEARCH} if vendor == "postgresql" else COPIED


def _insert(vendor: str, finding: str, source: str, where: str) -> str:
    """The statement writing the rows of the findings `finding` (an alias, or NEW) that `where` keeps,
    read from `source`, which has their visits v and authorities a."""
    copied = _copied(vendor)
    values = ", ".join(value.format(f=finding) for value in copied.values())
    return f"INSERT INTO {_ROWS} ({', '.join(copied)}) SELECT {values} FROM {source} WHERE {where}"


_OF_VISIT = f"{_VISIT} v JOIN {_AUTHORITY} a ON a.id = v.authority_id"
# The finding's columns its row copies: a change of any writes the row again.
_FINDING_COLUMNS = ("text", "source_id", "hidden", "polarity", "area", "sort_date", "visit_id")


def _triggers(vendor: str) -> list:
    """(name, table, event, condition or "", statements)"""
    new_row = _insert(vendor, "NEW", _OF_VISIT, "v.id = NEW.visit_id")
    return [
        ("finding_facet_rows_finding_insert", _FINDING, "INSERT", "", [new_row]),
        (
            "finding_facet_rows_finding_delete",
            _FINDING,
            "DELETE",
            "",
            [f"DELETE FROM {_ROWS} WHERE finding_id = OLD.id"],
        ),
        (
            "finding_facet_rows_finding_update",
            _FINDING,
            f"UPDATE OF {', '.join(_FINDING_COLUMNS)}",
            "",
            [f"DELETE FROM {_ROWS} WHERE finding_id = OLD.id", new_row],
        ),
        (
            "finding_facet_rows_visit_update",
            _VISIT,
            "UPDATE OF authority_id, visit_type",
            "OLD.authority_id <> NEW.authority_id OR OLD.visit_type <> NEW.visit_type",
            [
                f"UPDATE {_ROWS} SET visit_type = NEW.visit_type, authority_id = NEW.authority_id, "
                f"region = (SELECT region FROM {_AUTHORITY} WHERE id = NEW.authority_id) "
                f"WHERE finding_id IN (SELECT id FROM {_FINDING} WHERE visit_id = NEW.id)"
            ],
        ),
        (
            "finding_facet_rows_authority_update",
            _AUTHORITY,
            "UPDATE OF region",
            "OLD.region <> NEW.region",
            [f"UPDATE {_ROWS} SET region = NEW.region WHERE authority_id = NEW.id"],
        ),
    ]


def finding_facet_rows_install(using: str = "default") -> None:
    """Write the triggers (again) and every finding's row afresh, in one transaction."""
    vendor = connections[using].vendor
    every = _insert(
        vendor,
        "f",
        f"{_FINDING} f JOIN {_VISIT} v ON v.id = f.visit_id JOIN {_AUTHORITY} a ON a.id = v.authority_id",
        "1 = 1",
    )
    triggers_install(using, "findings' facet rows", _triggers(vendor), [f"DELETE FROM {_ROWS}", every])


def finding_facet_rows_uninstall(using: str = "default") -> None:
    """Drop the triggers (before `migrate`, and before the table goes, migrating back)."""
    triggers_uninstall(using, _triggers(connections[using].vendor))
