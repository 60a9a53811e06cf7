"""The kept latest judgements (LatestJudgement), and the database triggers that keep them.

A judgement is public when its document is published (or it has none) and its visit has a
published source; an authority's latest in an area is its newest public judgement there in
JudgementQuerySet.latest_first()'s order. Whatever changes one of those values (a judgement, a
visit's date or authority, a visit's sources, a document's status) has the rows of the
authorities it touches found again, in the statement's own transaction, whatever path made the
change: the ingest, a queryset's update() or delete(), a cascade, the admin.

After `migrate` (and a test database's flush, which empties the table beneath the triggers) the
triggers are written again and every row found afresh.
"""

from __future__ import annotations

from inspections.models import Judgement, LatestJudgement, SourceDocument, Visit, VisitSource
from inspections.row_triggers import triggers_install, triggers_uninstall

_LATEST = LatestJudgement._meta.db_table
_JUDGEMENT = Judgement._meta.db_table
_VISIT = Visit._meta.db_table
_LINK = VisitSource._meta.db_table
_DOCUMENT = SourceDocument._meta.db_table
_PUBLISHED = f"'{SourceDocument.Status.PUBLISHED.value}'"


def _find_again(authorities: str) -> list[str]:
    """Statements replacing the rows of the authorities `authorities` (an SQL condition on
    authority_id) with their latest public judgement in each area."""
    ranked = (
        f"SELECT v.authority_id, j.area, j.id, j.grade, j.visit_id, v.sort_date, ROW_NUMBER() OVER "
        f"(PARTITION BY v.authority_id, j.area ORDER BY v.sort_date DESC NULLS LAST, v.id DESC) AS place "
        f"FROM {_JUDGEMENT} j JOIN {_VISIT} v ON v.id = j.visit_id "
        f"LEFT JOIN {_DOCUMENT} d ON d.id = j.source_id "
        f"WHERE v.{authorities} AND (j.source_id IS NULL OR d.status = {_PUBLISHED}) "
        f"AND EXISTS (SELECT 1 FROM {_LINK} l JOIN {_DOCUMENT} p ON p.id = l.document_id "
        f"WHERE l.visit_id = v.id AND p.status = {_PUBLISHED})"
    )
    return [
        f"DELETE FROM {_LATEST} WHERE {authorities}",
        f"INSERT INTO {_LATEST} (authority_id, area, judgement_id, grade, visit_id, sort_date) "
        f"SELECT authority_id, area, id, grade, visit_id, sort_date FROM ({ranked}) ranked WHERE place = 1",
    ]


def _of_visits(*visits: str) -> str:
    return f"authority_id IN (SELECT authority_id FROM {_VISIT} WHERE id IN ({', '.join(visits)}))"


def _of_document(row: str) -> str:
    return (
        f"authority_id IN (SELECT v.authority_id FROM {_VISIT} v JOIN {_LINK} l ON l.visit_id = v.id "
        f"WHERE l.document_id = {row}.id UNION SELECT v.authority_id FROM {_VISIT} v "
        f"JOIN {_JUDGEMENT} j ON j.visit_id = v.id WHERE j.source_id = {row}.id)"
    )


# (name, table, event, condition or "", statements)
TRIGGERS = [
    ("latest_judgements_judgement_insert", _JUDGEMENT, "INSERT", "", _find_again(_of_visits("NEW.visit_id"))),
    ("latest_judgements_judgement_delete", _JUDGEMENT, "DELETE", "", _find_again(_of_visits("OLD.visit_id"))),
    (
        "latest_judgements_judgement_update",
        _JUDGEMENT,
        "UPDATE",
        "",
        _find_again(_of_visits("OLD.visit_id", "NEW.visit_id")),
    ),
    (
        "latest_judgements_visit_update",
        _VISIT,
        "UPDATE OF sort_date, authority_id",
        "",
        _find_again("authority_id IN (OLD.authority_id, NEW.authority_id)"),
    ),
    ("latest_judgements_link_insert", _LINK, "INSERT", "", _find_again(_of_visits("NEW.visit_id"))),
    ("latest_judgements_link_delete", _LINK, "DELETE", "", _find_again(_of_visits("OLD.visit_id"))),
    (
        "latest_judgements_link_update",
        _LINK,
        "UPDATE OF visit_id, document_id",
        "",
        _find_again(_of_visits("OLD.visit_id", "NEW.visit_id")),
    ),
    (
        "latest_judgements_document_update",
        _DOCUMENT,
        "UPDATE OF status",
        "",
        _find_again(_of_document("NEW")),
    ),
]


def latest_judgements_install(using: str = "default") -> None:
    """Write the triggers (again) and find every authority's latest judgements afresh."""
    triggers_install(using, "kept latest judgements", TRIGGERS, _find_again("authority_id IS NOT NULL"))


def latest_judgements_uninstall(using: str = "default") -> None:
    """Drop the triggers (before the table goes, when migrating back)."""
    triggers_uninstall(using, TRIGGERS)


def kept_latest(using: str = "default") -> dict[tuple[int, str], int]:
    """{(authority_id, area): judgement_id} as kept."""
    rows = LatestJudgement.objects.using(using).values_list("authority_id", "area", "judgement_id")
    return {(authority, area): judgement for authority, area, judgement in rows}


def live_latest(using: str = "default") -> dict[tuple[int, str], int]:
    """The same found now by JudgementQuerySet.latest_of(): what kept_latest() must equal."""
    pairs = Judgement.objects.using(using).public().values_list("visit__authority_id", "area").distinct()
    return {
        (authority, area): Judgement.objects.using(using)
        .latest_of(authority, [area])
        .values_list("pk", flat=True)[0]
        for authority, area in pairs
    }
