"""The kept counts of public findings (FindingCount, VisitThemeCount), and the database triggers
that keep them.

A finding is public when it is not hidden and its document is published. It counts once in the
row of its authority's region, its visit's type, its polarity and area with theme_id FINDINGS,
and once more in the row of each theme it is linked to; and the same in its visit's rows
(VisitThemeCount), one a theme, a column per polarity. Triggers on every table those values come
from (findings, their theme links, documents' status, visits' authority and type, authorities'
region) add and subtract in the statement's own transaction, whatever path made the change: the
ingest's executemany, a queryset's update() or delete(), a cascade, the admin.

After `migrate` (and a test database's flush, which empties the tables beneath the triggers)
the triggers are written again and the counts rebuilt from the findings: SQLite drops a table's
triggers when a migration rebuilds the table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from inspections.models import Finding, FindingCount, FindingTheme, SourceDocument, VisitThemeCount
from inspections.models.counts import FINDINGS
from inspections.row_triggers import triggers_install, triggers_uninstall
from inspections.vocabulary import Polarity

_FINDING = Finding._meta.db_table
_LINK = FindingTheme._meta.db_table
_DOCUMENT = SourceDocument._meta.db_table
_VISIT = "inspections_visit"
_AUTHORITY = "authorities_authority"
_PUBLISHED = f"'{SourceDocument.Status.PUBLISHED.value}'"


@dataclass(frozen=True)
class _Rows:
    """Findings as a trigger sees them: the FROM clause, the condition, and the expressions of
    each part of the key. `finding` is the findings' id, for joining their theme links."""

    source: str
    where: str
    region: str = "a.region"
    visit_type: str = "v.visit_type"
    polarity: str = "f.polarity"
    area: str = "f.area"
    finding: str = "f.id"
    visit: str = "f.visit_id"


@dataclass(frozen=True)
class _Kept:
    """A table of kept counts: its columns before theme_id (their values in _Rows), and its count
    columns with what each counts ({polarity}: the findings' polarity)."""

    model: type
    columns: tuple[str, ...]
    counted: tuple[tuple[str, str], ...] = (("n", "COUNT(*)"),)

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def key(self) -> str:
        return ", ".join([*self.columns, "theme_id"])

    def values(self, rows: _Rows) -> str:
        return ", ".join(getattr(rows, column.removesuffix("_id")) for column in self.columns)


def _of_polarity(polarity: str) -> str:
    return f"SUM(CASE WHEN {{polarity}} = '{polarity}' THEN 1 ELSE 0 END)"


BY_REGION = _Kept(FindingCount, ("region", "visit_type", "polarity", "area"))
BY_VISIT = _Kept(
    VisitThemeCount,
    ("visit_id",),
    (
        ("strengths", _of_polarity(Polarity.STRENGTH)),
        ("concerns", _of_polarity(Polarity.CONCERN)),
        ("mixed", _of_polarity(Polarity.MIXED)),
        ("neutral", _of_polarity(Polarity.NEUTRAL)),
    ),
)
KEPT = (BY_REGION, BY_VISIT)


def _upsert(kept: _Kept, sign: int, rows: _Rows, theme: str, source: str) -> str:
    groups = ", ".join(str(index) for index in range(1, len(kept.columns) + 2))
    columns = ", ".join(column for column, _ in kept.counted)
    counts = ", ".join(f"{sign} * {count.format(polarity=rows.polarity)}" for _, count in kept.counted)
    added = ", ".join(f"{column} = {kept.table}.{column} + excluded.{column}" for column, _ in kept.counted)
    return (
        f"INSERT INTO {kept.table} ({kept.key}, {columns}) "
        f"SELECT {kept.values(rows)}, {theme}, {counts} "
        f"FROM {source} WHERE {rows.where} GROUP BY {groups} "
        f"ON CONFLICT ({kept.key}) DO UPDATE SET {added}"
    )


def _add(sign: int, rows: _Rows, *, links: bool = True, kept: tuple[_Kept, ...] = KEPT) -> list[str]:
    """Statements adding (sign 1) or taking away (-1) these findings and, with `links`, their themes."""
    statements = [_upsert(table, sign, rows, str(FINDINGS), rows.source) for table in kept]
    if links:
        joined = f"{rows.source} JOIN {_LINK} ft ON ft.finding_id = {rows.finding}"
        statements += [_upsert(table, sign, rows, "ft.theme_id", joined) for table in kept]
    return statements


