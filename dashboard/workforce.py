"""Reads of the authority page's workforce section: DfE's social work workforce figures by year
beside England's, and what inspectors said about the workforce and caseloads."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from authorities.models import Authority, WorkforceFigure
from authorities.workforce import ENGLAND, FIGURES
from inspections.models import Finding, SourceDocument, Visit, VisitThemeCount

WORKFORCE_THEMES = ("workforce", "caseloads")
FINDINGS_SHOWN = 6


@dataclass(frozen=True)
class WorkforceYear:
    year: int
    figures: WorkforceFigure
    england: WorkforceFigure | None

    @property
    def cells(self) -> list[tuple]:
        """(the authority's figure, England's, unit) for each indicator; None where not published."""
        return [
            (
                getattr(self.figures, name),
                getattr(self.england, name) if self.england else None,
                "" if name == "caseload" else "%",
            )
            for name in FIGURES
        ]


def workforce_years(authority: Authority) -> list[WorkforceYear]:
    """The authority's figures, newest year first, each with England's of the same year. One query."""
    figures = WorkforceFigure.objects.filter(area_code__in=[authority.ons_code, ENGLAND])
    england = {figure.year: figure for figure in figures if figure.area_code == ENGLAND}
    own = sorted(
        (figure for figure in figures if figure.area_code == authority.ons_code),
        key=lambda figure: figure.year,
        reverse=True,
    )
    return [WorkforceYear(figure.year, figure, england.get(figure.year)) for figure in own]


def workforce_findings(authority: Authority) -> list[Finding]:
    """The latest public findings on the workforce or caseloads, with their visit and source. One
    query. Newest first is by visit, so they are among the FINDINGS_SHOWN newest visits that the
    kept counts (VisitThemeCount) say have any: read from those, not from every finding of the
    authority (9,400 rows with their text at 188 visits; 90-300 ms on SQLite)."""
    having = VisitThemeCount.objects.filter(visit=OuterRef("pk"), theme__slug__in=WORKFORCE_THEMES).filter(
        Q(strengths__gt=0) | Q(concerns__gt=0) | Q(mixed__gt=0) | Q(neutral__gt=0)
    )
    newest_visits = (
        Visit.objects.filter(Exists(having), authority=authority).latest_first().values("pk")[:FINDINGS_SHOWN]
    )
    return list(
        Finding.objects.public()
        .for_themes(WORKFORCE_THEMES)
        .filter(visit__in=newest_visits)
        .select_related("visit", "source")
        .defer(*SourceDocument.heavy_fields("source"))
        .newest_first()[:FINDINGS_SHOWN]
    )
