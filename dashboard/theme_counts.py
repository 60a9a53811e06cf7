"""Findings counted by theme: the theme comparison of authorities (a heat map) and a visit's themes.

Strengths, concerns and the others (mixed or neutral) over public findings; a fixed number of
queries whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import F

from inspections.models import Finding, FindingTheme, Theme, VisitThemeCount
from inspections.models.counts import FINDINGS
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
class ThemeTally(Tally):
    slug: str = ""
    name: str = ""


# A balance from -1 (every finding a concern) to +1 (every one a strength) is put in one of five
# bands, each with its word and colour: (lowest balance in the band, modifier, word).
BALANCE_BANDS = [
    (0.5, "strengths-2", "Mostly strengths"),
    (0.15, "strengths-1", "More strengths"),
    (-0.15, "balanced", "Balanced"),
    (-0.5, "concerns-1", "More concerns"),
    (-1.0, "concerns-2", "Mostly concerns"),
]


@dataclass
class ThemeCell:
    """One theme at one authority: its findings counted by polarity, the reports they came from,
    the balance per report, and the quote: the newest finding not quoted in another row of the
    same authority's column (quoted_under: the row that quotes it when every candidate is quoted)."""

    authority: object
    strengths: int = 0
    concerns: int = 0
    mixed: int = 0
    neutral: int = 0
    reports: int = 0
    balance: float | None = None
    latest_visits: tuple[int, ...] = ()
    quote: Finding | None = None
    quoted_under: ThemeRow | None = None

    @property
    def total(self) -> int:
        return self.strengths + self.concerns + self.mixed + self.neutral

    @property
    def band(self) -> tuple[str, str]:
        """(CSS modifier, word) of the balance's band."""
        return next((modifier, word) for low, modifier, word in BALANCE_BANDS if self.balance >= low - 1e-9)

    @property
    def signed_balance(self) -> str:
        """The balance to two places with its sign: "+0.45", "−0.20", "0.00"."""
        text = f"{abs(self.balance):.2f}"
        if text == "0.00":
            return text
        return ("+" if self.balance > 0 else "\u2212") + text


@dataclass
class ThemeRow:
    slug: str
    name: str
    cells: list[ThemeCell]


@dataclass
class ThemeComparison:
    """Rows: every theme with a public finding at any of these authorities, by name. Columns: the
    authorities in the order given. without_reports: the authorities with no public finding."""

    rows: list[ThemeRow]
    without_reports: list = field(default_factory=list)


def _per_report_sql(authority_ids: list[int]) -> tuple[str, list]:
    """Public findings of these authorities' visits counted per theme (FINDINGS for the findings
    themselves) and visit, by polarity, as kept: one row a (theme, authority, visit)."""
    per_report = (
        VisitThemeCount.objects.filter(visit__authority_id__in=authority_ids)
        .annotate(findings=F("strengths") + F("concerns") + F("mixed") + F("neutral"))
        .filter(findings__gt=0)
        .values(
            "theme_id",
            "findings",
            "strengths",
            "concerns",
            "mixed",
            authority=F("visit__authority_id"),
            report=F("visit_id"),
            report_date=F("visit__sort_date"),
        )
        .order_by()
    )
    return per_report.query.sql_with_params()


# Each (theme, authority): the counts summed over its reports, the reports, the balance averaged
# over them (each report's strengths minus concerns over its findings on the theme), and its two
# newest reports, where its quote is looked for.
_CELLS_SQL = """
SELECT theme_id, authority, COUNT(*), SUM(findings), SUM(strengths), SUM(concerns), SUM(mixed),
    AVG((strengths - concerns) * 1.0 / findings),
    MAX(CASE WHEN recency = 1 THEN report END), MAX(CASE WHEN recency = 2 THEN report END)
FROM (
    SELECT per_report.*, ROW_NUMBER() OVER (
        PARTITION BY theme_id, authority ORDER BY report_date DESC NULLS LAST, report DESC
    ) AS recency
    FROM ({per_report}) per_report
) ranked
GROUP BY theme_id, authority
"""


