"""Grade bands (dashboard.grade_bands) as HTML: the SVG drawing, its key and the table of the same
periods. Written in a template, the busiest authority's 83 periods and 20 markers took some 2,000
variables, filters and tags, a fifth of its page's CPU after a write; here each element is one
f-string, text escaped by the standard library's html.escape (what Django's escape calls). The
authority page and /compare/ draw their bands by it (templates/includes/grade_bands.html).
"""

from __future__ import annotations

from html import escape

from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe

from dashboard.formatting import grade_label, plural_count, visit_kind, visit_when
from dashboard.grade_bands import Band, GradeBands, Group, Marker, Period
from dashboard.templatetags.outcomes import grade_tag

MARKER_GLYPHS = {
    "inspection": '<circle cx="0" cy="11" r="6"></circle>',
    "focused": '<path d="M0 3 L8 11 L0 19 L-8 11 Z"></path>',
    "monitoring": '<path d="M0 3 L8 18 L-8 18 Z"></path>',
}
OTHER_GLYPH = '<rect x="-5" y="6" width="10" height="10"></rect>'
KEY = """  <figcaption class="govuk-body-s app-bands__key">
    <span class="app-bands__key-item"><svg width="16" height="16" aria-hidden="true" focusable="false"><circle class="app-bands__key-inspection" cx="8" cy="8" r="6"></circle></svg> inspection</span>
    <span class="app-bands__key-item"><svg width="16" height="16" aria-hidden="true" focusable="false"><path class="app-bands__key-focused" d="M8 0 L16 8 L8 16 L0 8 Z"></path></svg> focused visit</span>
    <span class="app-bands__key-item"><svg width="16" height="16" aria-hidden="true" focusable="false"><path class="app-bands__key-monitoring" d="M8 1 L16 15 L0 15 Z"></path></svg> monitoring visit</span>
    <span class="app-bands__key-item"><svg width="16" height="16" aria-hidden="true" focusable="false"><rect class="app-bands__key-inspection" x="3" y="3" width="10" height="10"></rect></svg> other visit, or one of unstated type</span>
    <span class="app-bands__key-item"><svg width="24" height="16" aria-hidden="true" focusable="false"><rect class="app-bands__window" x="0" y="7" width="24" height="2"></rect></svg> when an undated visit happened, as far as the record tells</span>
"""


