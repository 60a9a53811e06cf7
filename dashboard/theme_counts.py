"""Findings counted by theme: the theme matrix of a comparison and a visit's themes.

Strengths, concerns and the others (mixed or neutral) over public findings; a fixed number of
queries whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from inspections.models import Finding, FindingTheme, SourceDocument
from inspections.vocabulary import Polarity


@dataclass
class Tally:
    """Findings counted by polarity: strengths, concerns and the others (mixed or neutral)."""

    strengths: int = 0
    concerns: int = 0
    others: int = 0

    def add(self, polarity: str, count: int) -> None:
        if polarity == Polarity.STRENGTH:
            self.strengths += count
        elif polarity == Polarity.CONCERN:
            self.concerns += count
        else:
            self.others += count

    @property
    def total(self) -> int:
        return self.strengths + self.concerns + self.others


@dataclass
class MatrixCell(Tally):
    authority: object = None
    latest: Finding | None = None


@dataclass
class MatrixRow:
    slug: str
    name: str
    cells: list[MatrixCell]


@dataclass
class ThemeTally(Tally):
    slug: str = ""
    name: str = ""


def _latest_by_theme_and_authority(tagged) -> QuerySet[FindingTheme]:
    """The latest tagged finding of each theme at each authority (newest dated visit first,
    undated visits after, then the visit's first finding), annotated authority_id. The ranking
    reads narrow rows (ids and the finding's sort columns); only the winners are read whole."""
    ranked = (
        tagged.annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("theme_id"), F("finding__visit__authority_id")],
                order_by=[
                    F("finding__sort_date").desc(nulls_last=True),
                    F("finding__visit_id").desc(),
                    F("finding__source_id").asc(),
                    F("finding__position").asc(),
                ],
            ),
        )
        .filter(row=1)
        .values("pk")
    )
    return (
        FindingTheme.objects.filter(pk__in=ranked)
        .annotate(authority_id=F("finding__visit__authority_id"))
        .select_related("theme", "finding__visit", "finding__source")
        .defer(*SourceDocument.heavy_fields("finding__source"))
    )


def theme_matrix(authorities: Sequence) -> list[MatrixRow]:
    """Rows: every theme with a public finding for any of these authorities, by name. Columns: the
    authorities in the order given. Each cell counts strengths, concerns and others, and holds the
    latest finding. Two queries."""
    findings = Finding.objects.public().filter(visit__authority__in=[a.pk for a in authorities])
    tagged = FindingTheme.objects.filter(finding__in=findings)
    counts = (
        tagged.values("theme__slug", "theme__name", "finding__visit__authority_id", "finding__polarity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    names: dict[str, str] = {}
    cells: dict[tuple[str, int], MatrixCell] = {}
    by_pk = {authority.pk: authority for authority in authorities}

    def cell(slug: str, authority_id: int) -> MatrixCell:
        key = (slug, authority_id)
        if key not in cells:
            cells[key] = MatrixCell(authority=by_pk[authority_id])
        return cells[key]

    for row in counts:
        names[row["theme__slug"]] = row["theme__name"]
        cell(row["theme__slug"], row["finding__visit__authority_id"]).add(row["finding__polarity"], row["n"])
    for item in _latest_by_theme_and_authority(tagged):
        names[item.theme.slug] = item.theme.name
        cell(item.theme.slug, item.authority_id).latest = item.finding
    return [
        MatrixRow(
            slug=slug,
            name=names[slug],
            cells=[cells.get((slug, a.pk)) or MatrixCell(authority=a) for a in authorities],
        )
        for slug in sorted(names, key=lambda s: names[s].lower())
    ]


def theme_tallies(findings: Iterable[Finding]) -> list[ThemeTally]:
    """These findings counted by theme, themes by name, from their prefetched theme links (no query)."""
    themes: dict[str, ThemeTally] = {}
    for finding in findings:
        for link in finding.finding_themes.all():
            tally = themes.setdefault(link.theme.slug, ThemeTally(slug=link.theme.slug, name=link.theme.name))
            tally.add(finding.polarity, 1)
    return sorted(themes.values(), key=lambda tally: tally.name)