def _counted_cells(authorities: Sequence) -> tuple[dict[tuple[int, int], ThemeCell], set[int]]:
    """{(theme id, authority id): cell} with counts, balance and newest reports; and the ids of
    the authorities with any public finding. One query."""
    by_pk = {authority.pk: authority for authority in authorities}
    per_report, params = _per_report_sql(list(by_pk))
    cells = {}
    reported = set()
    with connections[Finding.objects.db].cursor() as cursor:
        cursor.execute(_CELLS_SQL.format(per_report=per_report), params)
        for theme, authority, reports, findings, strengths, concerns, mixed, balance, *newest in cursor:
            reported.add(authority)
            if theme == FINDINGS:
                continue
            cells[theme, authority] = ThemeCell(
                authority=by_pk[authority],
                strengths=strengths,
                concerns=concerns,
                mixed=mixed,
                neutral=findings - strengths - concerns - mixed,
                reports=reports,
                balance=float(balance),
                latest_visits=tuple(visit for visit in newest if visit is not None),
            )
    return cells, reported


def _quote_candidates(cells: dict[tuple[int, int], ThemeCell]) -> dict[tuple[int, int], list[int]]:
    """{(theme id, authority id): finding ids}, the public findings of each cell's newest reports
    on its theme, newest report first, then in document order. Narrow rows; one query."""
    newest = {(key[0], visit): key for key, cell in cells.items() for visit in cell.latest_visits}
    visits = {visit for _, visit in newest}
    links = (
        FindingTheme.objects.filter(finding__in=Finding.objects.public().filter(visit_id__in=visits))
        .values_list("theme_id", "finding__visit_id", "finding__source_id", "finding__position", "finding_id")
        .order_by("finding__source_id", "finding__position")
    )
    found: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for theme, visit, _, _, finding in links:
        key = newest.get((theme, visit))
        if key is not None:
            found.setdefault(key, []).append((cells[key].latest_visits.index(visit), finding))
    return {
        key: [finding for _, finding in sorted(items, key=lambda item: item[0])]
        for key, items in found.items()
    }


# What a quote shows: its text, polarity, visit's dates (formatting.visit_when; the CSV's sort_date)
# and source's name and link.
_QUOTED = (
    "text", "polarity", "visit", "source",
    "visit__start_date", "visit__end_date", "visit__approx_date", "visit__approx_date_precision",
    "visit__sort_date", "source__title", "source__filename",
)  # fmt: skip


def _quote_each_finding_once(rows: list[tuple[int, ThemeRow]], cells, candidates) -> None:
    """Down each authority's column, in the rows' order, each cell quotes its newest candidate not
    quoted above it. One query reads the quoted findings."""
    quoted_in: dict[int, ThemeRow] = {}
    chosen: dict[tuple[int, int], int] = {}
    for theme_id, row in rows:
        for cell in row.cells:
            options = candidates.get((theme_id, cell.authority.pk), [])
            fresh = [finding for finding in options if finding not in quoted_in]
            if fresh:
                chosen[theme_id, cell.authority.pk] = fresh[0]
                quoted_in[fresh[0]] = row
            elif options:
                cell.quoted_under = quoted_in[options[0]]
    findings = Finding.objects.filter(pk__in=chosen.values()).select_related("visit", "source")
    by_pk = {finding.pk: finding for finding in findings.only(*_QUOTED)}
    for key, finding in chosen.items():
        cells[key].quote = by_pk[finding]


def theme_comparison(authorities: Sequence) -> ThemeComparison:
    """The theme comparison of these authorities. Four queries."""
    cells, reported = _counted_cells(authorities)
    themes = Theme.objects.filter(pk__in={theme for theme, _ in cells}).order_by("name", "pk")
    rows = [
        (
            theme.pk,
            ThemeRow(
                slug=theme.slug,
                name=theme.name,
                cells=[cells.get((theme.pk, a.pk)) or ThemeCell(authority=a) for a in authorities],
            ),
        )
        for theme in themes.only("slug", "name")
    ]
    _quote_each_finding_once(rows, cells, _quote_candidates(cells))
    return ThemeComparison(
        rows=[row for _, row in rows],
        without_reports=[authority for authority in authorities if authority.pk not in reported],
    )


def theme_tallies(findings: Iterable[Finding]) -> list[ThemeTally]:
    """These findings counted by theme, themes by name, from their prefetched theme links (no query)."""
    themes: dict[str, ThemeTally] = {}
    for finding in findings:
        for link in finding.finding_themes.all():
            tally = themes.setdefault(link.theme.slug, ThemeTally(slug=link.theme.slug, name=link.theme.name))
            tally.add(finding.polarity, 1)
    return sorted(themes.values(), key=lambda tally: tally.name)
