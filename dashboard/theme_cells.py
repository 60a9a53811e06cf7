"""The rows of compare's heat map as HTML. Eight authorities make about 250 cells; written in the
template, each cell took some thirty variables, filters and tags, three quarters of the page's
rendering (150 of 205 ms of CPU at 25,000 findings). Here a cell is one f-string, its text escaped
by the standard library's html.escape (what Django's escape calls), the same markup.
"""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from dashboard.formatting import plural_count, polarity_label, visit_when
from dashboard.theme_counts import ThemeCell, ThemeComparison, ThemeRow

QUOTE_WORDS = 30


class _HeatMap:
    """Renders one comparison's rows; each source's address and each visit's date worked out once."""

    def __init__(self, themes: ThemeComparison):
        self.themes = themes
        self.findings_url = escape(reverse("findings"))
        self.source_urls: dict[int, str] = {}
        self.visit_dates: dict[int, str] = {}

    def rows(self) -> str:
        return "\n".join(
            f'<tr class="govuk-table__row" id="theme-{escape(row.slug)}">\n'
            f'<th scope="row" class="govuk-table__header">{escape(row.name)}</th>\n'
            + "\n".join(self.cell(cell, row) for cell in row.cells)
            + "\n</tr>"
            for row in self.themes.rows
        )

    def cell(self, cell: ThemeCell, row: ThemeRow) -> str:
        authority = cell.authority
        opening = (
            f'<td class="govuk-table__cell" data-authority="{escape(authority.slug)}" '
            f'data-label="{escape(authority.name)}">\n'
        )
        if not cell.total:
            said = "No report loaded" if authority in self.themes.without_reports else "Not mentioned"
            return f'{opening}<span class="app-muted">{said}</span>\n</td>'
        band, word = cell.band
        on = f"on {escape(row.name.lower())} at {escape(authority.name)}"
        html = (
            f'{opening}<strong class="app-balance app-balance--{band}"><span class="app-balance__word">{word}'
            f'</span> <span class="app-balance__number">{cell.signed_balance}</span></strong>\n'
            f'<a class="govuk-link app-counts" href="{self.findings_url}?authority={escape(authority.slug)}'
            f'&amp;theme={escape(row.slug)}">{plural_count(cell.strengths, "strength,strengths")}, '
            f"{plural_count(cell.concerns, 'concern,concerns')}, {cell.mixed} mixed, {cell.neutral} neutral"
            f'<span class="govuk-visually-hidden"> {on}</span></a>\n'
            f'<span class="app-muted app-reports">in {plural_count(cell.reports, "report,reports")}</span>\n'
        )
        if cell.quote:
            return html + self.quote(cell.quote, on) + "</td>"
        if cell.quoted_under:
            under = cell.quoted_under
            html += (
                '<span class="app-muted app-quoted-under">Latest finding quoted under '
                f'<a class="govuk-link" href="#theme-{escape(under.slug)}">{escape(under.name)}</a></span>\n'
            )
        return html + "</td>"

    def quote(self, finding, on: str) -> str:
        if finding.source_id not in self.source_urls:
            self.source_urls[finding.source_id] = escape(reverse("source-detail", args=[finding.source_id]))
        if finding.visit_id not in self.visit_dates:
            self.visit_dates[finding.visit_id] = escape(visit_when(finding.visit))
        return (
            '<details class="app-quote-details">\n'
            f"<summary>{escape(polarity_label(finding.polarity))}, {self.visit_dates[finding.visit_id]}"
            f'<span class="govuk-visually-hidden">: the latest quote {on}</span></summary>\n'
            f'<blockquote class="app-quote">\u201c{escape(truncatewords(finding.text, QUOTE_WORDS))}\u201d</blockquote>\n'
            f'<a class="govuk-link govuk-body-s" href="{self.source_urls[finding.source_id]}">'
            f"Source: {escape(str(finding.source))}</a>\n"
            "</details>\n"
        )


def theme_rows(themes: ThemeComparison) -> SafeString:
    """A <tr> for each theme of the comparison: its name, then a <td> for each authority: the balance
    and the word for it, the counts linking to those findings in the explorer, the reports, and the
    quote (or the row that quotes the finding it would); or why there is none."""
    return mark_safe(_HeatMap(themes).rows())