def _add_links(sign: int, rows: _Rows, theme: str) -> list[str]:
    """Statements adding or taking away one theme link, of the finding `rows` names."""
    return [_upsert(table, sign, rows, theme, rows.source) for table in KEPT]


def _finding_row(row: str) -> _Rows:
    """The one finding OLD or NEW of a trigger on the findings."""
    return _Rows(
        source=f"{_VISIT} v JOIN {_AUTHORITY} a ON a.id = v.authority_id JOIN {_DOCUMENT} d ON d.id = {row}.source_id",
        where=f"v.id = {row}.visit_id AND d.status = {_PUBLISHED} AND NOT {row}.hidden",
        polarity=f"{row}.polarity",
        area=f"{row}.area",
        finding=f"{row}.id",
        visit=f"{row}.visit_id",
    )


def _link_row(row: str) -> _Rows:
    return _Rows(
        source=f"{_FINDING} f JOIN {_VISIT} v ON v.id = f.visit_id "
        f"JOIN {_AUTHORITY} a ON a.id = v.authority_id JOIN {_DOCUMENT} d ON d.id = f.source_id",
        where=f"f.id = {row}.finding_id AND d.status = {_PUBLISHED} AND NOT f.hidden",
    )


def _document_findings(row: str) -> _Rows:
    return _Rows(
        source=f"{_FINDING} f JOIN {_VISIT} v ON v.id = f.visit_id JOIN {_AUTHORITY} a ON a.id = v.authority_id",
        where=f"f.source_id = {row}.id AND NOT f.hidden",
    )


def _visit_findings(row: str) -> _Rows:
    return _Rows(
        source=f"{_FINDING} f JOIN {_AUTHORITY} a ON a.id = {row}.authority_id JOIN {_DOCUMENT} d ON d.id = f.source_id",
        where=f"f.visit_id = {row}.id AND d.status = {_PUBLISHED} AND NOT f.hidden",
        visit_type=f"{row}.visit_type",
        visit=f"{row}.id",
    )


def _authority_findings(row: str) -> _Rows:
    return _Rows(
        source=f"{_FINDING} f JOIN {_VISIT} v ON v.id = f.visit_id JOIN {_DOCUMENT} d ON d.id = f.source_id",
        where=f"v.authority_id = {row}.id AND d.status = {_PUBLISHED} AND NOT f.hidden",
        region=f"{row}.region",
    )


def _changed(*columns: str) -> str:
    return " OR ".join(f"OLD.{column} <> NEW.{column}" for column in columns)


_FINDING_KEY = ("polarity", "area", "hidden", "source_id", "visit_id")

# (name, table, event, condition or "", statements)
TRIGGERS = [
    ("finding_counts_finding_insert", _FINDING, "INSERT", "", _add(1, _finding_row("NEW"), links=False)),
    ("finding_counts_finding_delete", _FINDING, "DELETE", "", _add(-1, _finding_row("OLD"))),
    (
        "finding_counts_finding_update",
        _FINDING,
        f"UPDATE OF {', '.join(_FINDING_KEY)}",
        _changed(*_FINDING_KEY),
        [*_add(-1, _finding_row("OLD")), *_add(1, _finding_row("NEW"))],
    ),
    (
        "finding_counts_link_insert",
        _LINK,
        "INSERT",
        "",
        _add_links(1, _link_row("NEW"), "NEW.theme_id"),
    ),
    (
        "finding_counts_link_delete",
        _LINK,
        "DELETE",
        "",
        _add_links(-1, _link_row("OLD"), "OLD.theme_id"),
    ),
    (
        "finding_counts_link_update",
        _LINK,
        "UPDATE OF finding_id, theme_id",
        _changed("finding_id", "theme_id"),
        [*_add_links(-1, _link_row("OLD"), "OLD.theme_id"), *_add_links(1, _link_row("NEW"), "NEW.theme_id")],
    ),
    (
        "finding_counts_document_published",
        _DOCUMENT,
        "UPDATE OF status",
        f"OLD.status <> {_PUBLISHED} AND NEW.status = {_PUBLISHED}",
        _add(1, _document_findings("NEW")),
    ),
    (
        "finding_counts_document_withdrawn",
        _DOCUMENT,
        "UPDATE OF status",
        f"OLD.status = {_PUBLISHED} AND NEW.status <> {_PUBLISHED}",
        _add(-1, _document_findings("OLD")),
    ),
    (
        "finding_counts_visit_update",
        _VISIT,
        "UPDATE OF authority_id, visit_type",
        _changed("authority_id", "visit_type"),
        # A visit's counts are its own whatever its authority or type.
        [
            *_add(-1, _visit_findings("OLD"), kept=(BY_REGION,)),
            *_add(1, _visit_findings("NEW"), kept=(BY_REGION,)),
        ],
    ),
    (
        "finding_counts_authority_update",
        _AUTHORITY,
        "UPDATE OF region",
        _changed("region"),
        [
            *_add(-1, _authority_findings("OLD"), kept=(BY_REGION,)),
            *_add(1, _authority_findings("NEW"), kept=(BY_REGION,)),
        ],
    ),
]