class _Drawing:
    """Draws one GradeBands; each visit's words ("Inspection, 7 August 2018") and link, and each
    month's name, worked out once: a visit has a marker and begins and ends periods in the table."""

    def __init__(self, bands: GradeBands, id: str, title: str, band_labels: bool):
        self.bands = bands
        self.id = escape(id)
        self.title = escape(title)
        self.band_labels = band_labels
        self.visit_words: dict[int, str] = {}
        self.visit_links: dict[int, str] = {}
        self.months: dict = {}

    def month(self, day) -> str:
        if day not in self.months:
            self.months[day] = format_date(day, "F Y")
        return self.months[day]

    def words(self, visit) -> str:
        if visit.pk not in self.visit_words:
            self.visit_words[visit.pk] = escape(f"{visit_kind(visit)}, {visit_when(visit)}")
        return self.visit_words[visit.pk]

    def html(self) -> str:
        return self.figure() + self.table()

    def figure(self) -> str:
        bands = self.bands
        height = bands.height
        until = self.month(bands.until) if bands.until else None
        html = (
            f'<figure class="app-bands" id="{self.id}">\n'
            f'  <svg class="app-bands__drawing" width="100%" height="{height}" role="img" '
            f'aria-labelledby="{self.id}-title">\n'
            f'    <title id="{self.id}-title">{self.title} from {self.month(bands.axis.start)} to '
            f"{until or 'today'}; the same periods are in the table below.</title>\n"
        )
        for year, at in bands.ticks:
            html += (
                f'    <line class="app-bands__tick" x1="{at}%" x2="{at}%" y1="0" y2="{height - 24}"></line>\n'
                f'    <text class="app-bands__year" x="{at}%" y="{height - 6}" text-anchor="middle">{year}</text>\n'
            )
        html += "".join(self.group(group) for group in bands.groups)
        html += (
            f'    <text class="app-bands__year" x="100%" y="{height - 6}" text-anchor="end">{until or "Today"}</text>\n'
            "  </svg>\n" + KEY
        )
        if bands.unplaced:
            html += (
                f'    <span class="app-bands__key-item">{plural_count(bands.unplaced, "visit,visits")} with no '
                f"date the record can place {'is' if bands.unplaced == 1 else 'are'} in the tables but not "
                "on the time line.</span>\n"
            )
        return html + "  </figcaption>\n</figure>\n"

    def group(self, group: Group) -> str:
        html = f'    <text class="app-bands__group" x="0" y="{group.y + 16}">{escape(group.label)}</text>\n'
        html += "".join(self.marker(marker, group) for marker in group.markers)
        return html + "".join(self.band(band) for band in group.bands)

    def marker(self, marker: Marker, group: Group) -> str:
        words = self.words(marker.visit)
        html = "    "
        if marker.window:
            left, width = marker.window
            html += (
                f'<rect class="app-bands__window" x="{left}%" y="{group.markers_y + 10}" width="{width}%" '
                f'height="2"><title>{words}</title></rect>'
            )
        return html + (
            f'\n    <svg class="app-bands__marker app-bands__marker--{marker.shape}" x="{marker.at}%" '
            f'y="{group.markers_y}" width="1" height="22" overflow="visible" data-visit="{marker.visit.pk}">'
            f"<title>{words}</title>{MARKER_GLYPHS.get(marker.shape, OTHER_GLYPH)}</svg>\n"
        )

    def band(self, band: Band) -> str:
        label = escape(band.label)
        html = ""
        if self.band_labels:
            html += f'    <text class="app-bands__label" x="0" y="{band.y - 6}">{label}</text>\n'
        return html + "".join(self.period(period, band, label) for period in band.periods)

    def period(self, period: Period, band: Band, label: str) -> str:
        grade = escape(period.grade or "")
        said = escape(grade_label(period.grade)) if period.grade else ""
        until = self.month(period.end) if period.end else "today"
        return (
            f'    <svg x="{period.left}%" y="{band.y}" width="{period.width}%" height="28" data-grade="{grade}">'
            f"<title>{label}: {said or 'no grade known'} from {self.month(period.start)} until {until}</title>"
            f'<rect class="app-band app-band--{grade or "none"}" width="100%" height="100%"></rect>'
            f'<text class="app-band__text" x="6" y="19">{said or "No grade known"}</text></svg>\n'
        )

    def table(self) -> str:
        authority_column = (
            "" if self.band_labels else '<th scope="col" class="govuk-table__header">Authority</th>'
        )
        html = (
            f'<div class="app-table-scroll" role="region" aria-label="{self.title}: the periods" tabindex="0">\n'
            f'<table class="govuk-table" id="{self.id}-table">\n'
            '  <caption class="govuk-table__caption govuk-table__caption--m">'
            f"{self.title}: each grade from the visit that gave it until the next</caption>\n"
            '  <thead class="govuk-table__head">\n'
            '    <tr class="govuk-table__row">\n'
            f"      {authority_column}\n"
            '      <th scope="col" class="govuk-table__header">Judgement</th>\n'
            '      <th scope="col" class="govuk-table__header">Grade</th>\n'
            '      <th scope="col" class="govuk-table__header">From</th>\n'
            '      <th scope="col" class="govuk-table__header">Until</th>\n'
            "    </tr>\n"
            "  </thead>\n"
            '  <tbody class="govuk-table__body">\n'
        )
        for group in self.bands.groups:
            authority_cell = (
                "" if self.band_labels else f'<td class="govuk-table__cell">{escape(group.label)}</td>'
            )
            for band in group.bands:
                label = escape(band.label)
                for period in band.periods:
                    if period.judgement:
                        html += (
                            f'    <tr class="govuk-table__row">{authority_cell}<td class="govuk-table__cell">{label}</td>'
                            f'<td class="govuk-table__cell">{grade_tag(period.grade)}</td>'
                            f'<td class="govuk-table__cell">{self.link(period.judgement.visit)}</td>'
                            f'<td class="govuk-table__cell">'
                            f"{self.link(period.ended_by.visit) if period.ended_by else 'today (in force)'}</td></tr>\n"
                        )
        return html + "  </tbody>\n</table>\n</div>\n"

    def link(self, visit) -> str:
        if visit.pk not in self.visit_links:
            self.visit_links[visit.pk] = (
                f'<a class="govuk-link" href="{escape(visit.get_absolute_url())}">{self.words(visit)}</a>'
            )
        return self.visit_links[visit.pk]


def grade_bands_html(bands: GradeBands, id: str, title: str, band_labels: bool) -> SafeString:
    """The grade in force over true time as SVG (`id` its element's id, `title` what it shows; each
    band labelled when `band_labels`, else each period's row names the group, an authority), its
    key, and the same periods as a table, so that it reads the same without colour or drawing."""
    return mark_safe(_Drawing(bands, id, title, band_labels).html())