def _all_public() -> _Rows:
    return _Rows(
        source=f"{_FINDING} f JOIN {_VISIT} v ON v.id = f.visit_id "
        f"JOIN {_AUTHORITY} a ON a.id = v.authority_id JOIN {_DOCUMENT} d ON d.id = f.source_id",
        where=f"d.status = {_PUBLISHED} AND NOT f.hidden",
    )


def finding_counts_install(using: str = "default") -> None:
    """Write the triggers (again) and count every public finding afresh, in one transaction."""
    rebuild = [*(f"DELETE FROM {kept.table}" for kept in KEPT), *_add(1, _all_public())]
    triggers_install(using, "kept finding counts", TRIGGERS, rebuild)


def finding_counts_uninstall(using: str = "default") -> None:
    """Drop the triggers (before the counts' table goes, when migrating back)."""
    triggers_uninstall(using, TRIGGERS)


def kept_counts(using: str = "default") -> Counter:
    """{(region, visit_type, polarity, area, theme_id): n} as kept, without empty rows."""
    rows = FindingCount.objects.using(using).exclude(n=0).values_list(*BY_REGION.key.split(", "), "n")
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def live_counts(using: str = "default") -> Counter:
    """The same counted from the findings now: what kept_counts() must equal."""
    counts: Counter = Counter()
    public = Finding.objects.using(using).public()
    key = ("visit__authority__region", "visit__visit_type", "polarity", "area")
    for *values, n in public.values_list(*key).annotate(n=Count("pk")).order_by():
        counts[(*values, FINDINGS)] += n
    links = FindingTheme.objects.using(using).filter(finding__in=public)
    link_key = tuple(f"finding__{path}" for path in key)
    for *values, theme_id, n in links.values_list(*link_key, "theme_id").annotate(n=Count("pk")).order_by():
        counts[(*values, theme_id)] += n
    return counts


_BY_POLARITY = ("strengths", "concerns", "mixed", "neutral")
_POLARITIES = (Polarity.STRENGTH, Polarity.CONCERN, Polarity.MIXED, Polarity.NEUTRAL)


def kept_visit_counts(using: str = "default") -> dict[tuple[int, int], tuple[int, ...]]:
    """{(visit_id, theme_id): (strengths, concerns, mixed, neutral)} as kept, without empty rows."""
    rows = VisitThemeCount.objects.using(using).values_list("visit_id", "theme_id", *_BY_POLARITY)
    return {(visit, theme): tuple(counts) for visit, theme, *counts in rows if any(counts)}


def live_visit_counts(using: str = "default") -> dict[tuple[int, int], tuple[int, ...]]:
    """The same counted from the findings now: what kept_visit_counts() must equal."""
    counts: dict[tuple[int, int], list[int]] = {}

    def add(visit: int, theme_id: int, polarity: str, n: int) -> None:
        counts.setdefault((visit, theme_id), [0, 0, 0, 0])[_POLARITIES.index(polarity)] += n

    public = Finding.objects.using(using).public()
    for visit, polarity, n in public.values_list("visit_id", "polarity").annotate(n=Count("pk")).order_by():
        add(visit, FINDINGS, polarity, n)
    links = FindingTheme.objects.using(using).filter(finding__in=public)
    key = ("finding__visit_id", "finding__polarity", "theme_id")
    for visit, polarity, theme_id, n in links.values_list(*key).annotate(n=Count("pk")).order_by():
        add(visit, theme_id, polarity, n)
    return {key: tuple(values) for key, values in counts.items()}
